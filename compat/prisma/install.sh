#!/usr/bin/env bash
# Installs Prisma 7 (CLI, Client, adapter-pg) with tsx and TypeScript from npm for PrismaCompatibilityTest.
# Idempotent: skips npm when node_modules was installed from the current package-lock.json.
# npm 11 skips install scripts; Prisma needs none here because the checks run the CLI with
# PRISMA_SCHEMA_ENGINE_BINARY set (see PrismaCheck.env() in src/test/java/dev/ferry/codegen/prisma), so nothing is downloaded at run time.
set -euo pipefail
cd "$(dirname "$0")"
command -v npm >/dev/null || { echo "npm is required (Debian: apt-get install -y nodejs npm)" >&2; exit 1; }
if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
