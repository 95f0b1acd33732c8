#!/usr/bin/env bash
# Installs the workflow validators into a cache, once: rhysd's actionlint built from the Go
# module proxy, and zizmor from PyPI in its own virtual environment. Prints the two paths.
set -euo pipefail

ACTIONLINT_VERSION=v1.7.12
ZIZMOR_VERSION=1.32.0
cache="${AGENT_RELEASE_CACHE:-$HOME/.cache/agent-release}"
bin="$cache/bin"
mkdir -p "$bin"

actionlint="$bin/actionlint-$ACTIONLINT_VERSION"
if [ ! -x "$actionlint" ]; then
  command -v go >/dev/null || { echo "install-workflow-tools: go is needed to build actionlint" >&2; exit 1; }
  echo "install-workflow-tools: building actionlint $ACTIONLINT_VERSION from the Go module proxy" >&2
  tmp=$(mktemp -d)
  GOBIN="$tmp" go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION" >&2
  mv "$tmp/actionlint" "$actionlint"
  rm -rf "$tmp"
fi

venv="$cache/zizmor-$ZIZMOR_VERSION"
if [ ! -x "$venv/bin/zizmor" ]; then
  echo "install-workflow-tools: installing zizmor $ZIZMOR_VERSION from PyPI" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "zizmor==$ZIZMOR_VERSION" >&2
fi

echo "$actionlint"
echo "$venv/bin/zizmor"
