#!/usr/bin/env bash
# Installs Ruby with ActiveRecord and the pg driver from Debian (RubyGems is not needed).
# Idempotent: does nothing when both libraries already load; runs apt-get update only when the
# package lists do not know the packages yet.
set -euo pipefail
if ruby -e 'require "active_record"; require "pg"' >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
if ! apt-cache show ruby-activerecord ruby-pg >/dev/null 2>&1; then
  $SUDO apt-get update -q
fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends ruby-activerecord ruby-pg
ruby -e 'require "active_record"; require "pg"; puts "activerecord #{ActiveRecord.version}, pg #{PG::VERSION}"'
