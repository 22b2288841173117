"""Signing the way wallets and multisigs need: ``--sign-only`` / ``--signer`` round trips,
``--dump-transaction`` signed by a separate script, priority fees and the compute unit
limit from simulation."""

from __future__ import annotations

import base64
import subprocess
import sys
from pathlib import Path

import based58
import httpx
from cli_harness import IO, World
from solders.compute_budget import ID as COMPUTE_BUDGET_ID
from solders.transaction import Transaction

SIGN_AND_SEND = Path(__file__).with_name("sign_and_send.py")


def _position_active(cli: World, staker: str) -> int:
    (position,) = cli.json("positions", "--staker", staker)
    return int(position["active"])


def test_sign_only_then_signer_round_trip(cli: World) -> None:
    owner, owner_key = cli.user(1_000 * IO, sol=1)
    node = cli.node(owner, "100")
    payer, payer_key = cli.user(0)
    owner_pk, payer_pk = str(owner_key.pubkey()), str(payer_key.pubkey())
    blockhash = cli.json("blockhash")["blockhash"]

    cli.fails("stake", node, "10", "-k", str(owner), "--sign-only",
              message="--sign-only needs --blockhash")
    # The owner signs offline; the fee payer is only a public key there.
    args = ("stake", node, "10", "--blockhash", blockhash)
    signed = cli.json(*args, "-k", str(owner), "--fee-payer", payer_pk, "--sign-only")
    assert signed["absent"] == [payer_pk] and signed["blockhash"] == blockhash
    (pair,) = signed["signers"]
    assert pair.startswith(owner_pk + "=")
    human = cli.ok(*args, "-k", str(owner), "--fee-payer", payer_pk, "--sign-only").out
    assert f"Blockhash: {blockhash}" in human and "Signers (Pubkey=Signature):" in human
    assert f"Absent Signers (Pubkey):\n {payer_pk}" in human

    # A signature of another transaction is refused; a missing one is named.
    cli.fails("stake", node, "11", "--blockhash", blockhash, "-k", owner_pk, "--fee-payer",
              str(payer), "--signer", pair, message=f"the signature given for {owner_pk} "
              "does not sign this transaction")
    cli.fails(*args, "-k", owner_pk, "--fee-payer", str(payer),
              message=f"no signature for {owner_pk}")
    cli.fails(*args, "-k", owner_pk, "--fee-payer", str(payer), "--signer", "abc",
              message="is not PUBKEY=SIGNATURE")

    # The fee payer submits with the owner's signature.
    owner_sol = cli.call(lambda c: c.balance(owner_key.pubkey()))
    sent = cli.json(*args, "-k", owner_pk, "--fee-payer", str(payer), "--signer", pair)
    assert sent["computeUnits"] > 0  # the transaction's signature is the fee payer's
    assert _position_active(cli, owner_pk) == 110 * IO
    assert cli.call(lambda c: c.balance(owner_key.pubkey())) == owner_sol


def test_dump_transaction_signed_by_another_program(cli: World) -> None:
    owner, _ = cli.user(1_000 * IO)
    node = cli.node(owner, "100")
    staker, staker_key = cli.user(100 * IO)
    dumped = cli.json("costake", node, "5", "-k", str(staker_key.pubkey()),
                      "--dump-transaction", "--with-compute-unit-price", "1000")
    raw = base64.b64decode(dumped["transaction"])
    assert based58.b58decode(dumped["transactionBase58"].encode()) == raw
    assert dumped["signers"] == [str(staker_key.pubkey())]
    tx = Transaction.from_bytes(raw)
    assert not tx.is_signed()
    # A compute unit limit from simulation, and the priority fee.
    keys = tx.message.account_keys
    budget = [bytes(ix.data) for ix in tx.message.instructions
              if keys[ix.program_id_index] == COMPUTE_BUDGET_ID]
    assert budget[0][0] == 2 and budget[1][0] == 3
    limit = int.from_bytes(budget[0][1:5], "little")
    assert 10_000 < limit < 200_000 and limit == dumped["computeUnitLimit"]
    assert int.from_bytes(budget[1][1:9], "little") == 1000
    assert "Transaction (base64):" in cli.ok(
        "costake", node, "5", "-k", str(staker_key.pubkey()), "--dump-transaction").out

    done = subprocess.run([sys.executable, str(SIGN_AND_SEND), cli.url, str(staker),
                           dumped["transaction"]], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert _position_active(cli, str(staker_key.pubkey())) == 5 * IO


def test_priority_fee_and_compute_units_when_sent(cli: World) -> None:
    owner, _ = cli.user(1_000 * IO)
    node = cli.node(owner, "100")
    plain = cli.json("stake", node, "1", "-k", str(owner))
    priced = cli.json("stake", node, "1", "-k", str(owner), "--with-compute-unit-price",
                      "100000")
    assert 0 < plain["computeUnits"] < 30_000
    landed = httpx.post(cli.url, json={
        "jsonrpc": "2.0", "id": 1, "method": "getTransaction",
        "params": [priced["signature"], {"encoding": "base64", "commitment": "confirmed"}]},
        timeout=10).json()["result"]
    tx = Transaction.from_bytes(base64.b64decode(landed["transaction"][0]))
    keys = tx.message.account_keys
    budget = {bytes(ix.data)[0]: bytes(ix.data) for ix in tx.message.instructions
              if keys[ix.program_id_index] == COMPUTE_BUDGET_ID}
    assert int.from_bytes(budget[3][1:9], "little") == 100_000
    # The limit is what simulation found, with a margin, not the default 200 000.
    limit = int.from_bytes(budget[2][1:5], "little")
    assert landed["meta"]["computeUnitsConsumed"] <= limit < 2 * priced["computeUnits"]
