"""Coded, actionable errors (after spaCy's `Errors`): what file, what was wrong, what to do."""

from __future__ import annotations


class Errors:
    E001 = "{file}: the PDF is encrypted. Ask the publisher for an unprotected copy, or remove the password, then rebuild."
    E002 = "{file}: the PDF is damaged or truncated ({detail}). Download it again from its source, then rebuild."
    E003 = "{file}: the file is empty. Replace it with the full document or delete it."
    E004 = "{file}: the PDF has no text layer (it is a scan). Run OCR on it (for example `ocrmypdf in.pdf out.pdf`) and put the OCR'd copy in the corpus."
    E005 = "{file}: the text is not UTF-8 ({detail}). Save it as UTF-8 (most editors offer 'Save as UTF-8'), then rebuild."
    E006 = "{file}: unknown file type '{suffix}'. Supported: .pdf, .txt, .md. Convert it, or move it out of the corpus folder."
    E007 = "{file}: no text could be segmented into findings ({detail}). Check that it is a council paper and not a cover sheet or image."
    E010 = "{file}: manifest entry {entry}: key '{key}' {problem}. Fix the entry in the manifest and rebuild."
    E011 = "{file}: the manifest is not valid YAML ({detail}). Fix the YAML syntax (indentation, colons) and rebuild."
    E012 = "{file}: manifest entry {entry} names file '{target}', which is not in the corpus folder. Correct the file name or remove the entry."
    E020 = "{file}: theme {theme}: key '{key}' {problem}. Fix the theme in the taxonomy and rebuild."
    E021 = "{file}: the taxonomy is not valid YAML ({detail}). Fix the YAML syntax and rebuild."
    E030 = "{file}: failed in stage '{stage}': {detail}. This is a bug in the tool or an unusual document; report it with the file attached."
    E040 = "{file}: {entry}: key '{key}' {problem}. Fix the decision and rebuild."
    E041 = "{file}: the link decisions are not valid YAML ({detail}). Fix the YAML syntax (indentation, colons) and rebuild."
    E042 = "{file}: {entry} names finding '{finding}', which is not in the corpus (its paper removed, or the finding renumbered). Copy the id from the finding's permalink on the site, or remove the decision."
    E043 = "{file}: {entry} links a finding of {source_doc} to one of {target_doc}, which are not consecutive reviews of one series. Give both documents the same `series` in the manifest, or correct the ids."
    # What segmenting left out (ingest/coverage.py).
    E280 = "{file}: only {share} of the body text is in findings ({covered} of {total} characters; left out: {left}). That text cannot be searched or cited: open the paper beside its page on the site to see what was missed, and report the file if it is ordinary text."
    E281 = "{file}: agenda item {item} ('{title}') gave no findings ({detail}), so it was left out. Check the item's pages in the pack; if it is only a cover sheet, nothing is lost."
    # Where the site is written (ingest/publish.py).
    E100 = "{file}: the site folder {relation} the {role} {other}, and publishing replaces the whole site folder: {harm}. Pass --site a new or empty folder outside the corpus, the cache and docs/ (for example --site site), then build again."
    E101 = "{file}: the folder already holds files that council-ingest did not write (it has no {marker} file), and publishing the site would delete them. Pass --site a new or empty folder, or move those files out; a site built by an older council-ingest has no marker either: delete it and build again."
    E102 = "{file}: the site path is a file, not a folder. Pass --site a new or empty folder, or move the file away."
    E103 = "{file}: another build (pid {pid}) holds this lock on the {what} {target}; waited {waited} s for it to finish. Let it finish and build again, or pass --wait SECONDS to wait longer."
    E104 = "{file}: the site could not be written ({detail}). Free some disk space, or pass --site a folder you can write to, then build again; the published site was left as it was."
    E105 = "{file}: the build's lock file could not be made ({detail}). Make its folder writable, or pass --site and --cache folders you can write to."
    E120 = "{option}: '{value}' {problem}. Give the full http:// or https:// address the site is published at, like https://example.gov.uk/papers/."


class IngestError(Exception):
    """An error a user can act on. `code` names the entry in `Errors`."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        template = getattr(Errors, code)
        super().__init__(f"[{code}] " + template.format(**fields))


class ConfigError(IngestError):
    """A manifest or taxonomy problem: names the file, the entry and the key."""
