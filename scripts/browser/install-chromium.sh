#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests and the rendering benchmark (never a browser
# downloaded by a test tool). Idempotent: returns at once when /usr/bin/chromium is there.
#
# Usage:  scripts/browser/install-chromium.sh
# stdout: the path of the browser binary (one line, nothing else). stderr: progress, and on
# failure one "ERROR:" line naming the step. Exit status is non-zero on failure.
set -euo pipefail

BIN="${FORESIGHT_CHROMIUM:-/usr/bin/chromium}"
log() { printf '[browser/install] %s\n' "$*" >&2; }
die() { printf '[browser/install] ERROR: %s\n' "$*" >&2; exit 1; }

if [ -x "$BIN" ]; then
  printf '%s\n' "$BIN"; exit 0
fi
[ "$BIN" = /usr/bin/chromium ] || die "FORESIGHT_CHROMIUM=$BIN is not an executable"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || die "step apt-get: need root (or sudo) to install chromium"
  SUDO="sudo -n"
fi
command -v apt-get >/dev/null 2>&1 || die "step apt-get: apt-get not found (Debian/Ubuntu only)"

# Several installs at once (parallel test runs) wait for each other instead of failing on dpkg's lock.
exec 9>"${TMPDIR:-/tmp}/foresight-chromium-install.lock"
flock 9
if [ -x "$BIN" ]; then
  printf '%s\n' "$BIN"; exit 0
fi

if ! apt-cache show chromium >/dev/null 2>&1; then
  log "step apt-get update (chromium not in the package lists yet)"
  $SUDO apt-get update -qq >&2 || die "step apt-get update failed"
fi
log "step apt-get install chromium fonts-dejavu-core"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  -o DPkg::Lock::Timeout=600 chromium fonts-dejavu-core >&2 \
  || die "step apt-get install chromium failed"
[ -x "$BIN" ] || die "step apt-get install: $BIN missing after install"
log "installed $("$BIN" --version 2>/dev/null || echo chromium)"
printf '%s\n' "$BIN"
