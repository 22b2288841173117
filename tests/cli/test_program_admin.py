"""``ionet escrow | slash pause | unpause | admin propose | accept``: the admin commands
io_escrow and io_slashing share (``ionet.cli.program_admin``)."""

from __future__ import annotations

from market_harness import Market
from solders.keypair import Keypair


def test_pause_and_admin_proposal(market: Market) -> None:
    cli = market.cli
    stranger, _ = cli.user(0)
    cli.fails("escrow", "pause", "-k", str(stranger), message="is not the admin of io_escrow")
    vault = Keypair().pubkey()  # a multisig's: no keypair anywhere
    for group, program, program_id in (("escrow", "io_escrow", market.escrow_id),
                                        ("slash", "io_slashing", market.slashing_id)):
        assert f"Paused {program}" in cli.ok(group, "pause").out
        cli.fails(group, "pause", message=f"{program} is paused already")
        assert cli.json(group, "unpause")["paused"] is False

        # For the multisig's proposal: the instruction, signed by the admin; nothing sent.
        printed = cli.json(group, "admin", "propose", str(vault), "--print-instructions")
        (ix,) = printed["instructions"]
        assert ix["programId"] == str(program_id)
        assert [a["pubkey"] for a in ix["accounts"] if a["isSigner"]] == \
            [str(cli.deployer.pubkey())]
        cli.fails(group, "admin", "accept", message=f"no admin of {program} has been proposed")
