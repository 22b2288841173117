"""Priority fees as Agave charges them: ceil(compute-unit price x compute-unit limit / 10^6)
lamports on top of the base fee, landed or failed, refused before execution when the payer
cannot pay them; never charged by a simulation."""

from __future__ import annotations

import asyncio
import base64
import re
import socket
import struct
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from solana.rpc.async_api import AsyncClient
from solders.compute_budget import ID as COMPUTE_BUDGET
from solders.compute_budget import set_compute_unit_limit, set_compute_unit_price
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.system_program import TransferParams, transfer
from solders.transaction import Transaction

from ionet.testing import TestCluster

Rpc = Callable[..., Awaitable[Any]]
MEMO = Pubkey.from_string("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr")
STAKE = Pubkey.from_string("Stake11111111111111111111111111111111111111")
ED25519 = Pubkey.from_string("Ed25519SigVerify111111111111111111111111111")
SKIP = {"encoding": "base64", "skipPreflight": True}
# One lamport per compute unit, so that the priority fee is the limit in lamports.
LAMPORT_PER_UNIT = 1_000_000


def _pay(payer: Keypair, lamports: int, to: Pubkey | None = None) -> Instruction:
    return transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=to or Keypair().pubkey(),
                                   lamports=lamports))


async def _message(client: AsyncClient, payer: Keypair, ixs: Sequence[Instruction]) -> Message:
    blockhash = (await client.get_latest_blockhash()).value.blockhash
    return Message.new_with_blockhash(list(ixs), payer.pubkey(), blockhash)


async def _signed(client: AsyncClient, payer: Keypair, ixs: Sequence[Instruction]) -> str:
    message = await _message(client, payer, ixs)
    return base64.b64encode(bytes(Transaction([payer], message, message.recent_blockhash))
                            ).decode()


async def _landed(rpc: Rpc, signature: str) -> dict[str, Any]:
    got = await rpc("getTransaction", signature, {"encoding": "json"})
    assert got is not None, signature
    return got


async def test_a_landed_transaction_pays_base_and_priority_fee(
        cluster: TestCluster, client: AsyncClient, rpc: Rpc) -> None:
    payer = await cluster.new_funded_keypair(10**9)
    to = Keypair().pubkey()
    before = await cluster.balance(payer.pubkey())
    # 1 000 000 micro-lamports x 10 000 units = 10 000 lamports, on top of 5 000.
    tx = await _signed(client, payer, [set_compute_unit_price(1_000_000),
                                       set_compute_unit_limit(10_000), _pay(payer, 10**6, to)])
    signature = await rpc("sendTransaction", tx, {"encoding": "base64"})
    assert await cluster.balance(payer.pubkey()) == before - 10**6 - 15_000
    assert await cluster.balance(to) == 10**6
    got = await _landed(rpc, signature)
    meta = got["meta"]
    assert meta["err"] is None and meta["fee"] == 15_000
    assert meta["preBalances"][0] == before
    assert meta["postBalances"][0] == before - 10**6 - 15_000
    block = await rpc("getBlock", got["slot"], {"encoding": "json"})
    (in_block,) = [t for t in block["transactions"]
                   if t["transaction"]["signatures"] == [signature]]
    assert in_block["meta"]["fee"] == 15_000


async def test_a_failed_transaction_pays_its_priority_fee_too(
        cluster: TestCluster, client: AsyncClient, rpc: Rpc, raw: Rpc) -> None:
    payer = await cluster.new_funded_keypair(10**9)
    before = await cluster.balance(payer.pubkey())
    failing = [set_compute_unit_price(1_000_000), set_compute_unit_limit(10_000),
               _pay(payer, 10**18)]
    # With preflight the failure is an error object and costs nothing ...
    doc = await raw("sendTransaction", await _signed(client, payer, failing),
                    {"encoding": "base64"})
    assert doc["error"]["code"] == -32002
    assert await cluster.balance(payer.pubkey()) == before
    # ... without, it lands and pays both fees, as on a cluster.
    signature = await rpc("sendTransaction", await _signed(client, payer, failing), SKIP)
    assert await cluster.balance(payer.pubkey()) == before - 15_000
    meta = (await _landed(rpc, signature))["meta"]
    assert meta["err"] == {"InstructionError": [2, {"Custom": 1}]}
    assert meta["fee"] == 15_000
    assert meta["postBalances"][0] == before - 15_000


async def test_the_default_limit_is_the_one_the_runtime_enforces(
        cluster: TestCluster, client: AsyncClient, rpc: Rpc) -> None:
    """Without SetComputeUnitLimit, Agave's limit is 3 000 units per builtin instruction and
    200 000 per other (the stake program is a BPF program now): the memo program, first,
    logs the limit it runs under, and the fee is priced on exactly that."""
    payer = await cluster.new_funded_keypair(10**9)
    memo = Instruction(MEMO, b"priority", [])
    cases = [([memo, set_compute_unit_price(LAMPORT_PER_UNIT), _pay(payer, 1)], 206_000),
             ([memo, set_compute_unit_price(LAMPORT_PER_UNIT), Instruction(STAKE, b"?", [])],
              403_000)]
    for ixs, limit in cases:
        signature = await rpc("sendTransaction", await _signed(client, payer, ixs), SKIP)
        meta = (await _landed(rpc, signature))["meta"]
        (enforced,) = [int(m.group(1)) for line in meta["logMessages"]
                       if (m := re.search(rf"{MEMO} consumed \d+ of (\d+) compute", line))]
        assert enforced == limit
        assert meta["fee"] == 5_000 + limit


def _budget(tag: int, value: int, width: int = 4, extra: bytes = b"") -> Instruction:
    """A compute-budget instruction from its Borsh tag and argument."""
    return Instruction(COMPUTE_BUDGET, bytes([tag]) + value.to_bytes(width, "little") + extra, [])


async def test_trailing_bytes_of_a_compute_budget_instruction_are_ignored(
        cluster: TestCluster, client: AsyncClient, rpc: Rpc) -> None:
    """Agave decodes them with try_from_slice_unchecked: the price still counts."""
    payer = await cluster.new_funded_keypair(10**9)
    ixs = [_budget(3, 1_000_000, 8, b"\x00"), set_compute_unit_limit(10_000)]
    assert (await client.get_fee_for_message(await _message(client, payer, ixs))).value \
        == 15_000
    signature = await rpc("sendTransaction", await _signed(client, payer, ixs),
                          {"encoding": "base64"})
    assert (await _landed(rpc, signature))["meta"]["fee"] == 15_000


async def test_fee_for_message(cluster: TestCluster, client: AsyncClient) -> None:
    payer = await cluster.new_funded_keypair(10**9)

    async def fee(ixs: Sequence[Instruction]) -> int | None:
        return (await client.get_fee_for_message(await _message(client, payer, ixs))).value

    assert await fee([set_compute_unit_price(1_000_000), set_compute_unit_limit(10_000),
                      _pay(payer, 1)]) == 15_000
    # Rounded up: 1 micro-lamport x (3 000 + 3 000) units is 1 lamport.
    assert await fee([set_compute_unit_price(1), _pay(payer, 1)]) == 5_001
    # A limit above 1 400 000 counts as 1 400 000.
    assert await fee([set_compute_unit_price(LAMPORT_PER_UNIT),
                      set_compute_unit_limit(5_000_000)]) == 5_000 + 1_400_000
    # Instructions Agave refuses count no priority fee, as Agave counts them: a duplicate,
    # a heap frame that is not a multiple of 1 KiB, a loaded-data limit of 0.
    price = set_compute_unit_price(10**9)
    assert await fee([price, price, _pay(payer, 1)]) == 5_000
    assert await fee([price, _budget(1, 1000)]) == 5_000
    assert await fee([price, _budget(4, 0)]) == 5_000
    assert await fee([_pay(payer, 1)]) == 5_000


def _ed25519_verify(signer: Keypair, message: bytes) -> Instruction:
    """The ed25519 precompile checking one signature, everything inside its own data:
    count, padding, offsets (signature 48, key 16, message 112; 0xffff: this instruction)."""
    here = 0xFFFF
    offsets = struct.pack("<7H", 48, here, 16, here, 112, len(message), here)
    return Instruction(ED25519, bytes([1, 0]) + offsets + bytes(signer.pubkey())
                       + bytes(signer.sign_message(message)) + message, [])


async def test_precompile_signatures_count_in_the_base_fee(
        cluster: TestCluster, client: AsyncClient, rpc: Rpc) -> None:
    payer = await cluster.new_funded_keypair(10**9)
    before = await cluster.balance(payer.pubkey())
    ixs = [_ed25519_verify(Keypair(), b"usage record"), set_compute_unit_price(1_000_000),
           set_compute_unit_limit(10_000)]
    # Two signatures (the payer's, the verified one) and the priority fee.
    assert (await client.get_fee_for_message(await _message(client, payer, ixs))).value \
        == 20_000
    signature = await rpc("sendTransaction", await _signed(client, payer, ixs),
                          {"encoding": "base64"})
    assert (await _landed(rpc, signature))["meta"]["fee"] == 20_000
    assert await cluster.balance(payer.pubkey()) == before - 20_000


async def test_a_payer_short_of_the_priority_fee_is_refused(
        cluster: TestCluster, client: AsyncClient, rpc: Rpc, raw: Rpc) -> None:
    payer = await cluster.new_funded_keypair(10**9)
    balance = await cluster.balance(payer.pubkey())
    # One lamport more than the payer has, in base fee + priority fee.
    short = [set_compute_unit_price(balance - 5_000 + 1), set_compute_unit_limit(1_000_000)]
    tx = await _signed(client, payer, short)
    doc = await raw("sendTransaction", tx, {"encoding": "base64"})
    assert doc["error"]["code"] == -32002
    assert doc["error"]["message"] == "Transaction simulation failed: Insufficient funds for fee"
    assert doc["error"]["data"]["err"] == "InsufficientFundsForFee"
    simulated = (await rpc("simulateTransaction", tx, {"encoding": "base64"}))["value"]
    assert simulated["err"] == "InsufficientFundsForFee"
    # Without preflight it is dropped, as a leader drops it: it never lands.
    signature = await rpc("sendTransaction", tx, SKIP)
    assert (await rpc("getSignatureStatuses", [signature]))["value"] == [None]
    assert await cluster.balance(payer.pubkey()) == balance
    # Left rent-paying by the fee (neither empty nor rent-exempt): refused as Agave does.
    rent_paying = [set_compute_unit_price(balance - 5_000 - 1_000),
                   set_compute_unit_limit(1_000_000)]
    doc = await raw("sendTransaction", await _signed(client, payer, rent_paying),
                    {"encoding": "base64"})
    assert doc["error"]["data"]["err"] == {"InsufficientFundsForRent": {"account_index": 0}}
    assert await cluster.balance(payer.pubkey()) == balance
    # Exactly enough: the fee empties the account, which is allowed.
    exact = [set_compute_unit_price(balance - 5_000), set_compute_unit_limit(1_000_000)]
    signature = await rpc("sendTransaction", await _signed(client, payer, exact),
                          {"encoding": "base64"})
    assert (await _landed(rpc, signature))["meta"]["fee"] == balance
    assert await cluster.balance(payer.pubkey()) == 0


async def test_the_tpu_charges_and_refuses_alike(
        cluster: TestCluster, client: AsyncClient, rpc: Rpc) -> None:
    (node,) = await rpc("getClusterNodes")
    host, port = node["tpu"].rsplit(":", 1)
    payer = await cluster.new_funded_keypair(10**9)
    before = await cluster.balance(payer.pubkey())
    refused = base64.b64decode(await _signed(
        client, payer, [set_compute_unit_price(10**12), set_compute_unit_limit(10_000)]))
    paying = base64.b64decode(await _signed(
        client, payer, [set_compute_unit_price(1_000_000), set_compute_unit_limit(10_000),
                        _pay(payer, 10**18)]))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.sendto(refused, (host, int(port)))
        udp.sendto(paying, (host, int(port)))
    paying_signature = str(Transaction.from_bytes(paying).signatures[0])
    for _ in range(100):
        if (await rpc("getSignatureStatuses", [paying_signature]))["value"][0] is not None:
            break
        await asyncio.sleep(0.05)
    assert (await _landed(rpc, paying_signature))["meta"]["fee"] == 15_000
    refused_signature = str(Transaction.from_bytes(refused).signatures[0])
    assert (await rpc("getSignatureStatuses", [refused_signature]))["value"] == [None]
    assert await cluster.balance(payer.pubkey()) == before - 15_000


async def test_simulation_charges_nothing(cluster: TestCluster, client: AsyncClient,
                                          rpc: Rpc) -> None:
    payer = await cluster.new_funded_keypair(10**9)
    before = await cluster.balance(payer.pubkey())
    tx = await _signed(client, payer, [set_compute_unit_price(1_000_000),
                                       set_compute_unit_limit(10_000), _pay(payer, 10**6)])
    simulated = (await rpc("simulateTransaction", tx,
                           {"encoding": "base64", "accounts": {
                               "addresses": [str(payer.pubkey())], "encoding": "base64"}}))
    assert simulated["value"]["err"] is None
    # The simulated payer shows both fees taken; the real one keeps them.
    assert simulated["value"]["accounts"][0]["lamports"] == before - 10**6 - 15_000
    assert await cluster.balance(payer.pubkey()) == before


async def test_a_transaction_without_compute_budget_pays_the_base_fee(
        cluster: TestCluster, client: AsyncClient, rpc: Rpc) -> None:
    payer = await cluster.new_funded_keypair(10**9)
    before = await cluster.balance(payer.pubkey())
    signature = await rpc("sendTransaction", await _signed(client, payer, [_pay(payer, 10**6)]),
                          {"encoding": "base64"})
    assert (await _landed(rpc, signature))["meta"]["fee"] == 5_000
    assert await cluster.balance(payer.pubkey()) == before - 10**6 - 5_000
