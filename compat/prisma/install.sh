#!/usr/bin/env bash
# Installs Prisma 7 (CLI, Client, adapter-pg) with tsx and TypeScript from npm for PrismaCompatibilityTest,
# and in deploy/ the Prisma 6 CLI that runs `prisma migrate deploy` on its Wasm schema engine (deploy/package.json).
# Idempotent: skips npm where node_modules was installed from the current package-lock.json.
# npm 11 skips install scripts; Prisma needs none here because the checks run the CLI with
# PRISMA_SCHEMA_ENGINE_BINARY set (see PrismaCheck.env() in src/test/java/dev/ferry/codegen/prisma), so nothing is downloaded at run time.
set -euo pipefail
cd "$(dirname "$0")"
command -v npm >/dev/null || { echo "npm is required (Debian: apt-get install -y nodejs npm)" >&2; exit 1; }
for dir in . deploy; do
  if [ -f "$dir/node_modules/.package-lock.json" ] && [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]; then
    continue
  fi
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
done
