"""Bring the fetched real papers of tests/realpapers/SOURCES.tsv onto this machine, and choose the
ones the repository carries itself.

Example: python scripts/fetch_realpapers.py --mirrors /work/.mirror      (from local git mirrors)
         python scripts/fetch_realpapers.py                              (clones each repository from GitHub)
         python scripts/fetch_realpapers.py --carry 22                   (copy the smallest labelled papers,
                                                                          up to 22 MB, into tests/realpapers/pdfs)

Each row names a repository, a path in it and the commit it was read from; the paper is written
to $INGEST_REALPAPERS (default ../shared/fetched beside the project) under its row's file name,
and checked against nothing but that commit: what the repository held then is the paper. A row
whose repository or commit cannot be read is reported and skipped, the others go on.

`--carry MB` keeps the repository's own copy (tests/realpapers/pdfs/) to the labelled papers that
fit in MB megabytes, smallest first, so a fresh clone and CI test those without any fetching
(the issue asks for the folder to stay under about 25 MB); the nine papers of ../shared/realpdfs
are never copied.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate_real import COMMITTED, LABELS, fetched_dir, load_labels  # noqa: E402

SOURCES = LABELS.parent / "SOURCES.tsv"


def rows() -> list[dict[str, str]]:
    with SOURCES.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def git_dir(repo: str, mirrors: Path | None, scratch: Path) -> Path | None:
    """A git directory holding `repo`: a local mirror (owner+name/repo[.git]) or a fresh blobless clone."""
    if mirrors is not None:
        for cand in (mirrors / repo.replace("/", "+") / "repo" / ".git", mirrors / repo.replace("/", "+") / "repo"):
            if (cand / "objects").is_dir():
                return cand
        return None
    dest = scratch / repo.replace("/", "+")
    if not dest.exists():
        done = subprocess.run(["git", "clone", "-q", "--bare", "--filter=blob:none", f"https://github.com/{repo}", str(dest)],
                              capture_output=True, text=True)
        if done.returncode:
            return None
    return dest


def fetch(mirrors: Path | None) -> int:
    out = fetched_dir()
    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    with tempfile.TemporaryDirectory() as scratch:
        for row in rows():
            target = out / row["local_file"]
            if target.is_file():
                continue
            where = git_dir(row["repo"], mirrors, Path(scratch))
            shown = subprocess.run(["git", "--git-dir", str(where), "show", f"{row['commit']}:{row['path']}"],
                                   capture_output=True) if where is not None else None
            if shown is None or shown.returncode:
                failed += 1
                print(f"{row['local_file']}: cannot read {row['path']} at {row['commit'][:10]} of {row['repo']}; skipped", file=sys.stderr)
                continue
            target.write_bytes(shown.stdout)
    print(f"papers in {out}: {len(list(out.glob('*.pdf')))}; {failed} could not be read")
    return 1 if failed else 0


def carry(budget_mb: float) -> int:
    """Copy the smallest labelled fetched papers into tests/realpapers/pdfs, up to the budget."""
    papers = [p for p in load_labels() if p.label.get("where") != "shared" and p.path is not None]
    papers.sort(key=lambda p: (p.path.stat().st_size, p.name))  # type: ignore[union-attr]
    chosen, total = [], 0
    for p in papers:
        size = p.path.stat().st_size  # type: ignore[union-attr]
        if total + size > budget_mb * 1e6:
            break
        chosen.append(p)
        total += size
    COMMITTED.mkdir(parents=True, exist_ok=True)
    keep = {p.name for p in chosen}
    for old in COMMITTED.glob("*.pdf"):
        if old.name not in keep:
            old.unlink()
    for p in chosen:
        if p.path != COMMITTED / p.name:
            shutil.copyfile(p.path, COMMITTED / p.name)  # type: ignore[arg-type]
    halves = {h: sum(p.half == h for p in chosen) for h in ("tune", "heldout")}
    print(f"{len(chosen)} of {len(papers)} labelled fetched papers in {COMMITTED} ({total / 1e6:.1f} MB; "
          f"{halves['tune']} tuning, {halves['heldout']} held out)")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mirrors", type=Path, help="a folder of local git mirrors (owner+name/repo) instead of GitHub")
    ap.add_argument("--carry", type=float, metavar="MB", help="choose the papers the repository carries, up to MB megabytes")
    args = ap.parse_args(argv)
    return carry(args.carry) if args.carry is not None else fetch(args.mirrors)


if __name__ == "__main__":
    raise SystemExit(main())
