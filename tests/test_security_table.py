"""The security table (`tests/security_table.py`) is complete and true: every attack class
of the design for every program, each named test exists (and each case pattern matches
cases), SECURITY.md shows the current table; and the one class no test can mount."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import security_table
from security_table import (
    DESIGN,
    PROGRAMS,
    ROOT,
    SECURITY_MD,
    attack_table,
    design_classes,
    embedded_table,
    entries,
    matches,
)


def test_every_class_of_the_design_is_tried_against_every_program() -> None:
    registered = {(e.attack, e.program) for e in entries()}
    # The design lives beside the repository (../shared/design); a clone elsewhere checks
    # the classes the registry lists, all 23 of the design's two tables.
    classes = design_classes(DESIGN.read_text()) if DESIGN.exists() else \
        list(dict.fromkeys(e.attack for e in entries()))
    assert len(classes) == 23, classes
    missing = [(c, p) for c in classes for p in PROGRAMS if (c, p) not in registered]
    assert not missing, f"no tests named for {missing} in tests/security_attacks.toml"
    unknown = {e.attack for e in entries()} - set(classes)
    assert not unknown, f"not a class of the design: {unknown}"
    empty = [(e.attack, e.program) for e in entries() if not e.tests and not e.not_applicable]
    assert not empty, f"neither tests nor a reason: {empty}"


def _case_ids(path: str) -> list[str]:
    """The parameter ids of a generated negative-test file (its reviewed fault list)."""
    listed = (ROOT / path).with_name("declared_constraints.txt").read_text().splitlines()
    return [line.split()[0] for line in listed if line and not line.startswith("#")]


def test_every_named_test_exists() -> None:
    for entry in entries():
        for test in entry.tests:
            path, _, name = test.partition("::")
            function = name.split("[")[0]
            source = (ROOT / path).read_text()
            assert re.search(rf"^(async )?def {function}\(", source, re.M), test
            if "[" in name:
                cases = [f"{path}::{function}[{case}]" for case in _case_ids(path)]
                assert any(matches(test, case) for case in cases), f"{test} matches no case"


def test_security_md_shows_the_current_table() -> None:
    assert embedded_table(SECURITY_MD.read_text()) == attack_table(), \
        "SECURITY.md's attack table is stale: paste attack_table() between its markers"


def test_no_instruction_takes_a_sysvar_account() -> None:
    """Sysvar spoofing needs an instruction that reads a sysvar from an account: none does
    (the programs take the clock from the `sol_get_clock_sysvar` syscall)."""
    for program in PROGRAMS:
        idl = json.loads((ROOT / "programs" / program / "idl.json").read_text())
        for ix in idl["instructions"]:
            for account in ix["accounts"]:
                address = str(account.get("address", ""))
                assert not address.startswith("Sysvar"), (program, ix["name"], account)
                assert account["name"] not in ("clock", "rent", "instructions",
                                               "slotHashes"), (program, ix["name"])
        source = "".join(p.read_text() for p in
                         (ROOT / "programs" / program / "src").rglob("*.rs"))
        assert "SysvarC1ock" not in source and "clock_account" not in source, program


def test_the_results_show_the_faults_injected(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security_table, "OUTPUT", tmp_path)
    assert "Fault injection" not in security_table.results_table({})
    (tmp_path / "faults.json").write_text(json.dumps(
        {"faults": {"drop_after": 3, "localnet_sigkill": 4}, "outcomes": {"exactly once": 2}}))
    shown = security_table.results_table({})
    assert "| drop_after | 3 |\n| localnet_sigkill | 4 |" in shown
    assert "| exactly once | 2 |" in shown
