"""``ionet stake | costake | unstake | cancel-unstake | start-cooldown | withdraw |
positions``, and the user errors around them."""

from __future__ import annotations

import json
import re

from cli_harness import IO, World
from solders.keypair import Keypair

DAY = 86_400


def test_stake_costake_unstake_withdraw(cli: World) -> None:
    owner, owner_key = cli.user(20_000 * IO)
    node = cli.node(owner)
    verbose = cli.ok("stake", node, "1000", "-k", str(owner), "-v", "--output", "json")
    assert f"Program {cli.program_id} invoke" in verbose.err  # -v: the logs, on stderr
    staked = verbose.json
    assert staked["amount"] == 1000 * IO and staked["computeUnits"] > 0
    assert staked["signature"] and staked["explorer"].startswith("https://explorer.solana")

    costaker, costaker_key = cli.user(2_000 * IO)
    out = cli.ok("costake", node, "250.5", "-k", str(costaker)).out
    assert f"Co-staked 250.5 in node {node}" in out
    assert cli.token_balance(costaker_key.pubkey()) == 2_000 * IO - 250_500_000

    (mine,) = cli.json("positions", "-k", str(costaker))
    assert mine["node"] == node and mine["role"] == "co-staker"
    assert mine["active"] == 250_500_000 and mine["leaving"] == 0

    # A co-staker leaves in two steps: the exit wait, then the cooldown.
    cli.ok("unstake", node, "100", "-k", str(costaker))
    (mine,) = cli.json("positions", "--staker", str(costaker_key.pubkey()))
    assert mine["leaving"] == 100 * IO and mine["active"] == 150_500_000
    human = cli.ok("positions", "-k", str(costaker)).out
    assert re.search(r"in (7d|6d 23h)", human)
    cli.fails("start-cooldown", node, str(costaker_key.pubkey()),
              message="the exit wait of")
    cli.ok("cancel-unstake", node, "-k", str(costaker))
    (mine,) = cli.json("positions", "-k", str(costaker))
    assert mine["leaving"] == 0 and mine["active"] == 250_500_000

    cli.ok("unstake", node, "-k", str(costaker))  # all
    cli.advance(7 * DAY + 1)
    anyone, _ = cli.user(0)
    cli.ok("start-cooldown", node, str(costaker_key.pubkey()), "-k", str(anyone))
    (mine,) = cli.json("positions", "-k", str(costaker))
    assert mine["unbonding"] == 250_500_000 and mine["leaving"] == 0
    assert re.search(r"in (14d|13d 23h)", cli.ok("positions", "-k", str(costaker)).out)
    cli.fails("withdraw", node, "-k", str(costaker), message="the cooldown ends in 1")
    cli.advance(14 * DAY + 1)
    withdrawn = cli.json("withdraw", node, "-k", str(costaker))
    assert withdrawn["amount"] == 250_500_000
    assert cli.token_balance(costaker_key.pubkey()) == 2_000 * IO

    # The owner's unstake goes straight into the cooldown.
    cli.ok("unstake", node, "400", "-k", str(owner))
    (own,) = cli.json("positions", "-k", str(owner))
    assert own["role"] == "owner" and own["unbonding"] == 400 * IO
    assert cli.token_balance(owner_key.pubkey()) == 19_000 * IO


def test_stake_user_errors(cli: World) -> None:
    owner, owner_key = cli.user(1_000 * IO)
    node = cli.node(owner)
    stranger, _ = cli.user(1_000 * IO)
    cli.fails("stake", node, "1.0000001", "-k", str(owner),
              message="has 7 decimals, but the mint has only 6")
    cli.fails("stake", node, "ten", "-k", str(owner), message="is not a decimal number")
    cli.fails("stake", node, "0", "-k", str(owner), message="must be more than zero")
    cli.fails("stake", node, "5000", "-k", str(owner),
              message="holds 1,000, less than 5,000")
    cli.fails("stake", node, "1", "-k", str(stranger), message="does not own node")
    cli.fails("costake", node, "1", "-k", str(owner), message="owners stake with")
    cli.fails("unstake", node, "-k", str(stranger), message="has no stake position in node")

    # A token account of another mint.
    other = cli.call(lambda c: c.create_mint(6))
    foreign = cli.call(lambda c: c.create_token_account(other, owner_key.pubkey()))
    cli.fails("stake", node, "1", "--token-account", str(foreign), "-k", str(owner),
              message=f"is for mint {other}, not the stake mint {cli.mint}")

    # Co-stake beyond the cap: the program's own error, by name.
    cli.ok("stake", node, "100", "-k", str(owner))
    result = cli.fails("costake", node, "101", "-k", str(stranger),
                       message="CostakeCapExceeded (6018): Co-stake would exceed")
    assert "io_staking" in result.err
    verbose = cli.run("costake", node, "101", "-k", str(stranger), "-v")
    assert verbose.code == 1 and "Program log:" in verbose.err


def test_keypair_and_balance_errors(cli: World) -> None:
    owner, _ = cli.user(1_000 * IO)
    node = cli.node(owner)
    missing = cli.home / "nobody.json"
    cli.fails("stake", node, "1", "-k", str(missing),
              message=f"keypair file {missing} does not exist")
    malformed = cli.home / "malformed.json"
    malformed.write_text("[1, 2, 3]")
    cli.fails("stake", node, "1", "-k", str(malformed), message="is not a keypair file")
    malformed.write_text("not json")
    cli.fails("positions", "-k", str(malformed), message="is not a keypair file")

    # Holding tokens but no SOL for the fee: a separate, empty fee payer.
    empty = cli.keypair_file(Keypair(), "empty")
    cli.fails("stake", node, "1", "-k", str(owner), "--fee-payer", str(empty),
              message="SOL, less than the")
    assert json.loads(cli.ok("stake", node, "1", "-k", str(owner), "--output",
                             "json-compact").out)["amount"] == IO
