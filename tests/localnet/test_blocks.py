"""Blocks as Agave answers for them: getBlock at every transactionDetails level and
encoding, getBlocks, skipped slots, block production, the leader schedule, performance
samples and recent prioritization fees, through solana-py and raw JSON-RPC."""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from typing import Any

import based58
from solana.rpc.async_api import AsyncClient
from solders.compute_budget import set_compute_unit_price
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import TransferParams, transfer

from ionet.testing import TestCluster

Rpc = Callable[..., Awaitable[Any]]
MEMO = Pubkey.from_string("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr")
SIMPLE_META = {"err", "status", "fee", "preBalances", "postBalances", "preTokenBalances",
               "postTokenBalances", "rewards"}


def _pay(src: Keypair, dst: Pubkey, lamports: int) -> Instruction:
    return transfer(TransferParams(from_pubkey=src.pubkey(), to_pubkey=dst, lamports=lamports))


async def test_block_of_a_transaction_at_every_detail_level(
        cluster: TestCluster, client: AsyncClient, funded: Keypair, rpc: Rpc) -> None:
    to = Keypair().pubkey()
    sent = await cluster.send([_pay(funded, to, 777), Instruction(MEMO, b"in a block", [])],
                              payer=funded)
    sig = str(sent.signature)
    tx = await rpc("getTransaction", sig, {"encoding": "base64",
                                           "maxSupportedTransactionVersion": 0})
    full = await rpc("getBlock", sent.slot, {"maxSupportedTransactionVersion": 0})
    assert set(full) == {"blockHeight", "blockTime", "blockhash", "parentSlot",
                         "previousBlockhash", "transactions", "rewards"}
    assert full["blockTime"] == tx["blockTime"] and full["rewards"] == []
    assert full["parentSlot"] == sent.slot - 1  # no slot was skipped in between
    assert full["previousBlockhash"] == (await rpc("getBlock", sent.slot - 1, {
        "transactionDetails": "none"}))["blockhash"]
    mine = [t for t in full["transactions"] if t["transaction"]["signatures"][0] == sig]
    assert len(mine) == 1 and mine[0]["version"] == "legacy"
    assert mine[0]["meta"]["postBalances"][1] == 777
    assert mine[0]["transaction"]["message"]["accountKeys"][1] == str(to)

    wire = base64.b64decode(tx["transaction"][0])
    for encoding, decode in (("base58", lambda t: based58.b58decode(t[0].encode())),
                             ("binary", lambda t: based58.b58decode(t.encode())),
                             ("base64", lambda t: base64.b64decode(t[0]))):
        block = await rpc("getBlock", sent.slot, {"encoding": encoding,
                                                  "maxSupportedTransactionVersion": 0})
        assert wire in [decode(t["transaction"]) for t in block["transactions"]], encoding
    parsed = await rpc("getBlock", sent.slot, {"encoding": "jsonParsed",
                                               "maxSupportedTransactionVersion": 0})
    entry = next(t for t in parsed["transactions"] if t["transaction"]["signatures"] == [sig])
    assert [ix.get("program") for ix in entry["transaction"]["message"]["instructions"]] == \
        ["system", "spl-memo"]
    signatures = await rpc("getBlock", sent.slot, {"transactionDetails": "signatures",
                                                   "rewards": False})
    assert sig in signatures["signatures"] and "rewards" not in signatures
    assert "transactions" not in signatures
    accounts = await rpc("getBlock", sent.slot, {"transactionDetails": "accounts",
                                                 "maxSupportedTransactionVersion": 0})
    entry = next(t for t in accounts["transactions"]
                 if t["transaction"]["signatures"] == [sig])
    assert set(entry["meta"]) == SIMPLE_META
    assert entry["transaction"]["accountKeys"][0] == {
        "pubkey": str(funded.pubkey()), "writable": True, "signer": True,
        "source": "transaction"}
    none = await rpc("getBlock", sent.slot, {"transactionDetails": "none"})
    assert "transactions" not in none and "signatures" not in none

    # solana-py decodes the answer into its typed block.
    block = (await client.get_block(sent.slot, max_supported_transaction_version=0)).value
    assert str(block.blockhash) == full["blockhash"] and block.parent_slot == sent.slot - 1
    assert any(t.transaction.signatures[0] == sent.signature for t in block.transactions)
    assert (await client.get_block_time(sent.slot)).value == full["blockTime"]


async def test_block_hash_is_the_one_its_slot_handed_out(rpc: Rpc) -> None:
    for _ in range(5):
        latest = await rpc("getLatestBlockhash")
        block = await rpc("getBlock", latest["context"]["slot"], {"transactionDetails": "none"})
        if (await rpc("getSlot")) == latest["context"]["slot"]:
            assert block["blockhash"] == latest["value"]["blockhash"]
            return
    raise AssertionError("the slot kept moving")


async def test_skipped_slots_are_not_blocks(rpc: Rpc, raw: Rpc) -> None:
    jumped = await rpc("ionet_advanceClock", {"seconds": 2, "slots": 5})
    new = jumped["slot"]
    parent = new - 5
    skipped = await raw("getBlock", new - 2)
    assert skipped["error"]["code"] == -32007
    assert skipped["error"]["message"] == (f"Slot {new - 2} was skipped, or missing due to "
                                           "ledger jump to recent snapshot")
    assert (await raw("getBlockTime", new - 1))["error"]["code"] == -32007
    assert (await rpc("getBlock", new, {"transactionDetails": "none"}))["parentSlot"] == parent
    assert await rpc("getBlocks", parent, new) == [parent, new]
    assert await rpc("getBlocks", parent - 1, new) == [parent - 1, parent, new]
    assert await rpc("getBlocksWithLimit", parent, 2) == [parent, new]
    production = await rpc("getBlockProduction", {"range": {"firstSlot": parent,
                                                            "lastSlot": new}})
    identity = (await rpc("getIdentity"))["identity"]
    assert production["value"] == {"byIdentity": {identity: [6, 2]},
                                   "range": {"firstSlot": parent, "lastSlot": new}}
    future = await raw("getBlock", new + 10_000)
    assert future["error"] == {"code": -32004,
                               "message": f"Block not available for slot {new + 10_000}"}
    too_many = await raw("getBlocks", 0, 600_000)
    assert too_many["error"]["code"] == -32602


async def test_leaders_commitment_and_first_block(client: AsyncClient, rpc: Rpc) -> None:
    identity = (await rpc("getIdentity"))["identity"]
    slot = await rpc("getSlot")
    epoch = await rpc("getEpochInfo")
    schedule = await rpc("getLeaderSchedule")
    assert schedule == {identity: list(range(epoch["slotsInEpoch"]))}
    assert await rpc("getLeaderSchedule", None, {"identity": str(Keypair().pubkey())}) == {}
    assert (await client.get_leader_schedule()).value is not None
    assert await rpc("getSlotLeaders", slot, 3) == [identity] * 3
    assert await rpc("getSlotLeader") == identity
    vote = (await rpc("getVoteAccounts"))["current"][0]
    assert await rpc("getBlockCommitment", slot) == {"commitment": None,
                                                     "totalStake": vote["activatedStake"]}
    assert (await client.get_block_commitment(slot)).value.total_stake == vote["activatedStake"]
    assert await rpc("getFirstAvailableBlock") == 0
    assert await rpc("minimumLedgerSlot") == 0
    assert (await rpc("getBlock", 0, {"transactionDetails": "none"}))["parentSlot"] == 0


async def test_performance_samples_count_the_transactions(client: AsyncClient,
                                                          rpc: Rpc) -> None:
    samples = await rpc("getRecentPerformanceSamples", 3)
    assert 1 <= len(samples) <= 3
    newest = samples[0]
    assert set(newest) == {"slot", "numTransactions", "numSlots", "samplePeriodSecs",
                           "numNonVoteTransactions"}
    assert newest["samplePeriodSecs"] == 60
    assert newest["numTransactions"] == newest["numNonVoteTransactions"]
    # The newest sample covers the last 150 slots (60 s at 400 ms): count them by blocks.
    first = max(0, newest["slot"] - 149)
    counted = 0
    for slot in await rpc("getBlocks", first, newest["slot"]):
        counted += len((await rpc("getBlock", slot, {"transactionDetails": "signatures",
                                                     "rewards": False}))["signatures"])
    assert newest["numTransactions"] == counted
    assert newest["numSlots"] == len(await rpc("getBlocks", first, newest["slot"]))
    typed = (await client.get_recent_performance_samples(2)).value
    assert typed[0].sample_period_secs == 60


async def test_prioritization_fees_are_what_was_paid(cluster: TestCluster, funded: Keypair,
                                                     rpc: Rpc) -> None:
    written = Keypair().pubkey()
    sent = await cluster.send([set_compute_unit_price(7_000), _pay(funded, written, 10**6)],
                              payer=funded)
    fees = await rpc("getRecentPrioritizationFees", [str(written)])
    assert 1 <= len(fees) <= 150
    assert [f["slot"] for f in fees] == sorted(f["slot"] for f in fees)
    by_slot = {f["slot"]: f["prioritizationFee"] for f in fees}
    assert by_slot[sent.slot] == 7_000
    unfiltered = {f["slot"]: f["prioritizationFee"]
                  for f in await rpc("getRecentPrioritizationFees")}
    block = await rpc("getBlock", sent.slot, {"transactionDetails": "signatures"})
    # Without accounts: the lowest price of the block (ours, unless another landed there).
    assert unfiltered[sent.slot] == (7_000 if block["signatures"] == [str(sent.signature)]
                                     else 0)
