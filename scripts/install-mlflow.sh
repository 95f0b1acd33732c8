#!/usr/bin/env bash
# Installs a pinned MLflow from PyPI into a cached virtual environment, once, and prints the
# path of its `mlflow` executable on the last line of stdout. Progress goes to stderr.
#
#   scripts/install-mlflow.sh            # -> /root/.cache/agent-release/mlflow-3.x.y/bin/mlflow
#
# Environment:
#   AGENT_RELEASE_CACHE           cache root (default: $XDG_CACHE_HOME or ~/.cache, + /agent-release)
#   AGENT_RELEASE_MLFLOW_VERSION  override the pinned version (for trying another release)
#   PYTHON                        interpreter to build the environment with (default: python3)
#
# Idempotent and safe to run concurrently (parallel test files): a lock serialises installers,
# and an environment counts as installed only once a marker file is written after the
# `mlflow` executable has answered with the expected version. A half-built environment from
# an interrupted run is removed and rebuilt.
set -euo pipefail

# The MLflow release the tests and the CI run against. Bump deliberately.
readonly PINNED_MLFLOW_VERSION=3.17.2

version="${AGENT_RELEASE_MLFLOW_VERSION:-$PINNED_MLFLOW_VERSION}"
cache_root="${AGENT_RELEASE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/agent-release}"
venv="$cache_root/mlflow-$version"
marker="$venv/.agent-release-installed"
python="${PYTHON:-python3}"

log() { printf 'install-mlflow: %s\n' "$*" >&2; }
fail() {
  log "error: $*"
  exit 1
}

installed() { [[ -f "$marker" && -x "$venv/bin/mlflow" ]]; }

if installed; then
  printf '%s\n' "$venv/bin/mlflow"
  exit 0
fi

command -v "$python" >/dev/null 2>&1 ||
  fail "no Python interpreter '$python' on PATH; install Python >= 3.10 (e.g. apt-get install python3 python3-venv) or set PYTHON=/path/to/python3"
"$python" - <<'EOF' || fail "MLflow $version needs Python >= 3.10; '$python' is $("$python" --version 2>&1); set PYTHON to a newer interpreter"
import sys
sys.exit(0 if sys.version_info >= (3, 10) else 1)
EOF
"$python" -c 'import venv, ensurepip' 2>/dev/null ||
  fail "'$python' cannot create virtual environments (the venv/ensurepip modules are missing); on Debian/Ubuntu: apt-get install python3-venv"

mkdir -p "$cache_root" || fail "cannot create the cache directory $cache_root; set AGENT_RELEASE_CACHE to a writable directory"

# One installer at a time per version; the others wait, then find the marker.
lock="$cache_root/mlflow-$version.lock"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$lock"
  if ! flock -n 9; then
    log "another process is installing MLflow $version; waiting for it (up to 15 minutes)"
    flock -w 900 9 || fail "timed out waiting for the lock $lock held by another installer"
  fi
else
  log "flock not found; installing without a lock (do not run two installs at once)"
fi

if installed; then
  printf '%s\n' "$venv/bin/mlflow"
  exit 0
fi

if [[ -e "$venv" ]]; then
  log "removing an incomplete environment at $venv (an earlier install did not finish)"
  rm -rf "$venv"
fi

started=$SECONDS
log "creating a virtual environment at $venv with $("$python" --version 2>&1)"
"$python" -m venv "$venv" || fail "python -m venv $venv failed"

pip_log="$cache_root/mlflow-$version.pip.log"
log "installing mlflow==$version from PyPI (log: $pip_log); a cold install takes a few minutes"
if ! "$venv/bin/python" -m pip install --no-input --disable-pip-version-check --progress-bar off \
  "mlflow==$version" >"$pip_log" 2>&1; then
  log "pip output (last 30 lines):"
  tail -n 30 "$pip_log" >&2 || true
  rm -rf "$venv"
  fail "pip install mlflow==$version failed (output above, full log: $pip_log); check that PyPI is reachable (proxy, PIP_INDEX_URL) and that the release and its dependencies are published for this Python"
fi

reported="$("$venv/bin/mlflow" --version 2>&1)" || {
  rm -rf "$venv"
  fail "the installed mlflow does not run: $reported"
}
[[ "$reported" == *"$version"* ]] || {
  rm -rf "$venv"
  fail "expected MLflow $version but the environment reports '$reported'"
}

printf 'mlflow==%s installed %s in %ss\n' "$version" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$((SECONDS - started))" >"$marker"
log "installed MLflow $version in $((SECONDS - started)) s"
printf '%s\n' "$venv/bin/mlflow"
