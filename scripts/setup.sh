#!/usr/bin/env bash
# Installs what the build and the tests need, and nothing twice:
#   Debian: the Rust toolchain with the prebuilt BPF core library, and LLVM 22.
#   .venv:  this package with its dev extras (anchorpy[cli], pytest, ...).
# Safe to run again; quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(rustc-web cargo-web libstd-rust-web-dev-bpf llvm-22)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
    echo "setup: installing Debian packages: ${missing[*]}"
    SUDO=""
    [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3.11}"
if [[ ! -x .venv/bin/python ]]; then
    echo "setup: creating .venv with $PYTHON"
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-pyproject
if [[ ! -f $stamp ]] || ! cmp -s pyproject.toml "$stamp"; then
    echo "setup: installing the Python package and its dev extras into .venv"
    .venv/bin/pip install -q --upgrade pip
    .venv/bin/pip install -q -e ".[dev]"
    cp pyproject.toml "$stamp"
fi
