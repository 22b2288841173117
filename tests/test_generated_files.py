"""Everything derived from the interface definitions is committed and up to date."""

import json
import shutil
from pathlib import Path

from idlgen.__main__ import stale_files
from idlgen.workspace import ROOT


def test_generated_files_match_the_interface_definitions() -> None:
    assert stale_files(ROOT) == [], "run `make generate` and commit the result"


def test_an_interface_change_makes_its_generated_files_stale(tmp_path: Path) -> None:
    shutil.copy(ROOT / "Anchor.toml", tmp_path / "Anchor.toml")
    shutil.copytree(ROOT / "client" / "ionet", tmp_path / "client" / "ionet",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for folder in ("idl", "types"):
        shutil.copytree(ROOT / "target" / folder, tmp_path / "target" / folder)
    for idl in (ROOT / "programs").glob("*/idl.json"):
        program = tmp_path / "programs" / idl.parent.name
        (program / "src" / "instructions").mkdir(parents=True)
        shutil.copy(idl, program / "idl.json")
        shutil.copytree(idl.parent / "src" / "interface", program / "src" / "interface")
        shutil.copy(idl.parent / "src" / "instructions" / "mod.rs",
                    program / "src" / "instructions" / "mod.rs")
    assert stale_files(tmp_path) == []

    idl_path = tmp_path / "programs" / "io_escrow" / "idl.json"
    idl = json.loads(idl_path.read_text())
    idl["errors"][0]["msg"] = "Changed"
    idl_path.write_text(json.dumps(idl))
    (tmp_path / "client/ionet/generated/io_escrow/stray.py").write_text("")

    stale = stale_files(tmp_path)
    assert "programs/io_escrow/src/interface/errors.rs" in stale
    assert "client/ionet/idl/io_escrow.json" in stale
    assert "target/idl/io_escrow.json" in stale
    assert "target/types/io_escrow.ts" in stale
    assert "client/ionet/generated/io_escrow/errors/custom.py" in stale
    assert "client/ionet/generated/io_escrow/stray.py (not generated)" in stale
    assert not [path for path in stale if "io_slashing" in path]
