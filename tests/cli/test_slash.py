"""``ionet slash propose | dispute | resolve | execute | cancel | list`` and ``ionet
reporter add | remove``, and the user errors around them."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from cli_harness import IO
from market_harness import Market

from ionet.cli.errors import CliError
from ionet.cli.slashing import parse_bps, parse_offense
from ionet.slashing import Offense

DAY = 86_400


def test_propose_dispute_resolve_execute_cancel(market: Market, tmp_path: Path) -> None:
    cli = market.cli
    reporter, reporter_key = cli.user(0)
    out = cli.ok("reporter", "add", str(reporter_key.pubkey())).out
    assert f"Added reporter {reporter_key.pubkey()}" in out
    node, owner, _ = market.eligible_node()
    evidence = tmp_path / "spoofing.json"
    evidence.write_text('{"gpu": "fake H100"}')
    counter = tmp_path / "logs.txt"
    counter.write_text("nvidia-smi output")
    as_reporter = ("--authority", str(reporter))

    proposed = cli.json("slash", "propose", node, "spoofing", "5%", "--evidence",
                        str(evidence), *as_reporter)
    assert proposed["seq"] == 0 and proposed["bps"] == 500
    assert proposed["evidenceHash"] == hashlib.sha256(evidence.read_bytes()).hexdigest()
    assert re.search(r"pending +spoofing +5% .* disputable for (7d|6d 23h)",
                     cli.ok("slash", "list", node).out)
    cli.ok("slash", "dispute", node, "0", "--evidence", str(counter), "-k", str(owner))
    out = cli.ok("slash", "resolve", node, "0", "reject").out
    assert f"Rejected slash 0 of node {node}" in out

    # Undisputed through its window, a proposal executes; anyone may send it.
    cli.ok("slash", "propose", node, "downtime", "100", "--evidence", str(evidence),
           *as_reporter)
    cli.fails("slash", "execute", node, "1", message="can be disputed for another")
    cli.advance(7 * DAY + 1)
    anyone, _ = cli.user(0)
    assert cli.json("slash", "execute", node, "1", "-k", str(anyone))["bps"] == 100
    assert cli.json("node", "show", node)["slashedTotal"] == 2 * IO  # 1 % of 200

    cli.ok("slash", "propose", node, "failed-proof-of-work", "2.5%", "--evidence",
           str(evidence), *as_reporter)
    cli.ok("slash", "cancel", node, "2", *as_reporter)
    history = cli.json("slash", "list", node)
    assert [(p["seq"], p["status"], p["offense"]) for p in history] == [
        (0, "rejected", "spoofing"), (1, "executed", "downtime"),
        (2, "cancelled", "failed-proof-of-work")]
    assert history[0]["counterEvidenceHash"] == \
        hashlib.sha256(counter.read_bytes()).hexdigest()
    out = cli.ok("reporter", "remove", str(reporter_key.pubkey())).out
    assert f"Removed reporter {reporter_key.pubkey()}" in out


def test_slash_user_errors(market: Market, tmp_path: Path) -> None:
    cli = market.cli
    reporter, reporter_key = cli.user(0)
    cli.ok("reporter", "add", str(reporter_key.pubkey()))
    node, _, _ = market.eligible_node()
    evidence = tmp_path / "evidence.bin"
    evidence.write_bytes(b"\x00proof")
    stranger, stranger_key = cli.user(0)
    as_reporter = ("--authority", str(reporter))

    cli.fails("slash", "propose", node, "spoofing", "5%", "--evidence",
              str(tmp_path / "missing.json"), *as_reporter,
              message=f"evidence file {tmp_path / 'missing.json'} does not exist")
    cli.fails("slash", "propose", node, "spoofing", "5%", "--evidence", str(evidence),
              "-k", str(stranger), message="is not a reporter of io_slashing")
    cli.fails("slash", "propose", node, "spoofing", "60%", "--evidence", str(evidence),
              *as_reporter, message="io_slashing: OffenseCapExceeded (6010)")
    cli.ok("slash", "propose", node, "spoofing", "5%", "--evidence", str(evidence),
           *as_reporter)
    cli.fails("slash", "dispute", node, "0", "--evidence", str(evidence), "-k", str(stranger),
              message="does not own node")
    cli.fails("slash", "resolve", node, "0", "uphold", "-k", str(stranger),
              message="is not the admin of io_slashing")
    cli.fails("slash", "cancel", node, "0", "-k", str(stranger),
              message="is neither the proposal's reporter")
    cli.fails("slash", "execute", node, "9", message="has no slash proposal 9")

    # The admin's instruction, for a multisig proposal; nothing is sent.
    printed = cli.json("reporter", "add", str(stranger_key.pubkey()), "--authority",
                       str(cli.deployer.pubkey()), "--print-instructions")
    (ix,) = printed["instructions"]
    assert ix["programId"] == str(market.slashing_id)
    cli.fails("reporter", "remove", str(stranger_key.pubkey()),
              message="is not a reporter")  # nothing was sent


def test_offenses_and_shares() -> None:
    assert parse_offense("failed-proof-of-work") is Offense.FAILED_PROOF_OF_WORK
    assert parse_offense("Data_Compromise") is parse_offense("1") is Offense.DATA_COMPROMISE
    assert parse_bps("500") == parse_bps("5%") == 500 and parse_bps("0.01%") == 1
    for text, message in [("theft", "offense 'theft' is not one of spoofing, data-compromise"),
                          ("9", "is not one of")]:
        with pytest.raises(CliError, match=message):
            parse_offense(text)
    for text in ("0", "10001", "0.5", "100.5%", "five"):
        with pytest.raises(CliError, match="basis points"):
            parse_bps(text)


def test_config_show_and_set(market: Market) -> None:
    cli = market.cli
    shown = cli.json("slash", "config", "show")
    assert shown["challengeWindowSecs"] == 7 * 86_400 and shown["maxRollingBps"] == 5_000
    assert shown["offenses"]["spoofing"] == {"maxBps": 5_000, "jailSecs": 30 * 86_400}
    assert "Challenge window" in cli.ok("slash", "config", "show").out
    stranger, _ = cli.user(0)
    cli.fails("slash", "config", "set", "--max-rolling", "40%", "-k", str(stranger),
              message="is not the admin of io_slashing")
    cli.fails("slash", "config", "set", message="name a setting")
    cli.fails("slash", "config", "set", "--offense", "laziness=1%", message="is not one of")
    cli.fails("slash", "config", "set", "--offense", "downtime", message="NAME=CAP%/JAIL")
    changed = cli.json("slash", "config", "set", "--challenge-window", "5d",
                       "--offense", "downtime=2%/1d")
    assert changed["challengeWindowSecs"] == 5 * 86_400 and changed["signature"]
    now = cli.json("slash", "config", "show")
    assert now["offenses"]["downtime"] == {"maxBps": 200, "jailSecs": 86_400}
    assert now["offenses"]["spoofing"] == shown["offenses"]["spoofing"]  # the rest stay
    assert now["appealWindowSecs"] == shown["appealWindowSecs"]
    # Back to the session's settings, for the other tests.
    cli.json("slash", "config", "set", "--challenge-window", "7d", "--offense", "downtime=1%")
    assert cli.json("slash", "config", "show") == shown
