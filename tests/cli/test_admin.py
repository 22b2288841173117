"""``ionet init``, ``config show | set``, ``admin propose | accept``, ``pause | unpause``,
on a deployment of their own (``--program-id``), so that the shared one keeps its config."""

from __future__ import annotations

import pytest
from cli_harness import IO, STAKING_SO, World, write_keypair
from solders.keypair import Keypair


@pytest.fixture
def own(cli: World) -> str:
    """A new io_staking, deployed by the CLI, not initialized yet; its id."""
    program = Keypair()
    path = write_keypair(cli.home / f"program-{program.pubkey()}.json", program)
    cli.ok("deploy", str(STAKING_SO), "--program-keypair", str(path))
    return str(program.pubkey())


def test_init_and_config(cli: World, own: str) -> None:
    pid = ("--program-id", own)
    cli.fails("config", "show", *pid, message="is not initialized (run `ionet init`)")
    stranger, _ = cli.user(0)
    cli.fails("init", "--mint", str(cli.mint), "-k", str(stranger), *pid,
              message="is not the upgrade authority")
    cli.fails("init", "--mint", str(cli.deployer.pubkey()), *pid,
              message="is not a token mint")
    cli.fails("init", "--mint", str(cli.mint), "--cooldown", "two weeks", *pid,
              message="is not a duration")
    init = cli.json("init", "--mint", str(cli.mint), "--cooldown", "21d", "--max-costake",
                    "40%", "--slasher", str(Keypair().pubkey()), *pid)
    assert init["admin"] == str(cli.deployer.pubkey())
    cli.fails("init", "--mint", str(cli.mint), *pid, message="is initialized already")

    shown = cli.json("config", "show", *pid)
    assert shown["unstakeCooldownSecs"] == 21 * 86_400 and shown["maxCostakeBps"] == 4_000
    assert shown["minStakePerGpu"] == 200 * IO and shown["treasury"] == init["treasury"]
    human = cli.ok("config", "show", *pid).out
    assert "Unstake cooldown:      21d" in human and "Co-stake cap:          40%" in human

    cli.fails("config", "set", *pid, message="name at least one setting")
    cli.fails("config", "set", "--cooldown", "1d", "-k", str(stranger), *pid,
              message="is not the admin")
    cli.fails("config", "set", "--cooldown", "1d", *pid, message="CooldownTooShort")
    cli.fails("config", "apply", *pid, message="no settings change is pending")
    # A shorter cooldown weakens the stakers' protection: only proposed, applied later.
    proposed = cli.ok("config", "set", "--cooldown", "7d 12h", "--min-stake-per-gpu",
                      "250.5", *pid).out
    assert "Proposed the change; it applies from" in proposed
    shown = cli.json("config", "show", *pid)
    assert shown["unstakeCooldownSecs"] == 21 * 86_400
    pending = shown["pendingChange"]
    assert pending["unstakeCooldownSecs"] == 7 * 86_400 + 12 * 3_600
    assert pending["minStakePerGpu"] == 250_500_000 and pending["maxCostakeBps"] == 4_000
    cli.fails("config", "apply", *pid, message="ConfigChangeNotReady")
    cli.advance(pending["activatesAt"] - cli.now() + 1)
    cli.ok("config", "apply", *pid)
    shown = cli.json("config", "show", *pid)
    assert shown["unstakeCooldownSecs"] == 7 * 86_400 + 12 * 3_600
    assert shown["minStakePerGpu"] == 250_500_000 and shown["pendingChange"] is None


def test_admin_rotation_and_pause(cli: World, own: str) -> None:
    pid = ("--program-id", own)
    cli.ok("init", "--mint", str(cli.mint), "--slasher", str(Keypair().pubkey()), *pid)
    new_admin, new_admin_key = cli.user(0)
    cli.fails("admin", "accept", "-k", str(new_admin), *pid,
              message="no admin of io_staking has been proposed")
    cli.fails("admin", "propose", str(new_admin_key.pubkey()), "-k", str(new_admin), *pid,
              message="is not the admin")
    cli.ok("admin", "propose", str(new_admin_key.pubkey()), *pid)
    assert cli.json("config", "show", *pid)["pendingAdmin"] == str(new_admin_key.pubkey())
    cli.fails("admin", "accept", *pid, message="is not the proposed admin")
    out = cli.ok("admin", "accept", "-k", str(new_admin), *pid).out
    assert f"{new_admin_key.pubkey()} is now the admin" in out
    assert cli.json("config", "show", *pid)["admin"] == str(new_admin_key.pubkey())

    stranger, _ = cli.user(0)
    cli.fails("pause", "-k", str(stranger), *pid, message="is neither the pause authority")
    cli.ok("pause", "--authority", str(new_admin), *pid)
    assert cli.json("config", "show", *pid)["paused"] is True
    owner, _ = cli.user(1_000 * IO)
    node = cli.json("node", "register", cli.node_id(), "1", "-k", str(owner), *pid)["node"]
    cli.fails("stake", node, "10", "-k", str(owner), *pid,
              message="Paused (6013): The program is paused")
    cli.ok("unpause", "--authority", str(new_admin), *pid)
    assert cli.json("config", "show", *pid)["paused"] is False
    cli.ok("stake", node, "10", "-k", str(owner), *pid)


def test_print_instructions_for_a_multisig(cli: World, own: str) -> None:
    pid = ("--program-id", own)
    cli.ok("init", "--mint", str(cli.mint), "--slasher", str(Keypair().pubkey()), *pid)
    vault = Keypair().pubkey()  # a multisig's vault: no keypair anywhere
    cli.ok("admin", "propose", str(vault), *pid)
    printed = cli.json("admin", "accept", "--authority", str(vault), "--print-instructions",
                       *pid)
    (ix,) = printed["instructions"]
    assert ix["programId"] == own
    signers = [a["pubkey"] for a in ix["accounts"] if a["isSigner"]]
    assert signers == [str(vault)]
    human = cli.ok("pause", "--authority", str(cli.deployer_path), "--print-instructions",
                   *pid).out
    assert f"Instruction 0: program {own}" in human and "data (base58):" in human
    # Nothing was sent.
    assert cli.json("config", "show", *pid)["paused"] is False
