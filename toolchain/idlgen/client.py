"""Runs `anchorpy client-gen` on a legacy IDL and returns the generated files."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def generate_client(idl_path: Path, program_id: str) -> dict[str, bytes]:
    """The anchorpy client package for `idl_path`, as {relative path: content}."""
    anchorpy = Path(sys.executable).parent / "anchorpy"
    if not anchorpy.exists():
        found = shutil.which("anchorpy")
        if found is None:
            raise SystemExit("anchorpy not found: pip install 'anchorpy[cli]==0.21.0'")
        anchorpy = Path(found)
    with tempfile.TemporaryDirectory(prefix="idlgen-") as tmp:
        out = Path(tmp) / "client"
        result = subprocess.run(
            [str(anchorpy), "client-gen", str(idl_path), str(out), "--program-id", program_id],
            capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise SystemExit(f"anchorpy client-gen failed for {idl_path}:\n{result.stderr}")
        return {str(p.relative_to(out)): p.read_bytes()
                for p in sorted(out.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}
