#!/usr/bin/env bash
# Makes a Prometheus server binary from Debian's `prometheus` package available, once, and
# prints its path on the last line of stdout. Progress goes to stderr.
#
#   scripts/install-prometheus.sh        # -> /root/.cache/agent-release/prometheus-deb/usr/bin/prometheus
#
# The package is downloaded with `apt-get download` and unpacked with `dpkg -x` into the cache:
# nothing is installed system-wide, no service is started, no dependencies (the web UI's
# JavaScript libraries) are pulled in; the tests only need the binary and its HTTP API.
# When that does not work (no dpkg, a mirror that refuses), it falls back to
# `apt-get install --no-install-recommends prometheus`, which needs root.
#
# Environment:
#   AGENT_RELEASE_CACHE                cache root (default: $XDG_CACHE_HOME or ~/.cache, + /agent-release)
#   AGENT_RELEASE_PROMETHEUS_VERSION   a Debian package version to fetch (default: apt's candidate)
#
# Idempotent and safe to run concurrently (parallel test files): a lock serialises installers,
# and the cache counts as installed only once a marker file naming the binary is written after
# the binary has answered `--version`. A half-unpacked directory is removed and redone.
set -euo pipefail

cache_root="${AGENT_RELEASE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/agent-release}"
dir="$cache_root/prometheus-deb"
marker="$dir/.agent-release-installed"
requested="${AGENT_RELEASE_PROMETHEUS_VERSION:-}"

log() { printf 'install-prometheus: %s\n' "$*" >&2; }
fail() {
  log "error: $*"
  exit 1
}

# The marker's first line is the binary's path (the unpacked one, or /usr/bin/prometheus after
# the fallback); its second line is what `prometheus --version` said.
installed_binary() {
  [[ -f "$marker" ]] || return 1
  local binary
  binary="$(head -n 1 "$marker")"
  [[ -x "$binary" ]] || return 1
  if [[ -n "$requested" ]] && ! grep -qF "package=$requested" "$marker"; then return 1; fi
  printf '%s\n' "$binary"
}

if binary="$(installed_binary)"; then
  printf '%s\n' "$binary"
  exit 0
fi

mkdir -p "$cache_root" || fail "cannot create the cache directory $cache_root; set AGENT_RELEASE_CACHE to a writable directory"

lock="$cache_root/prometheus-deb.lock"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$lock"
  if ! flock -n 9; then
    log "another process is installing Prometheus; waiting for it (up to 10 minutes)"
    flock -w 600 9 || fail "timed out waiting for the lock $lock held by another installer"
  fi
else
  log "flock not found; installing without a lock (do not run two installs at once)"
fi

if binary="$(installed_binary)"; then
  printf '%s\n' "$binary"
  exit 0
fi

command -v apt-get >/dev/null 2>&1 ||
  fail "apt-get not found: this script installs Prometheus from Debian's package. On other systems put a Prometheus 2.x binary in $dir/usr/bin/prometheus and write its path as the first line of $marker"

started=$SECONDS
apt_log="$cache_root/prometheus-deb.apt.log"
: >"$apt_log"

candidate() { apt-cache policy prometheus 2>/dev/null | awk '/Candidate:/ { print $2 }'; }
version="$requested"
if [[ -z "$version" ]]; then
  version="$(candidate)"
  if [[ -z "$version" || "$version" == "(none)" ]]; then
    log "apt has no package index for prometheus yet; running apt-get update (log: $apt_log)"
    apt-get update >>"$apt_log" 2>&1 || {
      tail -n 20 "$apt_log" >&2
      fail "apt-get update failed (output above); check that the Debian mirrors in /etc/apt/sources.list* are reachable"
    }
    version="$(candidate)"
  fi
  [[ -n "$version" && "$version" != "(none)" ]] ||
    fail "apt knows no 'prometheus' package; enable Debian's main component (bookworm or newer) in /etc/apt/sources.list*"
fi

check_binary() {
  local reported
  reported="$("$1" --version 2>&1 | head -n 1)" || {
    log "$1 does not run: $reported"
    return 1
  }
  [[ "$reported" == prometheus* ]] || {
    log "$1 --version printed '$reported', not a Prometheus version"
    return 1
  }
  printf '%s\n' "$reported"
}

unpack() {
  local download="$cache_root/prometheus-deb.download"
  rm -rf "$download" "$dir"
  mkdir -p "$download"
  log "downloading prometheus=$version with apt-get download (log: $apt_log)"
  # apt drops privileges to _apt for downloads; a directory it cannot write only costs a warning.
  (cd "$download" && apt-get download "prometheus=$version") >>"$apt_log" 2>&1 || return 1
  local deb
  deb="$(find "$download" -maxdepth 1 -name 'prometheus_*.deb' | head -n 1)"
  [[ -n "$deb" ]] || return 1
  dpkg -x "$deb" "$dir" >>"$apt_log" 2>&1 || return 1
  rm -rf "$download"
  [[ -x "$dir/usr/bin/prometheus" ]]
}

binary="$dir/usr/bin/prometheus"
if command -v dpkg >/dev/null 2>&1 && unpack && reported="$(check_binary "$binary")"; then
  how="unpacked from the .deb"
else
  log "unpacking the .deb did not work (log: $apt_log); falling back to apt-get install --no-install-recommends prometheus"
  rm -rf "$dir"
  [[ "$(id -u)" == 0 ]] || fail "the fallback apt-get install needs root; run this script as root or with sudo"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "prometheus=$version" >>"$apt_log" 2>&1 || {
    tail -n 20 "$apt_log" >&2
    fail "apt-get install prometheus=$version failed (output above, full log: $apt_log)"
  }
  binary="$(command -v prometheus || echo /usr/bin/prometheus)"
  reported="$(check_binary "$binary")" || fail "the installed $binary does not run (see above)"
  how="installed with apt-get (a prometheus service may have been set up by the package)"
  mkdir -p "$dir"
fi

printf '%s\n%s\npackage=%s installed %s in %ss\n' "$binary" "$reported" "$version" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$((SECONDS - started))" >"$marker"
log "$reported"
log "Prometheus (Debian $version) $how in $((SECONDS - started)) s"
printf '%s\n' "$binary"
