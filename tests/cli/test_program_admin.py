"""``ionet escrow | slash pause | unpause | admin propose | accept``: the admin commands
io_escrow and io_slashing share (``ionet.cli.program_admin``)."""

from __future__ import annotations

import pytest
from market_harness import Market
from solders.keypair import Keypair


@pytest.mark.parametrize(("group", "program"), [("escrow", "io_escrow"),
                                                ("slash", "io_slashing")])
def test_pause_and_admin_proposal(market: Market, group: str, program: str) -> None:
    cli = market.cli
    stranger, _ = cli.user(0)
    cli.fails(group, "pause", "-k", str(stranger), message=f"is not the admin of {program}")
    assert f"Paused {program}" in cli.ok(group, "pause").out
    cli.fails(group, "pause", message=f"{program} is paused already")
    assert cli.json(group, "unpause")["paused"] is False

    # For a multisig: the instruction, signed by the admin; nothing is sent.
    vault = Keypair().pubkey()
    printed = cli.json(group, "admin", "propose", str(vault), "--print-instructions")
    (ix,) = printed["instructions"]
    expected = market.escrow_id if group == "escrow" else market.slashing_id
    assert ix["programId"] == str(expected)
    assert [a["pubkey"] for a in ix["accounts"] if a["isSigner"]] == \
        [str(cli.deployer.pubkey())]
    cli.fails(group, "admin", "accept", message=f"no admin of {program} has been proposed")
