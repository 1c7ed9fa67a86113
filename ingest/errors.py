"""Coded, actionable errors (after spaCy's `Errors`): what file, what was wrong, what to do.

Each entry of `Errors` is an `ErrorCode` (its code and its message template), so a raise names it
as an attribute, `IngestError(Errors.E001, file=...)`: a misspelt code is a mypy error and an
AttributeError where it is written, never a failed look-up when the error is raised. Report
records (`InputReport.code`, the JSON build report) keep the code as a string, `Errors.E001.code`.

Every error a user can act on is an `IngestError`; the command line catches them in one place
(`ingest.cli.main`), prints the message without a traceback and exits with the error's
`exit_status` (see `EXIT_STATUSES`).
"""

from __future__ import annotations

from typing import ClassVar


class ErrorCode:
    """One entry of `Errors`: the code is the attribute's name (set when `Errors` is made), so the
    two cannot disagree."""

    __slots__ = ("code", "template")

    def __init__(self, template: str) -> None:
        self.template = template
        self.code = ""

    def __set_name__(self, owner: type, name: str) -> None:
        # Only its place in `Errors` names it: a model's `CODE = Errors.E010` must not rename it.
        if not self.code:
            self.code = name

    def message(self, **fields: object) -> str:
        return f"[{self.code}] " + self.template.format(**fields)

    def __repr__(self) -> str:
        return f"Errors.{self.code}"


class Errors:
    E001 = ErrorCode("{file}: the PDF is encrypted. Ask the publisher for an unprotected copy, or remove the password, then rebuild.")
    E002 = ErrorCode("{file}: the PDF is damaged or truncated ({detail}). Download it again from its source, then rebuild.")
    E003 = ErrorCode("{file}: the file is empty. Replace it with the full document or delete it.")
    E004 = ErrorCode("{file}: the PDF has no text layer (it is a scan). Run OCR on it (for example `ocrmypdf in.pdf out.pdf`) and put the OCR'd copy in the corpus.")
    E005 = ErrorCode("{file}: the text is not UTF-8 ({detail}). Save it as UTF-8 (most editors offer 'Save as UTF-8'), then rebuild.")
    E006 = ErrorCode("{file}: unknown file type '{suffix}'. Supported: .pdf, .txt, .md. Convert it, or move it out of the corpus folder.")
    E007 = ErrorCode("{file}: no text could be segmented into findings ({detail}). Check that it is a council paper and not a cover sheet or image.")
    E200 = ErrorCode("{file}: scanned PDF page(s) {pages} have no text layer and were not read: Tesseract OCR is not installed. Install it (as root: `apt-get install tesseract-ocr tesseract-ocr-eng`, which scripts/build-site does), then rebuild.")
    E201 = ErrorCode("{file}: OCR read PDF page(s) {pages} with low confidence (mean word confidence {detail}; below {threshold} is listed). Check their findings against the original; a cleaner scan (300 dpi, straight, black on white) reads better.")
    E202 = ErrorCode("{file}: the PDF is scanned and OCR read no words on its {count} page(s) (blank pages or pictures). Check the original; if it has text, scan it again (300 dpi, black on white) and rebuild.")
    E203 = ErrorCode("{file}: OCR failed on PDF page(s) {pages} ({detail}); they were left out. Rebuild; if it fails again, report it with the file attached.")
    E010 = ErrorCode("{file}: manifest entry {entry}: key '{key}' {problem}. Fix the entry in the manifest and rebuild.")
    E011 = ErrorCode("{file}: the manifest is not valid YAML ({detail}). Fix the YAML syntax (indentation, colons) and rebuild.")
    E012 = ErrorCode("{file}: manifest entry {entry} names file '{target}', which is not in the corpus folder. Correct the file name or remove the entry.")
    E020 = ErrorCode("{file}: theme {theme}: key '{key}' {problem}. Fix the theme in the taxonomy and rebuild.")
    E021 = ErrorCode("{file}: the taxonomy is not valid YAML ({detail}). Fix the YAML syntax and rebuild.")
    E030 = ErrorCode("{file}: failed in stage '{stage}': {detail}. This is a bug in the tool or an unusual document; report it with the file attached.")
    E180 = ErrorCode("{file}: the text file is {size}, over the limit of {limit} for one file. Split it into one file per paper (a real paper's text is rarely over 2 MB), then rebuild.")
    E181 = ErrorCode("{file}: the PDF has {pages} pages, over the limit of {limit}. Split it into parts of at most {limit} pages (for example `qpdf --split-pages={limit} in.pdf part.pdf`), then rebuild.")
    E182 = ErrorCode("{file}: the PDF's content inflates to more than {limit} (compressed streams that expand without end, as in a damaged or hostile file). Download it again from its source, or print it to a new PDF, then rebuild.")
    E183 = ErrorCode("{file}: stage '{stage}' ran past the time limit of {seconds:g} s and was stopped. Check the file (an unusually long or damaged paper, or a taxonomy pattern that is slow on its text), or raise the limit with --time-limit, then rebuild.")
    E184 = ErrorCode("{file}: stage '{stage}' ran out of memory ({detail}). Check the file (an unusually large or damaged paper), or raise the limit with --memory-limit, then rebuild.")
    E185 = ErrorCode("{file}: the worker process reading it stopped ({how}), most likely out of memory (the limit is {limit} for one file) or on a damaged file; it stopped again when tried on its own. Check the file, or raise the limit with --memory-limit, then rebuild.")
    E040 = ErrorCode("{file}: {entry}: key '{key}' {problem}. Fix the decision and rebuild.")
    E041 = ErrorCode("{file}: the link decisions are not valid YAML ({detail}). Fix the YAML syntax (indentation, colons) and rebuild.")
    E042 = ErrorCode("{file}: {entry} names finding '{finding}', which is not in the corpus (its paper removed, or the finding renumbered). Copy the id from the finding's permalink on the site, or remove the decision.")
    E043 = ErrorCode("{file}: {entry} links a finding of {source_doc} to one of {target_doc}, which are not consecutive reviews of one series. Give both documents the same `series` in the manifest, or correct the ids.")
    # What segmenting left out (ingest/document/coverage.py).
    E280 = ErrorCode("{file}: only {share} of the body text is in findings ({covered} of {total} characters; left out: {left}). That text cannot be searched or cited: open the paper beside its page on the site to see what was missed, and report the file if it is ordinary text.")
    E281 = ErrorCode("{file}: agenda item {item} ('{title}') gave no findings ({detail}), so it was left out. Check the item's pages in the pack; if it is only a cover sheet, nothing is lost.")
    # Where the site is written (ingest/site/publish.py).
    E100 = ErrorCode("{file}: the site folder {relation} the {role} {other}, and publishing replaces the whole site folder: {harm}. Pass --site a new or empty folder outside the corpus, the cache and docs/ (for example --site site), then build again.")
    E101 = ErrorCode("{file}: the folder already holds files that council-ingest did not write (it has no {marker} file), and publishing the site would delete them. Pass --site a new or empty folder, or move those files out; a site built by an older council-ingest has no marker either: delete it and build again.")
    E102 = ErrorCode("{file}: the site path is a file, not a folder. Pass --site a new or empty folder, or move the file away.")
    E103 = ErrorCode("{file}: another build (pid {pid}) holds this lock on the {what} {target}; waited {waited} s for it to finish. Let it finish and build again, or pass --wait SECONDS to wait longer.")
    E104 = ErrorCode("{file}: the site could not be written ({detail}). Free some disk space, or pass --site a folder you can write to, then build again; the published site was left as it was.")
    E105 = ErrorCode("{file}: the build's lock file could not be made ({detail}). Make its folder writable, or pass --site and --cache folders you can write to.")
    E120 = ErrorCode("{option}: '{value}' {problem}. Give the full http:// or https:// address the site is published at, like https://example.gov.uk/papers/.")
    # Configuration files: read safely (ingest/config/configfile.py).
    E140 = ErrorCode("{file}: the file is larger than {limit}, the most a configuration file may be. Check that it is the right file (a manifest of 5,000 papers is about 1.5 MB), then rebuild.")
    E141 = ErrorCode("{file}: the file is not UTF-8 ({detail}). Save it as UTF-8 (most editors offer 'Save as UTF-8'), then rebuild.")
    E142 = ErrorCode("{file}: line {line}: {detail}. Write the values out instead of repeating them through aliases, then rebuild.")
    E143 = ErrorCode("{file}: line {line}: the YAML nests more than {limit} levels deep. Check the brackets and indentation (a configuration file needs only a few levels), then rebuild.")
    E144 = ErrorCode("{file}: line {line}: key '{key}' is written twice in one mapping (first at line {first}), and only one can count. Keep one of them, then rebuild.")
    E155 = ErrorCode("{file}: the file cannot be read ({detail}). Check that the build may read it (its permissions), then rebuild.")
    # Inputs are what the corpus holds.
    E145 = ErrorCode("{file}: a link to a file outside the corpus folder, so it is not read. Copy the paper into the corpus folder instead of linking to it, then rebuild.")
    E146 = ErrorCode("{file}: a link to a file that does not exist (moved or deleted). Restore the paper or delete the link, then rebuild.")
    E147 = ErrorCode("{file}: a link to a folder, which the build does not follow. Move or copy the papers into the corpus folder, then rebuild.")
    E148 = ErrorCode("{file}: not a regular file (a device, pipe or socket). Remove it from the corpus folder.")
    E149 = ErrorCode("{file}: a {settings} in a subfolder is not read: only the one in the corpus folder is. Move its entries into the corpus folder's {settings}, or delete it.")
    E150 = ErrorCode("{file}: this is a PDF named '{suffix}'. Rename it to .pdf, then rebuild.")
    E151 = ErrorCode("{file}: this is a text file named '.pdf'. Rename it to .txt (or .md if it is Markdown), then rebuild.")
    E152 = ErrorCode("{file}: this is {what} named '{suffix}', not a PDF or text. Save the paper as PDF (or as UTF-8 text) and put that in the corpus instead, then rebuild.")
    E153 = ErrorCode("{file}: its manifest id '{id}' is also the id of {other}, but the two are different papers ({score}% alike; copies of one paper are {threshold}% or more), so it was left out. Give one of them its own id in the manifest, then rebuild.")
    E154 = ErrorCode("--executor dask: the Dask libraries are not installed ({detail}); install the dask extra: pip install 'council-ingest[dask]', or build with --executor process.")
    # Building the pages (ingest/site/engine.py, E340-E359)
    E340 = ErrorCode("{file}: MkDocs stopped the build at {count} error(s) (the site is built strict, so that no page with a broken part is published): {detail}. Fix what they name in this mkdocs.yml or in docs/ (the web team's pages); an error about a generated page is a bug to report with this message. The published site was left as it was.")
    E341 = ErrorCode("{file}: MkDocs could not read the site's configuration (this file, which the generated one inherits): {detail}. Fix the key it names, then rebuild; the published site was left as it was.")
    E342 = ErrorCode("{file}: MkDocs failed while building the pages: {detail}. If a hook or template of this project is named, fix it; otherwise build again from nothing (delete the cache's render folder) and report this message if it fails again. The published site was left as it was.")
    # corpus/site.yaml, the site's settings (E220-E239: metadata)
    E220 = ErrorCode("{file}: key '{key}' {problem}. Fix it in the site settings (publisher, site_title, site_url), then rebuild.")
    E221 = ErrorCode("{file}: '{key}' is '{value}' here but '{other}' in {manifest}, and only one can count. Set it in one of the two files, then rebuild.")
    E222 = ErrorCode("{file}: the site settings are not valid YAML ({detail}). Fix the YAML syntax (indentation, colons), then rebuild.")

    # The officers' commands and the command line (E300-E319).
    E300 = ErrorCode("{site}: no built site there (no {missing}). Run `python -m ingest build` first, or pass --site the folder the site was built into.")
    E301 = ErrorCode("{site}: the site was built before possible matches were published. Rebuild it (`python -m ingest build`).")
    E302 = ErrorCode("{site}: the site has no follow-through links: no two reviews share a series. Give consecutive reviews the same `series` in the manifest (corpus/manifest.yaml) and rebuild.")
    E303 = ErrorCode("No earlier finding of a linked series is '{only}' or in it. Give a document id or a finding id as in findings.jsonl, or run without it for the whole queue.")
    E304 = ErrorCode("'{wanted}' is a finding in {count} documents ({shown}). Give the whole id or copy the finding's permalink.")
    E305 = ErrorCode("No finding '{wanted}' in the built site (the ids are listed in {listed_in}). Copy the id (or the permalink) from the finding on the site, or rebuild if the paper was added since.")
    E306 = ErrorCode("{source} and {target} are not in consecutive reviews of one series, so the site would not show the link. Check the ids, or give both papers the same `series` in the manifest.")
    E307 = ErrorCode("The rules neither link {source} to {target} nor offer it as a possible match: there is nothing to reject.")
    E308 = ErrorCode("{file} already has {entry} on this link ({decision}). Edit or remove that entry instead.")
    E310 = ErrorCode("{file}: Pagefind could not index the site; it said:\n{detail}\nCheck that Pagefind is installed (pip install 'pagefind[bin]') and the disk has room, then build again; the published site was left as it was.")
    E311 = ErrorCode("{corpus}: no corpus folder there. Create it and put the papers (PDF, .txt, .md) in it, or pass --corpus DIR.")
    E312 = ErrorCode("--strict: {detail}; the site was not written. Fix what is listed above, then build again.")

class IngestError(Exception):
    """An error a user can act on: `error` is its entry in `Errors`; `code` the code as a string
    (for report records); `exit_status` what the command line exits with."""

    exit_status: ClassVar[int] = 2

    def __init__(self, error: ErrorCode, **fields: object) -> None:
        if not isinstance(error, ErrorCode):
            raise TypeError(f"IngestError takes an entry of Errors (Errors.E001), not {error!r}")
        self.error = error
        self.code = error.code
        self.fields = fields
        super().__init__(error.message(**fields))

    def with_file(self, file: object) -> IngestError:
        """The same error naming `file` (the extractors name a file by its own name only; the
        build names it by its path from the corpus folder)."""
        return type(self)(self.error, **{**self.fields, "file": file})


class ConfigError(IngestError):
    """A manifest or taxonomy problem: names the file, the entry and the key."""


class NoBuiltSite(IngestError):
    """`explain`, `decide` or `review` was given a folder that holds no built site."""

    exit_status = 1


class DecisionRefused(IngestError):
    """A decision `ingest decide` will not write, with what to do instead."""

    exit_status = 1


class NothingToReview(IngestError):
    """The review queue cannot be made (nothing matches what was asked), with what to do."""

    exit_status = 1


class UnknownFinding(IngestError):
    """No finding, or more than one, answers to what was given; the message says what to give instead."""

    exit_status = 1


class RenderError(IngestError):
    """MkDocs failed on the generated pages (its own message is the detail)."""


class SearchIndexError(IngestError):
    """Pagefind failed to index the site (its own message is the detail)."""


class StrictFailure(IngestError):
    """`--strict`: a file was skipped, scanned pages were not read well, or a warning was logged."""

    exit_status = 1


# What `python -m ingest` exits with (the --help epilog and the README list the same).
EXIT_STATUSES = {
    0: "success",
    1: "the command ran but could not do what was asked: --strict found skipped files or warnings; explain, decide or review found no built site, no such finding, or nothing to review; a decision was refused",
    2: "an error to fix before anything can run: the manifest, taxonomy, site settings or link decisions, the corpus, site or cache folder, MkDocs or Pagefind",
    3: "a bug in council-ingest (a traceback is printed): report it",
    130: "interrupted (Ctrl-C)",
}
