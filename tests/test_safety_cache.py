"""No cache entry is trusted without checking it (issue 13, item 5).

The bundled corpus is built once with a cache; each case restores that warm state to the same
folder (the render state's fingerprint holds absolute paths, so the same folder keeps the next
build an incremental one), damages one kind of entry, builds again through the real build, and
checks that the build neither crashes nor publishes the damage: the site is byte for byte the
clean build's, every document page has all its findings, the search index covers every
document, and the damage was noticed (a warning, a corrupt count), not rebuilt by luck.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.cache import seal, unseal
from ingest.pipeline import BuildOptions, BuildResult, build

from .conftest import CORPUS


class Warm:
    """The warm build's folder (`work`) and a pristine copy of it to restore from."""

    def __init__(self, work: Path, pristine: Path) -> None:
        self.work, self.pristine = work, pristine
        self.site, self.cache, self.corpus = work / "site", work / "cache", work / "corpus"
        self.staged = self.cache / "render" / "src"

    def restore(self) -> None:
        shutil.rmtree(self.work)
        shutil.copytree(self.pristine, self.work, symlinks=True)  # copy2: times kept, so MkDocs's dirty build sees them

    def build(self) -> BuildResult:
        return build(BuildOptions(corpus=self.corpus, site=self.site, cache_dir=self.cache, executor="serial"))

    def entries(self, kind: str) -> list[Path]:
        return sorted((self.cache / kind).rglob("*.json"))


@pytest.fixture(scope="module")
def warm_state(tmp_path_factory: pytest.TempPathFactory) -> Warm:
    root = tmp_path_factory.mktemp("safety-cache")
    work = root / "work"
    shutil.copytree(CORPUS, work / "corpus")
    w = Warm(work, root / "pristine")
    w.build()
    shutil.copytree(work, w.pristine, symlinks=True)
    return w


@pytest.fixture
def warm(warm_state: Warm, caplog: pytest.LogCaptureFixture) -> Warm:
    warm_state.restore()
    caplog.set_level(logging.WARNING)
    return warm_state


def published(site: Path) -> dict[str, bytes]:
    """Every published file but Pagefind's (it names its chunks by a random hash each run)."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and "pagefind" not in p.relative_to(site).parts}


def search_urls(site: Path) -> set[str]:
    """The pages the search index can return, read from every bundle's fragments."""
    urls = set()
    for bundle in json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))["bundles"]:
        for frag in (site / "pagefind" / bundle / "fragment").iterdir():
            data = gzip.decompress(frag.read_bytes())
            urls.add(json.loads(data.removeprefix(b"pagefind_dcd"))["url"])
    return urls


def assert_as_clean(w: Warm) -> None:
    clean, got = published(w.pristine / "site"), published(w.site)
    assert sorted(got) == sorted(clean)
    assert [rel for rel in clean if got[rel] != clean[rel]] == []
    findings = [json.loads(line) for line in (w.site / "data" / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(findings) == (w.pristine / "site" / "data" / "findings.jsonl").read_text(encoding="utf-8").count("\n") > 600
    by_doc: dict[str, list[str]] = {}
    for f in findings:
        by_doc.setdefault(f["document_id"], []).append(f["url"].rsplit("#", 1)[1])
    for doc_id, keys in by_doc.items():
        page = (w.site / "documents" / doc_id / "index.html").read_text(encoding="utf-8")
        assert [k for k in keys if f'id="{k}"' not in page] == [], doc_id
    documents = json.loads((w.site / "data" / "documents.json").read_text(encoding="utf-8"))
    assert search_urls(w.site) == {f"/documents/{d['id']}/" for d in documents}


def warnings(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)


def resealed(path: Path, change: Callable[[object], object]) -> None:
    """Rewrite a sealed entry with its JSON changed and a matching hash: only its shape is wrong."""
    value = json.loads(unseal(path.read_bytes()) or b"")
    path.write_bytes(seal(json.dumps(change(value)).encode()))


def test_an_unchanged_rebuild_trusts_every_entry(warm: Warm, caplog: pytest.LogCaptureFixture) -> None:
    """The checks must not reject sound entries (rebuilding everything would also pass the cases below)."""
    warm.build()  # the restored copy has new inodes: the search shards are indexed again, once
    entry = warm.site / "pagefind" / "s0" / "pagefind-entry.json"
    inode = entry.stat().st_ino
    page = warm.site / "documents" / "2011-04-11-safeguarding-peer-review" / "index.html"
    page_inode = page.stat().st_ino
    again = warm.build()
    assert warnings(caplog) == ""
    assert again.cache == {"hits": 7, "corrupt": 0}
    assert entry.stat().st_ino == inode  # the search shard was kept
    assert page.stat().st_ino == page_inode  # and the page: a dirty MkDocs build, not a full one
    assert_as_clean(warm)


def test_damaged_document_cache_entries_are_converted_again(warm: Warm, caplog: pytest.LogCaptureFixture) -> None:
    entries = warm.entries("docs")
    assert len(entries) == 7
    entries[0].write_text('{"documents": []}', encoding="utf-8")
    entries[1].write_bytes(seal(b'{"documents": []}'))  # sound hash, but a paper always has a document
    entries[2].write_bytes(entries[2].read_bytes()[:500])
    entries[3].write_bytes(os.urandom(3000))
    result = warm.build()
    assert_as_clean(warm)  # first: what is published
    assert result.cache == {"hits": 3, "corrupt": 4}
    assert warnings(caplog).count("is damaged") == 4


def test_damaged_tag_cache_entries_are_tagged_again(warm: Warm, caplog: pytest.LogCaptureFixture) -> None:
    every = warm.entries("tags")
    assert len(every) == 8  # one a document
    # Damaged: four entries of documents with findings (an agenda pack's holds none, and which
    # file sorts first changes with the code's digest).
    entries = [e for e in every if json.loads(unseal(e.read_bytes()) or b"{}")]

    def first_value(new: object) -> Callable[[object], object]:
        def change(value: object) -> object:
            assert isinstance(value, dict)
            return {**value, next(iter(value)): new}
        return change

    raw = json.loads(unseal(entries[0].read_bytes()) or b"")
    entries[0].write_text(json.dumps(first_value({})(raw)), encoding="utf-8")
    resealed(entries[1], first_value({}))
    resealed(entries[2], first_value({"themes": [1, 2], "evidence": {}}))
    resealed(entries[3], lambda value: {f"not-{k}": v for k, v in value.items()} if isinstance(value, dict) else value)
    result = warm.build()
    assert_as_clean(warm)  # first: what is published
    assert result.cache["corrupt"] == 4
    assert warnings(caplog).count("is damaged") == 4


@pytest.mark.parametrize("change", [
    lambda value: {"links": {}, "possible": []},
    lambda value: {**value, "links": [{**lk, "source": "another-paper/p1"} for lk in value["links"]]},
], ids=["wrong shape", "links of other findings"])
def test_damaged_link_cache_entry_is_scored_again(warm: Warm, caplog: pytest.LogCaptureFixture,
                                                  change: Callable[[dict], object]) -> None:
    [entry] = warm.entries("links")
    resealed(entry, change)  # type: ignore[arg-type]
    result = warm.build()
    assert_as_clean(warm)  # first: what is published
    assert result.cache["corrupt"] == 1
    assert "is damaged" in warnings(caplog)


def test_a_cut_short_page_in_the_render_state_is_generated_again(warm: Warm, caplog: pytest.LogCaptureFixture) -> None:
    """The tester's case: a staged page cut short was published with 0 of its 108 findings."""
    page = warm.staged / "docs" / "documents" / "2011-04-11-safeguarding-peer-review.md"
    page.write_bytes(page.read_bytes()[:300])
    warm.build()
    assert_as_clean(warm)  # first: what is published
    assert "documents/2011-04-11-safeguarding-peer-review.md" in warnings(caplog)


def test_a_replaced_fragments_sidecar_is_written_again(warm: Warm, caplog: pytest.LogCaptureFixture) -> None:
    rel = "documents/2011-04-11-safeguarding-peer-review.md"
    (warm.staged / "fragments" / f"{rel}.json").write_text('["<p>nothing here</p>"]', encoding="utf-8")
    page = warm.staged / "docs" / rel
    os.utime(page, (page.stat().st_atime + 60, page.stat().st_mtime + 60))  # so a dirty MkDocs build reads it
    warm.build()
    assert_as_clean(warm)  # first: what is published
    assert rel in warnings(caplog)


def test_damaged_export_chunks_are_made_again(warm: Warm, caplog: pytest.LogCaptureFixture) -> None:
    """The tester's case: a chunk replaced by text of the same length gave a findings.jsonl
    missing a paper's lines; a chunk resealed without a line must not be used either."""
    every = sorted((warm.staged / "exports").glob("*.txt"))
    assert len(every) == 8
    # Damaged: three chunks that hold findings (an agenda pack's chunk is empty: nothing to edit).
    chunks = [c for c in every if c.read_bytes().partition(b"\n")[2]]
    head, _, body = chunks[0].read_bytes().partition(b"\n")
    chunks[0].write_bytes(head + b"\n" + body.replace(b"e", b"a"))
    head, _, body = chunks[1].read_bytes().partition(b"\n")
    size = int(head.split()[1])
    first = body.index(b"\n") + 1
    body = body[first:]
    chunks[1].write_bytes(f"{head.split()[0].decode()} {size - first} {hashlib.sha256(body).hexdigest()}\n".encode() + body)
    chunks[2].write_bytes(os.urandom(2000))
    warm.build()
    assert_as_clean(warm)  # first: what is published
    assert "export chunks cut short, edited or holding the wrong lines; made again (3)" in warnings(caplog)


@pytest.mark.parametrize("damage", [
    lambda text: b"[]",
    lambda text: seal(b"[]"),
    lambda text: seal(json.dumps({**json.loads(unseal(text) or b""), "pages": [], "fingerprint": 1}).encode()),
    lambda text: text[: len(text) // 2],
    lambda text: os.urandom(len(text)),
], ids=["[]", "sealed []", "wrong types", "cut short", "random bytes"])
def test_a_damaged_render_state_is_not_used(warm: Warm, caplog: pytest.LogCaptureFixture,
                                            damage: Callable[[bytes], bytes]) -> None:
    state = warm.staged / "state.json"
    state.write_bytes(damage(state.read_bytes()))
    warm.build()
    assert_as_clean(warm)  # first: what is published
    assert "render state" in warnings(caplog)


def test_published_files_changed_by_hand_are_built_again(warm: Warm, caplog: pytest.LogCaptureFixture) -> None:
    """An incremental build starts from the published site: a page, a stylesheet or a copy of a
    paper changed there by hand (its time kept, or newer than its source) must not carry over,
    nor a file the build never wrote."""
    page = warm.site / "documents" / "2011-04-11-safeguarding-peer-review" / "index.html"
    page.write_bytes(page.read_bytes()[:2000])
    css = warm.site / "assets" / "extra.css"
    css.write_text("body { display: none }", encoding="utf-8")
    pdf = next((warm.site / "sources").glob("*.pdf"))
    st = pdf.stat()
    pdf.write_bytes(b"%PDF-1.4 replaced".ljust(st.st_size, b" "))  # same size and time as the paper's copy
    os.utime(pdf, ns=(st.st_atime_ns, st.st_mtime_ns))
    (warm.site / "added.html").write_text("<p>not from this build</p>", encoding="utf-8")
    other = warm.site / "documents" / "2017-iro-annual-report-2016-17" / "index.html"
    other.unlink()
    (other / "inside").mkdir(parents=True)  # a folder where a page belongs
    (other / "inside" / "index.html").write_text("<p>not from this build</p>", encoding="utf-8")
    warm.build()
    assert_as_clean(warm)  # first: what is published
    said = warnings(caplog)
    assert "published files not as the last build wrote them" in said
    assert all(name in said for name in ("added.html", "assets/extra.css", f"sources/{pdf.name}",
                                         "documents/2011-04-11-safeguarding-peer-review/index.html",
                                         "documents/2017-iro-annual-report-2016-17/index.html/inside/index.html"))


def test_a_damaged_search_bundle_is_indexed_again(warm: Warm, caplog: pytest.LogCaptureFixture) -> None:
    warm.build()  # the restored copy has new inodes: settle the search state on them first
    frag = next((warm.site / "pagefind" / "s0" / "fragment").iterdir())
    frag.write_bytes(os.urandom(frag.stat().st_size))
    warm.build()
    assert_as_clean(warm)  # first: what is published
    assert "search shard s0" in warnings(caplog)


def test_folders_in_place_of_entries_are_cleared(warm: Warm, caplog: pytest.LogCaptureFixture) -> None:
    """A folder where an entry belongs (or a file where a folder does) is damage like any other."""

    def folder(path: Path) -> None:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
        (path / "inside").mkdir(parents=True)
        (path / "inside" / "x.json").write_text("{}", encoding="utf-8")

    folder(warm.entries("docs")[0])
    folder(warm.entries("tags")[0])
    folder(warm.staged / "state.json")
    folder(warm.staged / "docs" / "documents" / "2011-04-11-safeguarding-peer-review.md")
    folder(sorted((warm.staged / "exports").glob("*.txt"))[0])
    sidecars = warm.staged / "fragments" / "meetings"
    shutil.rmtree(sidecars)
    sidecars.write_text("a file where a folder belongs", encoding="utf-8")
    result = warm.build()
    assert_as_clean(warm)  # first: what is published
    assert result.cache["corrupt"] == 2
    assert "render state" in warnings(caplog)
