#!/usr/bin/env bash
# Installs nektos/act, which runs the workflow suite (test/workflows/runner.test.ts), into a
# cache once, built from the Go module proxy. Prints its path.
set -euo pipefail

ACT_VERSION=v0.2.89
cache="${AGENT_RELEASE_CACHE:-$HOME/.cache/agent-release}"
act="$cache/bin/act-$ACT_VERSION"
if [ ! -x "$act" ]; then
  command -v go >/dev/null || { echo "install-act: go is needed to build act" >&2; exit 1; }
  echo "install-act: building act $ACT_VERSION from the Go module proxy" >&2
  mkdir -p "$cache/bin"
  tmp=$(mktemp -d)
  GOBIN="$tmp" go install "github.com/nektos/act@$ACT_VERSION" >&2
  mv "$tmp/act" "$act"
  rm -rf "$tmp"
fi
echo "$act"
