#!/usr/bin/env bash
# Installs kysely-codegen (with kysely, pg and TypeScript, which it loads) from npm: the peer that
# `ferry bench inspect` and `ferry bench generate` run beside Ferry, cold and alternated.
# Idempotent: skips npm when node_modules was installed from the current package-lock.json.
set -euo pipefail
cd "$(dirname "$0")"
command -v npm >/dev/null || { echo "npm is required (Debian: apt-get install -y nodejs npm)" >&2; exit 1; }
if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
