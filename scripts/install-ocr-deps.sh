#!/usr/bin/env bash
# Install Tesseract OCR (Debian's tesseract-ocr and tesseract-ocr-eng) when it is missing, so
# scanned papers are read instead of skipped. Run by scripts/setup-env.sh. Safe to run again.
#
#   scripts/install-ocr-deps.sh
#
# Without root (or passwordless sudo) or apt-get the script says so in one line and carries on:
# the build then skips scanned pages and says how to install Tesseract, and tests/test_ocr.py
# skips with that reason. It never fails the calling script.
set -u

if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx eng; then
  exit 0  # found: nothing to say on every build
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "tesseract: NOT installed - apt-get is not available here; install Tesseract OCR with English data by hand. Scanned pages will be skipped." >&2
elif [ "$(id -u)" -ne 0 ] && [ -z "$SUDO" ]; then
  echo "tesseract: NOT installed - need root (or passwordless sudo) for apt-get install tesseract-ocr tesseract-ocr-eng. Scanned pages will be skipped." >&2
else
  echo "tesseract: installing with apt-get ..."
  if $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null \
     && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends tesseract-ocr tesseract-ocr-eng >/dev/null; then
    echo "tesseract: installed ($(tesseract --version 2>/dev/null | head -n 1))"
  else
    echo "tesseract: NOT installed - apt-get install tesseract-ocr tesseract-ocr-eng failed (see above). Scanned pages will be skipped." >&2
  fi
fi
exit 0
