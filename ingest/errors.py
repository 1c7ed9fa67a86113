"""Coded, actionable errors (after spaCy's `Errors`): what file, what was wrong, what to do."""

from __future__ import annotations


class Errors:
    E001 = "{file}: the PDF is encrypted. Ask the publisher for an unprotected copy, or remove the password, then rebuild."
    E002 = "{file}: the PDF is damaged or truncated ({detail}). Download it again from its source, then rebuild."
    E003 = "{file}: the file is empty. Replace it with the full document or delete it."
    E004 = "{file}: the PDF has no text layer (it is a scan). Run OCR on it (for example `ocrmypdf in.pdf out.pdf`) and put the OCR'd copy in the corpus."
    E005 = "{file}: the text is not UTF-8 ({detail}). Save it as UTF-8 (most editors offer 'Save as UTF-8'), then rebuild."
    E006 = "{file}: unknown file type '{suffix}'. Supported: .pdf, .txt, .md. Convert it, or move it out of the corpus folder."
    E007 = "{file}: no text could be segmented into findings. Check that it is a council paper and not a cover sheet or image."
    E200 = "{file}: scanned PDF page(s) {pages} have no text layer and were not read: Tesseract OCR is not installed. Install it (as root: `apt-get install tesseract-ocr tesseract-ocr-eng`, which scripts/build-site does), then rebuild."
    E201 = "{file}: OCR read PDF page(s) {pages} with low confidence (mean word confidence {detail}; below {threshold} is listed). Check their findings against the original; a cleaner scan (300 dpi, straight, black on white) reads better."
    E202 = "{file}: the PDF is scanned and OCR read no words on its {count} page(s) (blank pages or pictures). Check the original; if it has text, scan it again (300 dpi, black on white) and rebuild."
    E203 = "{file}: OCR failed on PDF page(s) {pages} ({detail}); they were left out. Rebuild; if it fails again, report it with the file attached."
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


class IngestError(Exception):
    """An error a user can act on. `code` names the entry in `Errors`."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        template = getattr(Errors, code)
        super().__init__(f"[{code}] " + template.format(**fields))


class ConfigError(IngestError):
    """A manifest or taxonomy problem: names the file, the entry and the key."""
