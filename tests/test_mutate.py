"""The mutation runner's own checks (`make mutate` itself is too slow for the suite)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _runner():  # scripts/ is not a package
    spec = importlib.util.spec_from_file_location("mutate", ROOT / "scripts" / "mutate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["mutate"] = module
    spec.loader.exec_module(module)
    return module


def test_the_list_is_well_formed() -> None:
    mutate = _runner()
    mutations = mutate.load()
    assert len(mutations) >= 20
    kinds = {m.kind for m in mutations}
    for kind in ("comparison off by one", "rounding direction", "dropped check",
                 "dropped constraint (idl.json)", "swapped account", "arithmetic operator"):
        assert kind in kinds, kind


def test_a_snippet_that_no_longer_matches_is_named(tmp_path: Path) -> None:
    mutate = _runner()
    (tmp_path / "a.rs").write_text("if now < t {\n}\nx - y; x - y;\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "t.py").write_text("")
    entries = [
        mutate.Mutation("fine", "k", "a.rs", "now < t", "now <= t", ("tests/t.py",), ""),
        mutate.Mutation("gone", "k", "a.rs", "now > t", "now >= t", ("tests/t.py",), ""),
        mutate.Mutation("twice", "k", "a.rs", "x - y", "x + y", ("host",), ""),
        mutate.Mutation("no-file", "k", "b.rs", "a", "b", ("host",), ""),
        mutate.Mutation("no-test", "k", "a.rs", "now < t", "now <= t", ("tests/u.py",), ""),
    ]
    problems = mutate.stale(entries, tmp_path)
    assert [p.split(":")[0] for p in problems] == ["gone", "twice", "no-file", "no-test"]
    assert "occurs 0 times" in problems[0] and "occurs 2 times" in problems[1]
    # An anchor makes a repeated line placeable: its first occurrence after the anchor.
    second = mutate.Mutation("second", "k", "a.rs", "x - y", "x * y", ("host",), "", "; ")
    assert mutate.stale([second], tmp_path) == []
    assert second.apply((tmp_path / "a.rs").read_text()).endswith("x - y; x * y;\n")


def test_the_runner_refuses_to_start_on_a_stale_list(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    mutate = _runner()
    listing = tmp_path / "mutations.toml"
    listing.write_text('[[mutation]]\nid = "x"\nkind = "k"\nfile = "programs/io_staking/'
                       'src/rules.rs"\noriginal = "no such code"\nreplacement = "y"\n'
                       'tests = ["host"]\n')
    monkeypatch.setattr(mutate, "LIST", listing)
    assert mutate.main(["--list"]) == 2
    assert "the original snippet occurs 0 times" in capsys.readouterr().err
