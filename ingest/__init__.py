"""Turn council committee papers into a searchable, citable knowledge site.

Stages (each a small typed function in its own module):
extract -> normalise -> segment -> tag (per document), then link (across the corpus), then render.
`ingest.pipeline.build` is the one orchestrator that runs them.
"""

__version__ = "0.1.0"

# Bump when a change to any stage changes its output: the build cache keys on it.
PIPELINE_VERSION = "2026.12.03-2"  # -2: tables read row by row (issue 14)
