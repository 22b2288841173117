#!/usr/bin/env bash
# Installs what the build and the tests need, and nothing twice:
#   Debian: the Rust toolchain with the prebuilt BPF core library, and LLVM 22.
#   npm:    @solana/web3.js and @coral-xyz/anchor for the interoperability tests of ionet
#           localnet, and anchor-cli 0.30.1 (@coral-xyz/anchor-cli) for the Anchor tool tests.
#   .venv:  this package with its dev extras (anchorpy[cli], pytest, ...).
# Safe to run again; quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(rustc-web cargo-web libstd-rust-web-dev-bpf llvm-22)
# The coordinator's PostgreSQL journal is tested against a real server (tests/coordinator/).
APT_PACKAGES+=(postgresql)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
SUDO=""
[[ $(id -u) -ne 0 ]] && SUDO="sudo"
if ((${#missing[@]})); then
    echo "setup: installing Debian packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# @solana/web3.js and @coral-xyz/anchor, for the tests that talk to ionet localnet as a
# TypeScript client would, and anchor-cli (its npm package ships the binary), run by
# tests/anchor/ as an Anchor user would: all pinned in tests/localnet/js/package.json.
if ! command -v npm >/dev/null 2>&1; then
    echo "setup: installing Debian packages: nodejs npm"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi
js=tests/localnet/js
if [[ ! -d $js/node_modules ]] || [[ $js/package-lock.json -nt $js/node_modules ]]; then
    echo "setup: installing the npm packages of the TypeScript and anchor-cli tests"
    (cd "$js" && npm ci --no-audit --no-fund --loglevel=error >/dev/null && touch node_modules)
fi

PYTHON="${PYTHON:-python3.11}"
if [[ ! -x .venv/bin/python ]]; then
    echo "setup: creating .venv with $PYTHON"
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-pyproject
if [[ ! -f $stamp ]] || ! cmp -s pyproject.toml "$stamp"; then
    echo "setup: installing the Python package and its dev extras into .venv"
    log=.venv/pip-install.log
    if ! { .venv/bin/pip install --upgrade pip && .venv/bin/pip install -e ".[dev]"; } >"$log" 2>&1; then
        cat "$log" >&2
        echo "setup: pip install failed (log above, also in $log)" >&2
        exit 1
    fi
    cp pyproject.toml "$stamp"
fi
