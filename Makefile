# The two commands of the README:  make demo  and  make test.
# Each installs what it needs first (scripts/setup.sh) and is safe to run again.
PY := .venv/bin/python

.PHONY: setup build generate check-generated demo test lint bench mutate clean

setup:
	@bash scripts/setup.sh

## Compile every program to target/deploy/<name>.so and print the size table.
build: setup
	@$(PY) -m sbfbuild build

## Regenerate everything derived from the interface definitions (programs/*/idl.json).
generate: setup
	@$(PY) -m idlgen generate

demo: build
	@$(PY) -m ionet.demo

test: build
	@$(PY) -m sbfbuild test
	@$(PY) -m pytest -q

lint: setup
	@.venv/bin/ruff check client toolchain tests scripts
	@.venv/bin/mypy

bench: build
	@$(PY) -m ionet.bench

## Mutation testing (slow, not in CI): each mutation of scripts/mutations.toml is applied to
## a copy, rebuilt and tested; prints the score and the survivors.
mutate: build
	@$(PY) scripts/mutate.py

clean:
	rm -rf programs/target target/deploy/*.so
