#!/usr/bin/env bash
# Prints the bin directory of the Node version pinned in .nvmrc, installing it first when missing.
# The binary comes from the npm registry (the node-<os>-<arch> packages ship Node itself), into a cache
# outside the checkout, so a fresh clone reuses it and nothing is added to the project's dependencies.
#   export PATH="$(bash scripts/node22.sh):$PATH"
# Why Node 22: @pulumi/pulumi 3.270 declares engines.node >= 22 (its package.json), and so does this
# package; the AWS SDK v3 warns on Node 20 (https://github.com/aws/aws-sdk-js-v3#node-js-versions).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(tr -d '[:space:]' < "$root/.nvmrc")"
case "$version" in
  [0-9]*.[0-9]*.[0-9]*) ;;
  *) echo "node22.sh: .nvmrc must hold one exact version like 22.23.5, found '$version'" >&2; exit 2 ;;
esac
case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) os="" ;; esac
case "$(uname -m)" in x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) arch="" ;; esac
if [ -z "$os" ] || [ -z "$arch" ]; then
  echo "node22.sh: no registry package for $(uname -s)/$(uname -m); install Node $version with your version manager (nvm install reads .nvmrc)" >&2
  exit 2
fi
cache="${DYNAMODB_BLUEPRINTS_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dynamodb-blueprints}/node-$version"
bin="$cache/node_modules/node-$os-$arch/bin"
if [ ! -x "$bin/node" ] || [ "$("$bin/node" --version 2>/dev/null)" != "v$version" ]; then
  echo "node22.sh: installing node-$os-$arch@$version into $cache" >&2
  mkdir -p "$cache"
  # --prefix keeps it out of the project; the cache has no package.json, so nothing else is installed.
  npm install --prefix "$cache" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "node-$os-$arch@$version" >&2
fi
if [ "$("$bin/node" --version)" != "v$version" ]; then
  echo "node22.sh: $bin/node is not v$version" >&2
  exit 2
fi
printf '%s\n' "$bin"
