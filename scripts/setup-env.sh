#!/usr/bin/env bash
# Create .venv (if missing) and install the project into it. Sourced by build-site and test.
# Usage: . scripts/setup-env.sh [dev]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-python3}"
# Tesseract reads scanned papers (optional: without it they are skipped, and the build says so).
bash "$ROOT/scripts/install-ocr-deps.sh" || true
if [ ! -x "$ROOT/.venv/bin/python" ]; then
  "$PY" -m venv "$ROOT/.venv"
fi
# shellcheck disable=SC1091
. "$ROOT/.venv/bin/activate"
STAMP="$ROOT/.venv/.installed-$(sha256sum "$ROOT/pyproject.toml" | cut -c1-16)-${1:-base}"
if [ ! -f "$STAMP" ]; then
  python -m pip install --quiet --upgrade pip
  if [ "${1:-}" = "dev" ]; then
    python -m pip install --quiet -e "$ROOT[dev]"
  else
    python -m pip install --quiet -e "$ROOT"
  fi
  touch "$STAMP"
fi
