"""anchorpy reads the on-chain IDL: ``Program.fetch_raw_idl`` as it is, and, since
anchorpy 0.21 parses only the legacy format, ``ionet.onchain_idl.fetch_idl`` converts the
0.30 IDL that anchor-cli and `ionet deploy` put on chain (``to_legacy``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from anchorpy import Program
from solders.keypair import Keypair

from ionet import onchain_idl
from ionet.deploy import deploy_program, publish_idl
from ionet.testing import TestCluster

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = sorted(p.parent.name for p in (ROOT / "programs").glob("*/idl.json"))


def _without_resolution(idl: Any) -> Any:
    """The legacy IDL less PDA seeds and relations (what account resolution uses)."""
    if isinstance(idl, dict):
        return {k: _without_resolution(v) for k, v in idl.items()
                if k not in ("pda", "relations") and not (k == "types" and v == [])}
    if isinstance(idl, list):
        return [_without_resolution(item) for item in idl]
    return idl


@pytest.mark.parametrize("program", PROGRAMS)
def test_the_legacy_form_of_the_0_30_idl_is_the_one_anchorpy_reads(program: str) -> None:
    spec = json.loads((ROOT / "target" / "idl" / f"{program}.json").read_text())
    legacy = json.loads((ROOT / "client" / "ionet" / "idl" / f"{program}.json").read_text())
    assert _without_resolution(onchain_idl.to_legacy(spec)) == _without_resolution(legacy)


async def test_fetch_idl_gives_anchorpy_a_working_program(cluster: TestCluster) -> None:
    elf = (ROOT / "target" / "deploy" / "io_escrow.so").read_bytes()
    program_id = await deploy_program(cluster.client, cluster.wallet, Keypair(), elf)
    spec = json.loads((ROOT / "target" / "idl" / "io_escrow.json").read_text())
    spec["address"] = str(program_id)
    await publish_idl(cluster.client, cluster.wallet, program_id, spec)

    assert json.loads(await Program.fetch_raw_idl(program_id, cluster.provider)) == spec
    idl = await onchain_idl.fetch_idl(program_id, cluster.provider)
    program = Program(idl, program_id, cluster.provider)
    assert program.idl.name == "io_escrow"
    (initialize,) = spec["instructions"]
    admin = Keypair().pubkey()
    data = program.coder.instruction.encode("initialize", {"admin": admin})
    assert data == bytes(initialize["discriminator"]) + bytes(admin)
    assert [ix.name for ix in idl.instructions] == ["initialize"]
    assert [account.name for account in idl.accounts] == ["EscrowConfig"]
