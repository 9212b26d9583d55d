#!/usr/bin/env bash
# Builds Jaeger v2 (github.com/jaegertracing/jaeger/cmd/jaeger v1.76.0) from this wrapper module into $1
# (default: .ci/cache/jaeger/jaeger at the repository root). Skips the build when the binary exists.
# Needs Go 1.24.6+ and the Go module proxy.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../../../.ci/cache/jaeger/jaeger}"
if [ -x "$out" ] && "$out" version >/dev/null 2>&1; then
  echo "jaeger: $out exists"
  exit 0
fi
mkdir -p "$(dirname "$out")"
cd "$here"
GOFLAGS=-mod=mod go build -o "$out.tmp" github.com/jaegertracing/jaeger/cmd/jaeger
mv "$out.tmp" "$out"
echo "jaeger: built $out"
