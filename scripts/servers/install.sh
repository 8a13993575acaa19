#!/usr/bin/env bash
# Install or build one of the real servers our tests run against.
#
# Usage:  scripts/servers/install.sh NAME          NAME = prometheus | grafana | loki | tempo | compose
#         (compose is Docker Compose, used only to validate docker-compose.yml)
#
# stdout (and nothing else goes to stdout):
#   line 1: absolute path of the server binary
#   line 2: (grafana only) absolute Grafana homepath, i.e. the directory that
#           contains conf/defaults.ini and public/; pass it as --homepath.
# stderr: progress, and on failure one "ERROR:" line naming the step and the
#         module version that failed. Exit status is non-zero on failure.
#
# Idempotent. Cached builds live OUTSIDE the checkout, keyed by version:
#   ${FORESIGHT_CACHE:-$HOME/.cache/foresight}/servers/<name>-<label>/
#       bin/<name>      the binary
#       home/           grafana only: homepath (conf/, public/)
#       BUILDINFO       what was built, from which module version, how
# A cache hit only stats that binary (no `go` invocation), so it returns in a
# few milliseconds. A build happens in a staging directory next to the final
# one and is renamed into place only when it is complete, so a killed or
# failed run never leaves a half-built entry (stale staging dirs are removed on
# the next run). Concurrent runs for the same name serialise on a flock.
#
# prometheus is not built: it is Debian's package (apt-get install), binary
# /usr/bin/prometheus; the package's service is never started (no systemd
# here, and a policy-rc.d that denies service starts is in place during the
# install).
#
# Builds come only from the Go module proxy (GOPROXY as configured):
# `go mod download` the pinned version, copy the read-only module dir to a
# temp dir, build there as the main module. Env knobs: GOCACHE / GOMODCACHE
# are left at their defaults unless you set them (so later builds are warm);
# FORESIGHT_BUILD_TMP (default ${TMPDIR:-/tmp}) holds the temporary source
# copy; FORESIGHT_KEEP_WORK=1 keeps it for debugging.
set -euo pipefail

SELF_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NAME="${1:-}"

log() { printf '[servers/install %s] %s\n' "${NAME:-?}" "$*" >&2; }
die() { printf '[servers/install %s] ERROR: %s\n' "${NAME:-?}" "$*" >&2; exit 1; }

case "$NAME" in
  prometheus|grafana|loki|tempo|compose) ;;
  -h|--help|"")
    sed -n '2,35p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    [ -n "$NAME" ] && exit 0 || exit 2 ;;
  *) die "unknown server '$NAME' (expected prometheus|grafana|loki|tempo|compose)" ;;
esac
[ $# -eq 1 ] || die "expected exactly one argument"

# shellcheck source=versions.env
. "$SELF_DIR/versions.env"

CACHE_ROOT="${FORESIGHT_CACHE:-$HOME/.cache/foresight}/servers"

# ---------------------------------------------------------------------------
# prometheus (Debian package)
# ---------------------------------------------------------------------------
install_prometheus() {
  local bin="$PROMETHEUS_BIN" want="$PROMETHEUS_DEB_VERSION" have=""
  if [ -x "$bin" ]; then
    have="$(dpkg-query -W -f='${Version}' "$PROMETHEUS_DEB_PACKAGE" 2>/dev/null || true)"
    if [ "$have" = "$want" ]; then
      printf '%s\n' "$bin"; return 0
    fi
    log "installed $PROMETHEUS_DEB_PACKAGE version is '${have:-unknown}', pinned '$want'; (re)installing"
  fi

  local SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "step apt-get: need root (or sudo) to install $PROMETHEUS_DEB_PACKAGE=$want"
    SUDO="sudo -n"
  fi
  command -v apt-get >/dev/null 2>&1 || die "step apt-get: apt-get not found (Debian/Ubuntu only)"

  # Never let the package start its service. On this machine policy-rc.d
  # already exits 101; if it is missing, put one in place for the install only.
  local made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    log "creating a temporary /usr/sbin/policy-rc.d (exit 101) so no service is started"
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod 0755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  # shellcheck disable=SC2064
  trap "[ $made_policy = 1 ] && $SUDO rm -f /usr/sbin/policy-rc.d || true" EXIT

  # apt-get update once, only if the pinned version is not known to apt yet.
  if ! apt-cache madison "$PROMETHEUS_DEB_PACKAGE" 2>/dev/null | awk -F'|' '{gsub(/ /,"",$2); print $2}' | grep -qxF "$want"; then
    log "step apt-get update ($PROMETHEUS_DEB_PACKAGE=$want not in the package lists yet)"
    $SUDO apt-get update -qq >&2 || die "step apt-get update failed"
  fi
  log "step apt-get install $PROMETHEUS_DEB_PACKAGE=$want"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "$PROMETHEUS_DEB_PACKAGE=$want" >&2 \
    || die "step apt-get install $PROMETHEUS_DEB_PACKAGE=$want failed"
  [ -x "$bin" ] || die "step apt-get install: $bin missing after install"

  # The package ships a sysv/systemd service. Make sure nothing got started.
  local pids
  pids="$(pgrep -x prometheus -u prometheus 2>/dev/null || true)"
  if [ -n "$pids" ]; then
    log "stopping prometheus service started by the package (pids: $pids)"
    $SUDO kill $pids 2>/dev/null || true
  fi
  log "installed $("$bin" --version 2>&1 | head -n1)"
  printf '%s\n' "$bin"
}

# ---------------------------------------------------------------------------
# Go builds
# ---------------------------------------------------------------------------
go_setup() {
  command -v go >/dev/null 2>&1 || die "step setup: 'go' not found on PATH"
  export GOTOOLCHAIN=local
  export GOWORK=off
  # Our flags only; a caller's GOFLAGS (e.g. -mod=vendor) must not leak in.
  export GOFLAGS=-buildvcs=false
}

# moddir MODULE VERSION [SUM [SUMDB]] -> prints the extracted (read-only)
# module dir in GOMODCACHE. SUM (h1:...) pins the module zip's hash; SUMDB=off
# skips the checksum database for this one module (the mirror's sumdb has no
# record of some versions it serves) -- allowed only together with a SUM pin.
moddir() {
  local mod="$1" ver="$2" want="${3:-}" sumdb="${4:-on}" out dir err sum nosumdb="${GONOSUMDB:-}"
  if [ "$sumdb" = off ]; then
    [ -n "$want" ] || die "step go mod download $mod@$ver: SUMDB=off needs a pinned h1: sum"
    nosumdb="${nosumdb:+$nosumdb,}$mod"
  fi
  out="$(cd "$WORK" && GOFLAGS='' GONOSUMDB="$nosumdb" go mod download -json "$mod@$ver" 2>&1)" || true
  dir="$(printf '%s\n' "$out" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' | head -n1)"
  if [ -z "$dir" ] || [ ! -d "$dir" ]; then
    err="$(printf '%s\n' "$out" | sed -n 's/^[[:space:]]*"Error": "\(.*\)",\{0,1\}$/\1/p' | head -n1)"
    [ -n "$err" ] || err="$(printf '%s' "$out" | tail -n 3 | tr '\n' ' ')"
    err="$(printf '%s' "$err" | sed 's/\\n\\t/ /g; s/\\n/ /g; s/\\t/ /g')"
    die "step go mod download $mod@$ver: ${err:-no module directory returned}"
  fi
  sum="$(printf '%s\n' "$out" | sed -n 's/^[[:space:]]*"Sum": "\(.*\)",\{0,1\}$/\1/p' | head -n1)"
  if [ -n "$want" ] && [ "$sum" != "$want" ]; then
    die "step verify $mod@$ver: module hash $sum does not match the pinned $want"
  fi
  printf '%s\n' "$dir"
}

# copy_module MODULE VERSION DEST [SUM [SUMDB]]: writable copy of a module's source tree
copy_module() {
  local src
  src="$(moddir "$1" "$2" "${4:-}" "${5:-on}")"
  mkdir -p "$3"
  cp -R "$src"/. "$3"/
  chmod -R u+w "$3"
}

FINAL="" STAGE="" WORK="" CHILD=""

# run_child DIR CMD...: run a long command (go build, wire) in DIR, in its own
# process group, stdout to stderr, and wait for it -- so that if this script
# is interrupted, cleanup stops the whole group instead of leaving an
# orphaned `go build` behind.
run_child() {
  local dir="$1" rc=0
  shift
  ( cd "$dir" && exec setsid "$@" ) >&2 &
  CHILD=$!
  wait "$CHILD" || rc=$?
  CHILD=""
  return "$rc"
}

cache_hit() {
  [ -x "$FINAL/bin/$NAME" ] || return 1
  printf '%s\n' "$FINAL/bin/$NAME"
  [ "$NAME" != grafana ] || printf '%s\n' "$FINAL/home"
  return 0
}

# fast path: no `go`, no locks, just a stat
check_cache() {
  FINAL="$CACHE_ROOT/$NAME-$1"
  if cache_hit; then exit 0; fi
}

begin_build() {
  local label="$1"
  FINAL="$CACHE_ROOT/$NAME-$label"
  mkdir -p "$CACHE_ROOT" || die "step cache: cannot create $CACHE_ROOT"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$CACHE_ROOT/.$NAME-$label.lock"
    if ! flock -n 9; then
      log "another install of $NAME-$label is running; waiting for it"
      flock 9
    fi
    if cache_hit; then exit 0; fi
  fi
  # Leftovers of killed runs (we hold the lock, so none of them is live).
  rm -rf "$CACHE_ROOT/.staging-$NAME-$label."* 2>/dev/null || true

  STAGE="$(mktemp -d "$CACHE_ROOT/.staging-$NAME-$label.XXXXXX")"
  WORK="$(mktemp -d "${FORESIGHT_BUILD_TMP:-${TMPDIR:-/tmp}}/foresight-build-$NAME.XXXXXX")"
  trap cleanup EXIT
  trap 'exit 143' TERM
  trap 'exit 130' INT
  trap 'exit 129' HUP
  chmod 755 "$STAGE"
  mkdir -p "$STAGE/bin"
  log "building $NAME $label (not cached); work dir $WORK"
  log "go: $(go version); GOPROXY=$(go env GOPROXY); GOMODCACHE=$(go env GOMODCACHE); GOCACHE=$(go env GOCACHE)"
}

cleanup() {
  local rc=$?
  if [ -n "$CHILD" ]; then
    kill -TERM -- "-$CHILD" 2>/dev/null || kill -TERM "$CHILD" 2>/dev/null || true
    wait "$CHILD" 2>/dev/null || true
  fi
  [ -n "$STAGE" ] && rm -rf "$STAGE"
  if [ -n "$WORK" ]; then
    if [ "${FORESIGHT_KEEP_WORK:-0}" = 1 ]; then log "keeping work dir $WORK"; else rm -rf "$WORK"; fi
  fi
  exit $rc
}

finish_build() {
  local bin="$STAGE/bin/$NAME"
  [ -x "$bin" ] || die "step build: $bin was not produced"
  {
    echo "name=$NAME"
    echo "built_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "go=$(go version)"
    echo "goproxy=$(go env GOPROXY)"
    printf '%s\n' "$@"
  } >"$STAGE/BUILDINFO"
  if ! mv -T "$STAGE" "$FINAL" 2>/dev/null; then
    # Only possible if someone built it without the lock (no flock): keep theirs.
    [ -x "$FINAL/bin/$NAME" ] || die "step install: could not move $STAGE to $FINAL"
    log "$FINAL appeared meanwhile; keeping it"
  else
    STAGE=""
  fi
  log "done: $FINAL ($(du -sh "$FINAL" | cut -f1))"
  cache_hit
}

go_build() { # go_build DIR OUT PKG CGO TAGS LDFLAGS_X
  local dir="$1" out="$2" pkg="$3" cgo="$4" tags="$5" ldx="$6"
  local args=(build -mod=mod -trimpath -ldflags "-s -w $ldx" -o "$out")
  [ -n "$tags" ] && args+=(-tags "$tags")
  log "step go build ($pkg, CGO_ENABLED=$cgo${tags:+, tags $tags}) in $dir"
  run_child "$dir" env CGO_ENABLED="$cgo" go "${args[@]}" "$pkg" \
    || die "step go build $pkg failed (module $MODULE_DESC)"
}

install_loki() {
  check_cache "$LOKI_LABEL"
  go_setup
  begin_build "$LOKI_LABEL"
  MODULE_DESC="$LOKI_MODULE@$LOKI_VERSION"
  local src="$WORK/loki"
  log "step download $LOKI_MODULE@$LOKI_VERSION"
  copy_module "$LOKI_MODULE" "$LOKI_VERSION" "$src" "${LOKI_SUM:-}" "${LOKI_SUMDB:-on}"
  # go.mod: `replace github.com/grafana/loki/pkg/push => ./pkg/push`; nested
  # modules are not part of the v3 zip, so put pkg/push back from its own module.
  log "step download $LOKI_PUSH_MODULE@$LOKI_PUSH_VERSION into ./pkg/push"
  rm -rf "$src/pkg/push"
  copy_module "$LOKI_PUSH_MODULE" "$LOKI_PUSH_VERSION" "$src/pkg/push" "${LOKI_PUSH_SUM:-}" "${LOKI_PUSH_SUMDB:-on}"
  rm -rf "$src/vendor"   # only modules.txt survives in a module zip
  go_build "$src" "$STAGE/bin/loki" "$LOKI_MAIN_PKG" 0 netgo "$LOKI_LDFLAGS_X"
  finish_build "module=$LOKI_MODULE@$LOKI_VERSION" "sum=${LOKI_SUM:-}" "push_module=$LOKI_PUSH_MODULE@$LOKI_PUSH_VERSION" \
    "package=$LOKI_MAIN_PKG" "ldflags=-s -w $LOKI_LDFLAGS_X" "cgo=0" "tags=netgo"
}

install_tempo() {
  check_cache "$TEMPO_LABEL"
  go_setup
  begin_build "$TEMPO_LABEL"
  MODULE_DESC="$TEMPO_MODULE@$TEMPO_VERSION"
  local src="$WORK/tempo"
  log "step download $TEMPO_MODULE@$TEMPO_VERSION"
  copy_module "$TEMPO_MODULE" "$TEMPO_VERSION" "$src" "${TEMPO_SUM:-}" "${TEMPO_SUMDB:-on}"
  rm -rf "$src/vendor"
  go_build "$src" "$STAGE/bin/tempo" "$TEMPO_MAIN_PKG" 0 "" "$TEMPO_LDFLAGS_X"
  finish_build "module=$TEMPO_MODULE@$TEMPO_VERSION" "sum=${TEMPO_SUM:-} (sumdb ${TEMPO_SUMDB:-on})" "package=$TEMPO_MAIN_PKG" \
    "ldflags=-s -w $TEMPO_LDFLAGS_X" "cgo=0"
}

install_compose() {
  check_cache "$COMPOSE_LABEL"
  go_setup
  begin_build "$COMPOSE_LABEL"
  MODULE_DESC="$COMPOSE_MODULE@$COMPOSE_VERSION"
  local src="$WORK/compose"
  log "step download $COMPOSE_MODULE@$COMPOSE_VERSION"
  copy_module "$COMPOSE_MODULE" "$COMPOSE_VERSION" "$src" "${COMPOSE_SUM:-}" "${COMPOSE_SUMDB:-on}"
  rm -rf "$src/vendor"
  go_build "$src" "$STAGE/bin/compose" "$COMPOSE_MAIN_PKG" 0 "" "$COMPOSE_LDFLAGS_X"
  finish_build "module=$COMPOSE_MODULE@$COMPOSE_VERSION" "sum=${COMPOSE_SUM:-}" "package=$COMPOSE_MAIN_PKG" \
    "ldflags=-s -w $COMPOSE_LDFLAGS_X" "cgo=0"
}

install_grafana() {
  check_cache "$GRAFANA_LABEL"
  go_setup
  begin_build "$GRAFANA_LABEL"
  MODULE_DESC="$GRAFANA_MODULE@$GRAFANA_VERSION"
  local src="$WORK/grafana" d dirs nested_ver
  log "step download $GRAFANA_MODULE@$GRAFANA_VERSION"
  copy_module "$GRAFANA_MODULE" "$GRAFANA_VERSION" "$src" "${GRAFANA_SUM:-}" "${GRAFANA_SUMDB:-on}"
  rm -rf "$src/vendor"

  # Nested modules (Grafana >= 12.2 has local `replace ... => ./apps/x` and a
  # go.work): a module zip leaves out every subdirectory with its own go.mod,
  # so fetch each of them at the same commit. Pseudo-version of a nested
  # module at that commit: v0.0.0-<timestamp>-<sha12>.
  nested_ver="v0.0.0-${GRAFANA_VERSION#*-0.}"
  case "$GRAFANA_VERSION" in *-0.[0-9]*-[0-9a-f]*) ;; *) nested_ver="$GRAFANA_VERSION" ;; esac
  dirs="$(
    {
      if [ -f "$src/go.work" ]; then
        (cd "$src" && GOWORK="$src/go.work" go work edit -json) \
          | sed -n 's/^[[:space:]]*"DiskPath": "\(.*\)",\{0,1\}$/\1/p'
      fi
      (cd "$src" && go mod edit -json) \
        | sed -n 's/^[[:space:]]*"Path": "\(\.\/[^"]*\)",\{0,1\}$/\1/p'
    } | sed 's#^\./##' | grep -vx '\.' | sort -u || true
  )"
  for d in $dirs; do
    case "$d" in
      .*|*/.*) log "skipping tool module ./$d (not needed for the server)"
               [ -f "$src/go.work" ] && (cd "$src" && GOWORK="$src/go.work" go work edit -dropuse="./$d") || true
               continue ;;
    esac
    [ -f "$src/$d/go.mod" ] && continue
    log "step download nested module $GRAFANA_MODULE/$d@$nested_ver"
    rm -rf "${src:?}/$d"
    copy_module "$GRAFANA_MODULE/$d" "$nested_ver" "$src/$d"
  done
  if [ -f "$src/go.work" ]; then
    # The workspace is how Grafana builds itself; keep it (GOWORK=off would
    # make go ignore the local nested modules that have no replace).
    export GOWORK="$src/go.work"
  fi

  local ds missing=""
  for ds in $GRAFANA_REQUIRED_CORE_DATASOURCES; do
    [ -f "$src/public/app/plugins/datasource/$ds/plugin.json" ] && [ -d "$src/pkg/tsdb/$ds" ] \
      || missing="$missing $ds"
  done
  [ -z "$missing" ] || die "step check: data source(s)$missing are not core in $GRAFANA_MODULE@$GRAFANA_VERSION (moved out in 13.2+); pick another version"

  if [ ! -f "$src/pkg/server/wire_gen.go" ]; then
    # Before 12.1 the Wire output was not committed.
    local wire_targets="./pkg/server"
    if grep -qs 'wireinject' "$src"/pkg/cmd/grafana-cli/runner/*.go; then
      wire_targets="$wire_targets ./pkg/cmd/grafana-cli/runner"
    fi
    log "step wire gen ($wire_targets)"
    if [ -f "$src/pkg/build/wire/cmd/wire/main.go" ]; then
      # shellcheck disable=SC2086
      run_child "$src" env GOFLAGS="-buildvcs=false -mod=mod" go run ./pkg/build/wire/cmd/wire/main.go gen -tags "$GRAFANA_BUILD_TAGS" $wire_targets \
        || die "step wire gen failed (module $MODULE_DESC)"
    else
      # `go run tool@version` builds the tool in its own module graph (a wire
      # whose golang.org/x/tools knows the installed Go), then runs it here.
      # shellcheck disable=SC2086
      run_child "$src" env GOFLAGS="-buildvcs=false -mod=mod" go run "$GRAFANA_WIRE_TOOL" gen -tags "$GRAFANA_BUILD_TAGS" $wire_targets \
        || die "step wire gen ($GRAFANA_WIRE_TOOL) failed (module $MODULE_DESC)"
    fi
  fi

  local sha="${GRAFANA_VERSION##*-}"
  local ldx stamp
  stamp="$(date -u +%s)"
  ldx="-X main.version=$GRAFANA_MAIN_VERSION_LDFLAG -X main.commit=$sha -X main.buildBranch=HEAD -X main.buildstamp=$stamp"
  if [ -n "${GOWORK:-}" ] && [ "$GOWORK" != off ]; then
    # -mod=mod is not allowed in workspace mode
    log "step go build (workspace mode, $GOWORK)"
    run_child "$src" env CGO_ENABLED=1 go build -trimpath -tags "$GRAFANA_BUILD_TAGS" -ldflags "-s -w $ldx" \
        -o "$STAGE/bin/grafana" "$GRAFANA_MAIN_PKG" \
      || die "step go build $GRAFANA_MAIN_PKG failed (module $MODULE_DESC)"
  else
    go_build "$src" "$STAGE/bin/grafana" "$GRAFANA_MAIN_PKG" 1 "$GRAFANA_BUILD_TAGS" "$ldx"
  fi

  # Homepath: what the server reads at runtime (conf/defaults.ini, public/:
  # views, emails, img, core plugin.json files, ...). The frontend bundle
  # (public/build) is not in the module and not built: /api/* works without
  # it, the HTML UI does not.
  log "step homepath (conf/, public/)"
  mkdir -p "$STAGE/home"
  cp -R "$src/conf" "$STAGE/home/conf"
  cp -R "$src/public" "$STAGE/home/public"
  if [ -d "$src/plugins-bundled" ]; then cp -R "$src/plugins-bundled" "$STAGE/home/plugins-bundled"; fi
  finish_build "module=$GRAFANA_MODULE@$GRAFANA_VERSION" "sum=${GRAFANA_SUM:-} (sumdb ${GRAFANA_SUMDB:-on})" "label=$GRAFANA_LABEL" \
    "nested_modules=$(echo $dirs)" "package=$GRAFANA_MAIN_PKG" "ldflags=-s -w $ldx" \
    "cgo=1" "tags=$GRAFANA_BUILD_TAGS" "homepath=$FINAL/home"
}

# Keep the call and the exit on one line: bash reads a script as it runs, so
# an edit of this file during a long build must not be able to change what runs next.
"install_$NAME"; exit $?
