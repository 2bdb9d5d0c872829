#!/usr/bin/env bash
# Installs SQLAlchemy 2.x, Alembic, psycopg 3 and Django 5.2 from PyPI into a virtual environment this
# script makes (compat/python/venv), for the sqlalchemy and django targets' checks. Idempotent: does
# nothing when the environment already imports all four at the versions requirements.txt asks for.
set -euo pipefail
cd "$(dirname "$0")"
VENV="$PWD/venv"
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" check_versions.py >/dev/null 2>&1; then
  exit 0
fi
if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  if ! apt-cache show python3-venv >/dev/null 2>&1; then
    $SUDO apt-get update -q
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends python3-venv
fi
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -r requirements.txt
"$VENV/bin/python" check_versions.py
