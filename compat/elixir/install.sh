#!/usr/bin/env bash
# Installs Elixir from Debian for the parse/format/structure check of the Ecto target (Ecto itself
# needs Hex, which these machines do not reach). Idempotent.
set -euo pipefail
if command -v elixir >/dev/null 2>&1 && command -v mix >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
if ! apt-cache show elixir >/dev/null 2>&1; then
  $SUDO apt-get update -q
fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends elixir
elixir --version
