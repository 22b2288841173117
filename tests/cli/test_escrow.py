"""``ionet escrow open | top-up | extend | show | list | refund | settle | close``,
``ionet escrow init`` (the set-up's), ``ionet mint enable`` and ``ionet fees show |
propose``, and the user errors around them.

Every command passes ``--mint`` except where the default mint is under test, since
``test_mint_enable_and_fees`` enables a second payment mint.
"""

from __future__ import annotations

from market_harness import USDC, Market

HOUR = 3_600
DAY = 86_400


def test_customer_and_coordinator_lifecycle(market: Market) -> None:
    cli, usdc = market.cli, ("--mint", str(market.usdc))
    node, _, owner_key = market.eligible_node()
    customer, customer_key = market.customer(1_000 * USDC)
    me = ("-k", str(customer))
    opened = cli.json("escrow", "open", node, "100", "--rate", "1.44/h", "--expires", "2d",
                      "--min-charge", "1", "--job-id", "7", *usdc, *me)
    escrow = opened["escrow"]
    assert opened["jobId"] == 7 and opened["customerFee"] == 250_000  # io.net's 0.25 %
    assert opened["signature"] and opened["computeUnits"] > 0
    assert market.usdc_balance(customer_key.pubkey()) == 900 * USDC

    human = cli.ok("escrow", "show", "7", *me).out
    assert f"Escrow:         {escrow}" in human and "Deposited:      99.75" in human
    assert "Rate:           1.44/h" in human and "Expires:" in human
    # Two days from the opening, less the seconds since (none yet on a fast machine).
    assert "(in 1d 23h)" in human or "(in 2d)" in human
    shown = cli.json("escrow", "show", escrow)
    assert shown["remaining"] == 99_750_000 and shown["ratePerSecond"] == 400
    assert shown["minCharge"] == USDC and shown["decimals"] == 6

    out = cli.ok("escrow", "top-up", "7", "10", *me).out
    assert f"Topped up escrow {escrow} with 9.975 (0.025 fee)" in out
    extended = cli.json("escrow", "extend", escrow, "--expires", "10d", *me)
    (listed,) = cli.json("escrow", "list", *usdc, *me)
    assert listed["escrow"] == escrow and listed["deposited"] == 109_725_000
    assert listed["expiresAt"] == extended["expiresAt"]
    assert escrow in cli.ok("escrow", "list", "--node", node).out

    # The coordinator settles within min_charge + rate x time, then closes.
    coordinator = ("--authority", str(market.coordinator))
    settled = cli.json("escrow", "settle", escrow, "1", *coordinator)
    assert settled["supplierFee"] == 2_500 and settled["seq"] == shown["nextSeq"]
    assert market.usdc_balance(owner_key.pubkey()) == 997_500
    cli.fails("escrow", "settle", escrow, "50", *coordinator,
              message="io_escrow: RateExceeded (6013)")
    cli.advance(HOUR)
    out = cli.ok("escrow", "close", escrow, "--final", "1.44", *coordinator).out
    assert f"Closed escrow {escrow}" in out and "Signature:" in out
    assert market.usdc_balance(customer_key.pubkey()) == 890 * USDC + 107_285_000
    cli.fails("escrow", "top-up", "7", "1", *me, message="no escrow job 7 of")


def test_refunds(market: Market) -> None:
    cli, usdc = market.cli, ("--mint", str(market.usdc))
    node, owner, _ = market.eligible_node()
    customer, customer_key = market.customer(100 * USDC)
    me = ("-k", str(customer))
    expiring = cli.json("escrow", "open", node, "40", "--rate", "0.36/h", "--expires", "1h",
                        *usdc, *me)["escrow"]
    stranger, _ = market.customer(0)
    cli.fails("escrow", "refund", expiring, "-k", str(stranger),
              message=f"escrow {expiring} belongs to {customer_key.pubkey()}")
    cli.fails("escrow", "refund", expiring, *me, message="can be refunded from")
    cli.advance(HOUR + DAY)  # the expiry and the refund grace
    refunded = cli.json("escrow", "refund", expiring, *me)
    assert refunded["reason"] == "expired" and refunded["amount"] == 39_900_000
    assert market.usdc_balance(customer_key.pubkey()) == 99_900_000

    # A node that falls below its minimum stake frees its escrows at once.
    held = cli.json("escrow", "open", node, "50", "--rate", "0.36/h", "--expires", "30d",
                    *usdc, *me)["escrow"]
    cli.ok("unstake", node, "-k", str(owner))
    out = cli.ok("escrow", "refund", held, *me).out
    assert f"Refunded 49.875 from escrow {held} (node ineligible); it is closed" in out
    cli.fails("escrow", "open", node, "1", "--rate", "0.36/h", "--expires", "1d", *usdc, *me,
              message="is not eligible")


def test_escrow_user_errors(market: Market) -> None:
    cli, usdc = market.cli, ("--mint", str(market.usdc))
    node, _, _ = market.eligible_node()
    customer, _ = market.customer(1_000 * USDC)
    me = ("-k", str(customer))
    terms = ("--rate", "1.44/h", "--expires", "1d")
    cli.fails("escrow", "open", node, "10", *terms, "--mint", str(cli.mint), *me,
              message=f"mint {cli.mint} is not a payment mint of io_escrow")
    cli.fails("escrow", "open", node, "1.0000001", *terms, *usdc, *me,
              message="has 7 decimals, but the mint has only 6")
    cli.fails("escrow", "open", node, "5000", *terms, *usdc, *me,
              message="holds 1,000, less than 5,000")
    cli.fails("escrow", "open", node, "10", "--rate", "1.5/h", "--expires", "1d", *usdc, *me,
              message="use 1.4976/h or 1.5012/h")
    cli.fails("escrow", "open", node, "10", "--rate", "1.44/h", "--expires", "@1", *usdc, *me,
              message="is not in the future")
    cli.ok("escrow", "open", node, "10", *terms, "--job-id", "1", *usdc, *me)
    cli.fails("escrow", "open", node, "10", *terms, "--job-id", "1", *usdc, *me,
              message="you have an escrow with job id 1 already")
    escrow = cli.json("escrow", "show", "1", *me)["escrow"]
    cli.fails("escrow", "settle", escrow, "1", *me, message="is not the coordinator")
    cli.fails("escrow", "settle", "1", "1", "--authority", str(market.coordinator),
              message="give the escrow's address")


def test_mint_enable_and_fees(market: Market) -> None:
    cli = market.cli
    node, _, _ = market.eligible_node()
    customer, _ = market.customer(100 * USDC)
    # With one payment mint, it is the default.
    cli.ok("escrow", "open", node, "10", "--rate", "1.44/h", "--expires", "1d",
           "-k", str(customer))

    stranger, _ = cli.user(0)
    second = cli.call(lambda c: c.create_mint(2))
    cli.fails("mint", "enable", str(second), "-k", str(stranger),
              message="is not the admin of io_escrow")
    cli.fails("mint", "enable", str(market.usdc), message="is a payment mint already")
    # A multisig's proposal: the instruction, signed by the admin's key; nothing is sent.
    printed = cli.json("mint", "enable", str(second), "--authority",
                       str(cli.deployer.pubkey()), "--print-instructions")
    (ix,) = printed["instructions"]
    assert ix["programId"] == str(market.escrow_id)
    assert [a["pubkey"] for a in ix["accounts"] if a["isSigner"]] == [str(cli.deployer.pubkey())]
    enabled = cli.json("mint", "enable", str(second))
    assert enabled["decimals"] == 2
    cli.fails("escrow", "open", node, "10", "--rate", "1.44/h", "--expires", "1d",
              "-k", str(customer), message="pass --mint: io_escrow takes")

    cli.fails("escrow", "init", message="is initialized already")
    shown = cli.json("fees", "show")
    assert (shown["customerFeeBps"], shown["supplierFeeBps"]) == (25, 25)
    cli.fails("fees", "propose", "--customer-fee", "11%", message="FeeAboveCap (6005)")
    proposed = cli.json("fees", "propose", "--customer-fee", "0.3%")
    assert (proposed["customerFeeBps"], proposed["supplierFeeBps"]) == (30, 25)
    human = cli.ok("fees", "show").out
    assert "Customer fee: 0.25%" in human and "Proposed:     customer 0.3%, supplier 0.25%" \
        in human
    # Back to io.net's fees, so that the other tests' escrows keep 0.25 %.
    assert cli.json("fees", "propose", "--customer-fee", "0.25%")["customerFeeBps"] == 25


def test_config_show_and_set(market: Market) -> None:
    cli = market.cli
    shown = cli.json("escrow", "config", "show")
    assert shown["coordinator"] == str(market.coordinator_key.pubkey())
    assert shown["stakingProgram"] and shown["paused"] is False
    assert "Coordinator" in cli.ok("escrow", "config", "show").out
    grace = shown["refundGraceSecs"]
    stranger, _ = market.customer(0)
    cli.fails("escrow", "config", "set", "--refund-grace", "2d", "-k", str(stranger),
              message="is not the admin of io_escrow")
    cli.fails("escrow", "config", "set", message="name a setting")
    cli.fails("escrow", "config", "set", "--treasury", "nope", message="--treasury")
    changed = cli.json("escrow", "config", "set", "--refund-grace", "2d")
    assert changed["refundGraceSecs"] == 2 * DAY and changed["signature"]
    assert changed["coordinator"] == shown["coordinator"]  # the others stay
    assert cli.json("escrow", "config", "show")["refundGraceSecs"] == 2 * DAY
    cli.json("escrow", "config", "set", "--refund-grace", f"{grace}s")
    assert cli.json("escrow", "config", "show")["refundGraceSecs"] == grace
