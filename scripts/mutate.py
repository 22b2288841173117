"""`make mutate`: puts each reviewed mutation of `scripts/mutations.toml` into a copy of the
repository, rebuilds the programs there and runs the mutation's tests against it. A
mutation the tests fail on is killed; one they pass is a survivor. Prints the score and
the survivors. Slow (a build and a test run per mutation), so not part of `make test`.

    .venv/bin/python scripts/mutate.py [--only ID ...] [--list] [--keep DIR]

Each mutation is (file, the exact original snippet, its replacement, the tests to run):
the snippet must occur exactly once in its file (or, with `after`, a unique anchor, once
at least after it: the first occurrence is mutated), else the runner stops before it
starts and names every entry to update (after a refactor, say). A mutation of a program's
`idl.json` regenerates that program's interface (`python -m idlgen generate`) in the copy,
so the mutated definition is what gets built. The test entry `host` runs the programs'
host unit tests (`python -m sbfbuild test`); every other entry is a pytest path. The
property tests run with a fixed seed (IONET_PROPERTY_SEED, printed) so that a run can be
repeated, on a fresh Hypothesis database per mutation.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIST = ROOT / "scripts" / "mutations.toml"
# What a copy needs besides the tracked files: the build cache (so that each rebuild is
# incremental) and the npm packages are left out or linked.
COPY_IGNORE = shutil.ignore_patterns(".venv", ".git", "node_modules", ".hypothesis",
                                     ".pytest_cache", ".ruff_cache", ".mypy_cache",
                                     "__pycache__")
TEST_TIMEOUT_SECONDS = 900


@dataclass(frozen=True)
class Mutation:
    id: str
    kind: str
    file: str
    original: str
    replacement: str
    tests: tuple[str, ...]
    why: str
    after: str = ""
    """A unique anchor (e.g. an instruction's name in idl.json): the snippet is the first
    occurrence after it, which keeps entries short where a line repeats."""

    def locate(self, text: str) -> tuple[int, str]:
        """(offset of the snippet, "") or (-1, why it cannot be placed)."""
        start = 0
        if self.after:
            anchors = text.count(self.after)
            if anchors != 1:
                return -1, f"the anchor occurs {anchors} times (it must occur exactly once)"
            start = text.index(self.after) + len(self.after)
            found = text.find(self.original, start)
            if found < 0:
                return -1, "the original snippet does not occur after the anchor"
            return found, ""
        count = text.count(self.original)
        if count != 1:
            return -1, f"the original snippet occurs {count} times (it must occur exactly once)"
        return text.index(self.original), ""

    def apply(self, text: str) -> str:
        at, why = self.locate(text)
        assert at >= 0, why
        return text[:at] + self.replacement + text[at + len(self.original):]


def load(path: Path = LIST) -> list[Mutation]:
    try:
        doc = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as err:
        sys.exit(f"mutate: cannot read {path}: {err}")
    mutations = []
    for n, entry in enumerate(doc.get("mutation", []), 1):
        missing = {"id", "kind", "file", "original", "replacement", "tests"} - set(entry)
        if missing:
            sys.exit(f"mutate: mutation #{n} in {path} lacks {', '.join(sorted(missing))}")
        mutations.append(Mutation(entry["id"], entry["kind"], entry["file"], entry["original"],
                                  entry["replacement"], tuple(entry["tests"]),
                                  entry.get("why", ""), entry.get("after", "")))
    ids = [m.id for m in mutations]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        sys.exit(f"mutate: duplicate ids in {path}: {', '.join(duplicates)}")
    return mutations


def stale(mutations: list[Mutation], root: Path) -> list[str]:
    """Every entry whose snippet does not occur exactly once (or whose tests are gone)."""
    problems = []
    for m in mutations:
        path = root / m.file
        if not path.is_file():
            problems.append(f"{m.id}: no file {m.file}")
            continue
        at, why = m.locate(path.read_text())
        if at < 0:
            problems.append(f"{m.id}: {m.file}: {why}")
        if m.original == m.replacement:
            problems.append(f"{m.id}: the replacement is the original")
        for test in m.tests:
            target = test.split("::")[0]
            if test != "host" and not (root / target).exists():
                problems.append(f"{m.id}: no test {target}")
    return problems


class Workspace:
    """A copy of the repository where mutations are applied, built and tested."""

    def __init__(self, directory: Path, seed: int) -> None:
        self.root = directory
        self.seed = seed
        self.python = str(ROOT / ".venv" / "bin" / "python")
        self.env = dict(os.environ)
        # The copy's packages (its generated clients too) shadow the editable install.
        self.env["PYTHONPATH"] = os.pathsep.join(
            [str(directory / "client"), str(directory / "toolchain")])
        self.env["IONET_PROPERTY_SEED"] = str(seed)
        self.env.pop("IONET_CLUSTER_URL", None)

    @classmethod
    def create(cls, directory: Path, seed: int) -> Workspace:
        shutil.copytree(ROOT, directory, ignore=COPY_IGNORE, symlinks=True,
                        dirs_exist_ok=True)
        modules = ROOT / "tests" / "localnet" / "js" / "node_modules"
        link = directory / "tests" / "localnet" / "js" / "node_modules"
        if modules.exists() and not link.is_symlink():
            link.symlink_to(modules)
        return cls(directory, seed)

    def run(self, args: list[str], timeout: float = TEST_TIMEOUT_SECONDS
            ) -> subprocess.CompletedProcess[str]:
        try:
            return subprocess.run(args, cwd=self.root, env=self.env, text=True,
                                  capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired as err:
            out = err.stdout if isinstance(err.stdout, str) else ""
            return subprocess.CompletedProcess(args, 124, out, f"timed out after {timeout} s")

    def build(self, regenerate: bool) -> subprocess.CompletedProcess[str]:
        if regenerate:
            generated = self.run([self.python, "-m", "idlgen", "generate"])
            if generated.returncode != 0:
                return generated
        return self.run([self.python, "-m", "sbfbuild", "build", "--root", str(self.root)])

    def test(self, tests: tuple[str, ...]) -> tuple[bool, str]:
        """(whether every test passed, what failed)."""
        shutil.rmtree(self.root / ".hypothesis", ignore_errors=True)
        for test in tests:
            if test == "host":
                done = self.run([self.python, "-m", "sbfbuild", "test", "--root",
                                 str(self.root)])
            else:
                done = self.run([self.python, "-m", "pytest", "-x", "-q", "-p",
                                 "no:cacheprovider", test])
            if done.returncode != 0:
                return False, f"{test}: {first_failure(done.stdout + done.stderr)}"
        return True, ""


def first_failure(output: str) -> str:
    lines = output.splitlines()
    for wanted in (("FAILED ", "ERROR "), ("test result: FAILED", "thread '")):
        for line in lines:
            if line.startswith(wanted):
                return line.strip()[:200]
    lines = [line for line in lines if line.strip()]
    return lines[-1][:200] if lines else "(no output)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mutate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", metavar="ID", help="run these mutations only")
    parser.add_argument("--list", action="store_true", help="list the mutations and stop")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="work in DIR (kept afterwards) instead of a temporary copy")
    args = parser.parse_args(argv)

    mutations = load(LIST)
    problems = stale(mutations, ROOT)
    if problems:
        print(f"mutate: the mutation list no longer matches the sources; update {LIST}:",
              file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    if args.only:
        unknown = sorted(set(args.only) - {m.id for m in mutations})
        if unknown:
            print(f"mutate: no mutation {', '.join(unknown)}", file=sys.stderr)
            return 2
        mutations = [m for m in mutations if m.id in args.only]
    if args.list:
        for m in mutations:
            print(f"{m.id:36} {m.kind:28} {m.file}")
        return 0

    seed = int(os.environ.get("IONET_PROPERTY_SEED") or secrets.randbelow(2**32))
    temporary = None if args.keep else tempfile.TemporaryDirectory(prefix="ionet-mutate-")
    directory = args.keep or Path(temporary.name)  # type: ignore[union-attr]
    print(f"mutate: {len(mutations)} mutations, copy in {directory}, "
          f"IONET_PROPERTY_SEED={seed}", flush=True)
    try:
        return run_all(Workspace.create(directory, seed), mutations)
    finally:
        if temporary is not None:
            temporary.cleanup()


def run_all(ws: Workspace, mutations: list[Mutation]) -> int:
    started = time.monotonic()
    built = ws.build(regenerate=False)
    if built.returncode != 0:
        print(f"mutate: the unmutated copy does not build:\n{built.stdout}{built.stderr}")
        return 2
    every = tuple(dict.fromkeys(t for m in mutations for t in m.tests))
    passed, failure = ws.test(every)
    if not passed:
        print(f"mutate: the tests fail without any mutation: {failure}")
        return 2
    print(f"mutate: baseline green ({time.monotonic() - started:.0f} s)", flush=True)

    killed: list[tuple[Mutation, str]] = []
    survivors: list[Mutation] = []
    stillborn: list[tuple[Mutation, str]] = []
    for n, m in enumerate(mutations, 1):
        path = ws.root / m.file
        source = path.read_text()
        regenerate = m.file.endswith("idl.json")
        t0 = time.monotonic()
        try:
            path.write_text(m.apply(source))
            built = ws.build(regenerate)
            if built.returncode != 0:
                stillborn.append((m, first_failure(built.stdout + built.stderr)))
                verdict = "does not build"
            else:
                passed, failure = ws.test(m.tests)
                if passed:
                    survivors.append(m)
                    verdict = "SURVIVED"
                else:
                    killed.append((m, failure))
                    verdict = f"killed by {failure}"
        finally:
            path.write_text(source)
            if regenerate:
                ws.run([ws.python, "-m", "idlgen", "generate"])
        print(f"[{n}/{len(mutations)}] {m.id} ({m.kind}, {time.monotonic() - t0:.0f} s): "
              f"{verdict}", flush=True)
    ws.build(regenerate=False)

    scored = len(killed) + len(survivors)
    score = 100.0 * len(killed) / scored if scored else 0.0
    print(f"\nmutation score: {len(killed)}/{scored} killed ({score:.1f} %), "
          f"{len(stillborn)} did not build, in {time.monotonic() - started:.0f} s "
          f"(IONET_PROPERTY_SEED={ws.seed})")
    for m in survivors:
        print(f"  survivor {m.id}: {m.file}: {m.why}")
    for m, why in stillborn:
        print(f"  did not build {m.id}: {why}")
    return 1 if survivors or stillborn else 0


if __name__ == "__main__":
    sys.exit(main())
