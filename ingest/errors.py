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
    E180 = "{file}: the text file is {size}, over the limit of {limit} for one file. Split it into one file per paper (a real paper's text is rarely over 2 MB), then rebuild."
    E181 = "{file}: the PDF has {pages} pages, over the limit of {limit}. Split it into parts of at most {limit} pages (for example `qpdf --split-pages={limit} in.pdf part.pdf`), then rebuild."
    E182 = "{file}: the PDF's content inflates to more than {limit} (compressed streams that expand without end, as in a damaged or hostile file). Download it again from its source, or print it to a new PDF, then rebuild."
    E183 = "{file}: stage '{stage}' ran past the time limit of {seconds:g} s and was stopped. Check the file (an unusually long or damaged paper, or a taxonomy pattern that is slow on its text), or raise the limit with --time-limit, then rebuild."
    E184 = "{file}: stage '{stage}' ran out of memory ({detail}). Check the file (an unusually large or damaged paper), or raise the limit with --memory-limit, then rebuild."
    E185 = "{file}: the worker process reading it stopped ({how}), most likely out of memory (the limit is {limit} for one file) or on a damaged file; it stopped again when tried on its own. Check the file, or raise the limit with --memory-limit, then rebuild."
    E040 = "{file}: {entry}: key '{key}' {problem}. Fix the decision and rebuild."
    E041 = "{file}: the link decisions are not valid YAML ({detail}). Fix the YAML syntax (indentation, colons) and rebuild."
    E042 = "{file}: {entry} names finding '{finding}', which is not in the corpus (its paper removed, or the finding renumbered). Copy the id from the finding's permalink on the site, or remove the decision."
    E043 = "{file}: {entry} links a finding of {source_doc} to one of {target_doc}, which are not consecutive reviews of one series. Give both documents the same `series` in the manifest, or correct the ids."
    # What segmenting left out (ingest/document/coverage.py).
    E280 = "{file}: only {share} of the body text is in findings ({covered} of {total} characters; left out: {left}). That text cannot be searched or cited: open the paper beside its page on the site to see what was missed, and report the file if it is ordinary text."
    E281 = "{file}: agenda item {item} ('{title}') gave no findings ({detail}), so it was left out. Check the item's pages in the pack; if it is only a cover sheet, nothing is lost."
    # Where the site is written (ingest/site/publish.py).
    E100 = "{file}: the site folder {relation} the {role} {other}, and publishing replaces the whole site folder: {harm}. Pass --site a new or empty folder outside the corpus, the cache and docs/ (for example --site site), then build again."
    E101 = "{file}: the folder already holds files that council-ingest did not write (it has no {marker} file), and publishing the site would delete them. Pass --site a new or empty folder, or move those files out; a site built by an older council-ingest has no marker either: delete it and build again."
    E102 = "{file}: the site path is a file, not a folder. Pass --site a new or empty folder, or move the file away."
    E103 = "{file}: another build (pid {pid}) holds this lock on the {what} {target}; waited {waited} s for it to finish. Let it finish and build again, or pass --wait SECONDS to wait longer."
    E104 = "{file}: the site could not be written ({detail}). Free some disk space, or pass --site a folder you can write to, then build again; the published site was left as it was."
    E105 = "{file}: the build's lock file could not be made ({detail}). Make its folder writable, or pass --site and --cache folders you can write to."
    E120 = "{option}: '{value}' {problem}. Give the full http:// or https:// address the site is published at, like https://example.gov.uk/papers/."
    # Configuration files: read safely (ingest/config/configfile.py).
    E140 = "{file}: the file is larger than {limit}, the most a configuration file may be. Check that it is the right file (a manifest of 5,000 papers is about 1.5 MB), then rebuild."
    E141 = "{file}: the file is not UTF-8 ({detail}). Save it as UTF-8 (most editors offer 'Save as UTF-8'), then rebuild."
    E142 = "{file}: line {line}: {detail}. Write the values out instead of repeating them through aliases, then rebuild."
    E143 = "{file}: line {line}: the YAML nests more than {limit} levels deep. Check the brackets and indentation (a configuration file needs only a few levels), then rebuild."
    E144 = "{file}: line {line}: key '{key}' is written twice in one mapping (first at line {first}), and only one can count. Keep one of them, then rebuild."
    E155 = "{file}: the file cannot be read ({detail}). Check that the build may read it (its permissions), then rebuild."
    # Inputs are what the corpus holds.
    E145 = "{file}: a link to a file outside the corpus folder, so it is not read. Copy the paper into the corpus folder instead of linking to it, then rebuild."
    E146 = "{file}: a link to a file that does not exist (moved or deleted). Restore the paper or delete the link, then rebuild."
    E147 = "{file}: a link to a folder, which the build does not follow. Move or copy the papers into the corpus folder, then rebuild."
    E148 = "{file}: not a regular file (a device, pipe or socket). Remove it from the corpus folder."
    E149 = "{file}: a {settings} in a subfolder is not read: only the one in the corpus folder is. Move its entries into the corpus folder's {settings}, or delete it."
    E150 = "{file}: this is a PDF named '{suffix}'. Rename it to .pdf, then rebuild."
    E151 = "{file}: this is a text file named '.pdf'. Rename it to .txt (or .md if it is Markdown), then rebuild."
    E152 = "{file}: this is {what} named '{suffix}', not a PDF or text. Save the paper as PDF (or as UTF-8 text) and put that in the corpus instead, then rebuild."
    E153 = "{file}: its manifest id '{id}' is also the id of {other}, but the two are different papers ({score}% alike; copies of one paper are {threshold}% or more), so it was left out. Give one of them its own id in the manifest, then rebuild."
    E154 = "--executor dask: the Dask libraries are not installed ({detail}); install the dask extra: pip install 'council-ingest[dask]', or build with --executor process."
    # Building the pages (ingest/site/engine.py, E340-E359)
    E340 = "{file}: MkDocs stopped the build at {count} error(s) (the site is built strict, so that no page with a broken part is published): {detail}. Fix what they name in this mkdocs.yml or in docs/ (the web team's pages); an error about a generated page is a bug to report with this message. The published site was left as it was."
    E341 = "{file}: MkDocs could not read the site's configuration (this file, which the generated one inherits): {detail}. Fix the key it names, then rebuild; the published site was left as it was."
    E342 = "{file}: MkDocs failed while building the pages: {detail}. If a hook or template of this project is named, fix it; otherwise build again from nothing (delete the cache's render folder) and report this message if it fails again. The published site was left as it was."
    # corpus/site.yaml, the site's settings (E220-E239: metadata)
    E220 = "{file}: key '{key}' {problem}. Fix it in the site settings (publisher, site_title, site_url), then rebuild."
    E221 = "{file}: '{key}' is '{value}' here but '{other}' in {manifest}, and only one can count. Set it in one of the two files, then rebuild."
    E222 = "{file}: the site settings are not valid YAML ({detail}). Fix the YAML syntax (indentation, colons), then rebuild."


class IngestError(Exception):
    """An error a user can act on. `code` names the entry in `Errors`."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        template = getattr(Errors, code)
        super().__init__(f"[{code}] " + template.format(**fields))


class ConfigError(IngestError):
    """A manifest or taxonomy problem: names the file, the entry and the key."""
