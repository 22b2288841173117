"""``ionet node register | show | list``."""

from __future__ import annotations

import hashlib

from cli_harness import IO, World
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet.staking import StakingProgram


def test_node_register_show_list(cli: World) -> None:
    owner, owner_key = cli.user(20_000 * IO)
    node_id = cli.node_id()
    result = cli.ok("node", "register", node_id, "8", "--multiplier", "10",
                    "--costake-share", "25%", "-k", str(owner))
    assert "Registered node" in result.out
    assert "Signature:" in result.out and "Compute units:" in result.out
    assert "explorer.solana.com/tx/" in result.out and "cluster=custom" in result.out

    shown = cli.json("node", "show", node_id)
    address = shown["address"]
    assert shown["owner"] == str(owner_key.pubkey())
    assert shown["gpuCount"] == 8 and shown["multiplierBps"] == 100_000
    assert shown["costakeRewardShareBps"] == 2_500
    assert shown["minimumStake"] == 200 * 10 * 8 * IO
    assert shown["eligible"] is False and shown["jailed"] is False

    # By address too, and for people: whole tokens, eligibility, room.
    human = cli.ok("node", "show", address).out
    assert "Minimum stake:" in human and "16,000" in human
    assert "Eligible:" in human and "no" in human
    assert "Co-stake room:" in human

    cli.ok("stake", address, "16000", "-k", str(owner))
    shown = cli.json("node", "show", address)
    assert shown["activeStake"] == 16_000 * IO and shown["eligible"] is True
    # Co-stake may bring the node's stake to twice the owner's at a 50 % cap.
    assert shown["costakeRoom"] == 16_000 * IO

    listed = cli.json("node", "list", "--owner", str(owner_key.pubkey()))
    assert [n["address"] for n in listed] == [address]
    table = cli.ok("node", "list", "--owner", str(owner_key.pubkey())).out
    assert address in table and "16,000" in table and "yes" in table
    assert cli.json("node", "list", "--owner", str(Keypair().pubkey())) == []
    eligible = cli.json("node", "list", "--eligible")
    assert address in [n["address"] for n in eligible]


def test_node_named_by_uuid(cli: World) -> None:
    owner, _ = cli.user(0)
    uuid = "0b3c5a52-1f0e-4c43-9a1e-6d2b0c8f7e11-" + Keypair().pubkey().__str__()[:6]
    registered = cli.json("node", "register", uuid, "1", "-k", str(owner))
    assert registered["nodeId"] == hashlib.sha256(uuid.encode()).hexdigest()
    assert cli.json("node", "show", uuid)["address"] == registered["node"]
    cli.fails("node", "register", uuid, "1", "-k", str(owner), message="registered already")


def test_node_show_rejects_closed_and_foreign_accounts(cli: World) -> None:
    owner, owner_key = cli.user(0)
    closed = cli.node(owner)
    program = StakingProgram(cli.program_id, cli.mint)
    cli.call(lambda c: c.send([program.close_node(owner_key.pubkey(),
                                                  Pubkey.from_string(closed))], [owner_key]))
    # A closed node stays as a tombstone (what it was paid is kept): shown, but closed.
    assert cli.json("node", "show", closed)["closed"] is True
    assert "Closed:          yes" in cli.ok("node", "show", closed).out
    cli.fails("stake", closed, "1", "-k", str(owner), message=f"node {closed} is closed")
    missing = Keypair().pubkey()
    cli.fails("node", "show", str(missing), message=f"no node at {missing}")
    cli.fails("node", "show", str(cli.mint), message="is not an io_staking account")
    config = cli.json("config", "show")["config"]
    cli.fails("node", "show", config, message="is not a node but an io_staking config")


def test_node_register_rejects_bad_input(cli: World) -> None:
    owner, _ = cli.user(0)
    cli.fails("node", "register", cli.node_id(), "1", "--multiplier", "0.00001",
              "-k", str(owner), message="--multiplier 0.00001 must be between")
    cli.fails("node", "register", cli.node_id(), "0", "-k", str(owner),
              message="0 is not in the range")

