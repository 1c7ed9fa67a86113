"""The files officers edit (manifest, taxonomy, site settings), read and validated in one place."""
