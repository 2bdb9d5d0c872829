#!/usr/bin/env bash
# Installs stripe-mock, Stripe's official mock server (https://github.com/stripe/stripe-mock), from the Go
# module proxy. Its module source carries the OpenAPI spec it serves (embedded/openapi/spec3.json, API
# version 2026-08-26.dahlia), from which Ferry's Stripe definitions are derived (StripeDefinitionsTest).
# Idempotent: skips the build when bin/stripe-mock is already this version.
# Prints nothing on success except what `go install` prints the first time.
set -euo pipefail
cd "$(dirname "$0")"
VERSION=v0.203.0
command -v go >/dev/null || { echo "Go is required (https://go.dev/dl/; Debian: apt-get install -y golang)" >&2; exit 1; }
if [ -x bin/stripe-mock ] && [ "$(cat bin/VERSION 2>/dev/null)" = "$VERSION" ] \
    && [ -f "$(go env GOMODCACHE)/github.com/stripe/stripe-mock@$VERSION/embedded/openapi/spec3.json" ]; then
  exit 0
fi
mkdir -p bin
GOBIN="$PWD/bin" GOFLAGS=-mod=mod go install "github.com/stripe/stripe-mock@$VERSION"
echo "$VERSION" > bin/VERSION
