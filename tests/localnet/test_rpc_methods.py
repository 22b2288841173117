"""Every JSON-RPC method of the issue, through solana-py's AsyncClient over loopback HTTP."""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import based58
import pytest
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed, Finalized, Processed
from solana.rpc.core import RPCException
from solana.rpc.types import DataSliceOpts, MemcmpOpts, TokenAccountOpts, TxOpts
from solders.address_lookup_table_account import AddressLookupTableAccount
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.message import Message, MessageV0
from solders.pubkey import Pubkey
from solders.rpc.errors import SendTransactionPreflightFailureMessage
from solders.signature import Signature
from solders.system_program import TransferParams, transfer
from solders.token import ID as TOKEN_PROGRAM_ID
from solders.transaction import Transaction, VersionedTransaction
from solders.transaction_status import (
    InstructionErrorCustom,
    TransactionErrorInstructionError,
)

from ionet.localnet.encoding import zstd_raw_decode
from ionet.testing import TestCluster

Rpc = Callable[..., Awaitable[Any]]
OPTS = TxOpts(skip_confirmation=True, preflight_commitment=Confirmed)
MEMO = Pubkey.from_string("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr")


def memo(text: str) -> Instruction:
    return Instruction(MEMO, text.encode(), [])


async def legacy_tx(client: AsyncClient, ixs: Sequence[Instruction],
                    signers: Sequence[Keypair]) -> Transaction:
    bh = (await client.get_latest_blockhash()).value.blockhash
    message = Message.new_with_blockhash(list(ixs), signers[0].pubkey(), bh)
    return Transaction(list(signers), message, bh)


async def v0_tx(client: AsyncClient, ixs: Sequence[Instruction], signers: Sequence[Keypair],
                tables: Sequence[AddressLookupTableAccount] = ()) -> VersionedTransaction:
    bh = (await client.get_latest_blockhash()).value.blockhash
    message = MessageV0.try_compile(signers[0].pubkey(), list(ixs), list(tables), bh)
    return VersionedTransaction(message, list(signers))


async def send(client: AsyncClient, ixs: Sequence[Instruction],
               signers: Sequence[Keypair]) -> Signature:
    tx = await legacy_tx(client, ixs, signers)
    return (await client.send_raw_transaction(bytes(tx), opts=OPTS)).value


def _transfer(src: Keypair, dst: Pubkey, lamports: int) -> Instruction:
    return transfer(TransferParams(from_pubkey=src.pubkey(), to_pubkey=dst, lamports=lamports))


async def test_cluster_info(client: AsyncClient, rpc: Rpc) -> None:
    assert await client.is_connected()
    assert (await rpc("getHealth")) == "ok"
    version = (await client.get_version()).value
    assert version.solana_core.startswith("2.")
    genesis = (await client.get_genesis_hash()).value
    assert genesis == (await client.get_genesis_hash()).value
    slot = (await client.get_slot()).value
    height = (await client.get_block_height()).value
    assert slot >= 1 and height >= 1
    info = (await client.get_epoch_info()).value
    assert info.absolute_slot >= slot
    assert info.slot_index < info.slots_in_epoch
    assert (await client.get_minimum_balance_for_rent_exemption(0)).value == 890_880
    assert (await client.get_minimum_balance_for_rent_exemption(165)).value == 2_039_280


async def test_slots_follow_wall_time(client: AsyncClient) -> None:
    import asyncio

    first = (await client.get_slot()).value
    await asyncio.sleep(0.9)
    assert (await client.get_slot()).value >= first + 2


async def test_blockhash_lifecycle(client: AsyncClient, rpc: Rpc) -> None:
    latest = (await client.get_latest_blockhash(Finalized)).value
    assert latest.last_valid_block_height == (await client.get_block_height()).value + 150 or \
        latest.last_valid_block_height > (await client.get_block_height()).value
    assert (await rpc("isBlockhashValid", str(latest.blockhash)))["value"] is True
    unknown = str(Keypair().pubkey())  # 32 bytes of noise, a well-formed hash
    assert (await rpc("isBlockhashValid", unknown))["value"] is False


async def test_airdrop_and_balance(client: AsyncClient, rpc: Rpc) -> None:
    who = Keypair().pubkey()
    assert (await client.get_balance(who)).value == 0
    sig = (await client.request_airdrop(who, 5 * 10**9)).value
    assert (await client.get_balance(who)).value == 5 * 10**9
    status = (await client.get_signature_statuses([sig])).value[0]
    assert status is not None and status.err is None
    # Two equal airdrops in one slot are two transactions.
    sig2 = (await client.request_airdrop(who, 5 * 10**9)).value
    assert sig2 != sig
    assert (await client.get_balance(who)).value == 10 * 10**9


async def test_fee_for_message(client: AsyncClient, funded: Keypair) -> None:
    bh = (await client.get_latest_blockhash()).value.blockhash
    one = Message.new_with_blockhash([_transfer(funded, Pubkey.new_unique(), 1)],
                                     funded.pubkey(), bh)
    assert (await client.get_fee_for_message(one)).value == 5000
    other = Keypair()
    two = Message.new_with_blockhash(
        [_transfer(funded, Pubkey.new_unique(), 1), _transfer(other, Pubkey.new_unique(), 1)],
        funded.pubkey(), bh)
    assert (await client.get_fee_for_message(two)).value == 10000


async def test_send_legacy_base64_and_base58(client: AsyncClient, funded: Keypair,
                                             rpc: Rpc) -> None:
    dst = Pubkey.new_unique()
    tx = await legacy_tx(client, [_transfer(funded, dst, 1_000_000)], [funded])
    sig = (await client.send_raw_transaction(bytes(tx), opts=OPTS)).value
    assert sig == tx.signatures[0]
    tx2 = await legacy_tx(client, [_transfer(funded, dst, 2_000_000)], [funded])
    text = based58.b58encode(bytes(tx2)).decode()
    assert await rpc("sendTransaction", text) == str(tx2.signatures[0])  # default base58
    assert (await client.get_balance(dst)).value == 3_000_000
    before = (await client.get_balance(funded.pubkey())).value
    tx3 = await legacy_tx(client, [_transfer(funded, dst, 1)], [funded])
    await rpc("sendTransaction", base64.b64encode(bytes(tx3)).decode(), {"encoding": "base64"})
    assert (await client.get_balance(funded.pubkey())).value == before - 1 - 5000


async def test_preflight_failure_is_an_error_object(client: AsyncClient, funded: Keypair) -> None:
    tx = await legacy_tx(client, [_transfer(funded, Pubkey.new_unique(), 10**18)], [funded])
    before = (await client.get_balance(funded.pubkey())).value
    with pytest.raises(RPCException) as info:
        await client.send_raw_transaction(bytes(tx), opts=OPTS)
    detail = info.value.args[0]
    assert isinstance(detail, SendTransactionPreflightFailureMessage)
    assert detail.message == ("Transaction simulation failed: Error processing Instruction 0: "
                              "custom program error: 0x1")
    err = detail.data.err
    assert isinstance(err, TransactionErrorInstructionError)
    assert isinstance(err.err, InstructionErrorCustom) and err.err.code == 1
    assert any("insufficient lamports" in line for line in detail.data.logs or [])
    assert detail.data.units_consumed == 150
    # Preflight failures leave no trace: no fee, no status.
    assert (await client.get_balance(funded.pubkey())).value == before
    assert (await client.get_signature_statuses([tx.signatures[0]])).value[0] is None


async def test_skip_preflight_lands_the_failure(client: AsyncClient, funded: Keypair) -> None:
    tx = await legacy_tx(client, [_transfer(funded, Pubkey.new_unique(), 10**18)], [funded])
    before = (await client.get_balance(funded.pubkey())).value
    sig = (await client.send_raw_transaction(
        bytes(tx), opts=TxOpts(skip_confirmation=True, skip_preflight=True))).value
    status = (await client.get_signature_statuses([sig])).value[0]
    assert status is not None and isinstance(status.err, TransactionErrorInstructionError)
    assert (await client.get_balance(funded.pubkey())).value == before - 5000
    got = (await client.get_transaction(sig)).value
    assert got is not None and got.transaction.meta is not None
    assert got.transaction.meta.fee == 5000
    assert any("insufficient lamports" in line for line in got.transaction.meta.log_messages)


async def test_signature_and_blockhash_errors(client: AsyncClient, funded: Keypair,
                                              raw: Rpc) -> None:
    dst = Pubkey.new_unique()
    tx = await legacy_tx(client, [_transfer(funded, dst, 1)], [funded])
    await client.send_raw_transaction(bytes(tx), opts=OPTS)
    with pytest.raises(RPCException, match="already been processed"):
        await client.send_raw_transaction(bytes(tx), opts=OPTS)
    # A transaction whose signature does not match: -32003.
    forged = Transaction.populate(tx.message, [Signature.new_unique()])
    doc = await raw("sendTransaction", base64.b64encode(bytes(forged)).decode(),
                    {"encoding": "base64"})
    assert doc["error"]["code"] == -32003
    # An unknown blockhash.
    stale = Keypair().pubkey()
    from solders.hash import Hash

    message = Message.new_with_blockhash([_transfer(funded, dst, 2)], funded.pubkey(),
                                         Hash(bytes(stale)))
    doc = await raw("sendTransaction",
                    base64.b64encode(bytes(Transaction([funded], message,
                                                       Hash(bytes(stale))))).decode(),
                    {"encoding": "base64"})
    assert doc["error"]["code"] == -32002
    assert doc["error"]["message"] == "Transaction simulation failed: Blockhash not found"
    assert doc["error"]["data"]["err"] == "BlockhashNotFound"
    # Garbage.
    doc = await raw("sendTransaction", "AAAA", {"encoding": "base64"})
    assert doc["error"]["code"] == -32602
    doc = await raw("sendTransaction", "0OIl", {"encoding": "base58"})
    assert doc["error"]["code"] == -32602


async def test_simulate(cluster: TestCluster, client: AsyncClient, funded: Keypair,
                        rpc: Rpc, raw: Rpc) -> None:
    mint = await cluster.create_mint(9)
    # SPL Token GetAccountDataSize (21) answers in return data.
    from solders.instruction import AccountMeta

    ix = Instruction(TOKEN_PROGRAM_ID, bytes([21]), [AccountMeta(mint, False, False)])
    tx = await legacy_tx(client, [memo("hello"), ix], [funded])
    value = (await client.simulate_transaction(tx)).value
    assert value.err is None
    assert value.units_consumed and value.units_consumed > 0
    assert value.return_data is not None
    assert value.return_data.program_id == TOKEN_PROGRAM_ID
    assert int.from_bytes(bytes(value.return_data.data), "little") == 165
    assert any('Memo (len 5): "hello"' in line for line in value.logs or [])
    value = (await client.simulate_transaction(tx, sig_verify=True)).value
    assert value.err is None
    # Unsigned, with accounts and a replaced blockhash.
    unsigned = Transaction.new_unsigned(tx.message)
    dst = Pubkey.new_unique()
    t2 = await legacy_tx(client, [_transfer(funded, dst, 777)], [funded])
    result = await rpc("simulateTransaction",
                       base64.b64encode(bytes(Transaction.new_unsigned(t2.message))).decode(),
                       {"encoding": "base64", "replaceRecentBlockhash": True,
                        "accounts": {"addresses": [str(dst)], "encoding": "base64"},
                        "innerInstructions": True})
    value_json = result["value"]
    assert value_json["err"] is None
    assert value_json["accounts"][0]["lamports"] == 777
    assert value_json["replacementBlockhash"]["blockhash"]
    assert value_json["innerInstructions"] == []
    # Simulation changes nothing.
    assert (await client.get_balance(dst)).value == 0
    # With sigVerify, a bad signature is an error object (-32003), as Agave answers it.
    with pytest.raises(RPCException, match="TransactionSignatureVerificationFailure"):
        await client.simulate_transaction(unsigned, sig_verify=True)
    forged = Transaction.populate(tx.message, [Signature.new_unique()])
    doc = await raw("simulateTransaction", base64.b64encode(bytes(forged)).decode(),
                    {"encoding": "base64", "sigVerify": True})
    assert doc["error"] == {"code": -32003,
                            "message": "Transaction signature verification failure"}


async def test_transaction_history(client: AsyncClient, funded: Keypair, rpc: Rpc) -> None:
    dst = Keypair().pubkey()
    sigs = []
    for amount in (1_000_000, 2_000_000, 3_000_000):
        sigs.append(await send(client, [_transfer(funded, dst, amount), memo(f"pay {amount}")],
                               [funded]))
    statuses = (await client.get_signature_statuses(sigs)).value
    assert all(s is not None and s.err is None for s in statuses)
    assert statuses[0] is not None and statuses[0].confirmation_status is not None
    got = (await client.get_transaction(sigs[0])).value
    assert got is not None
    meta = got.transaction.meta
    assert meta is not None and meta.fee == 5000 and meta.err is None
    assert meta.pre_balances[1] == 0 and meta.post_balances[1] == 1_000_000
    assert meta.compute_units_consumed and meta.compute_units_consumed > 150
    assert got.block_time is not None and got.slot > 0
    for encoding in ("json", "jsonParsed", "base64", "base58"):
        doc = await rpc("getTransaction", str(sigs[1]), {"encoding": encoding,
                                                         "maxSupportedTransactionVersion": 0})
        assert doc["version"] == "legacy"
        assert doc["meta"]["postBalances"][1] == 3_000_000
    parsed = await rpc("getTransaction", str(sigs[1]), "jsonParsed")
    keys = parsed["transaction"]["message"]["accountKeys"]
    assert keys[0] == {"pubkey": str(funded.pubkey()), "signer": True, "writable": True,
                       "source": "transaction"}
    listed = (await client.get_signatures_for_address(dst)).value
    assert [s.signature for s in listed] == list(reversed(sigs))
    assert listed[0].memo == "[11] pay 3000000"
    assert [s.signature for s in (await client.get_signatures_for_address(
        dst, limit=1)).value] == [sigs[2]]
    assert [s.signature for s in (await client.get_signatures_for_address(
        dst, before=sigs[2])).value] == [sigs[1], sigs[0]]
    assert [s.signature for s in (await client.get_signatures_for_address(
        dst, until=sigs[0])).value] == [sigs[2], sigs[1]]
    assert (await client.get_transaction(Signature.new_unique())).value is None
    assert (await client.get_signature_statuses([Signature.new_unique()])).value == [None]


async def test_account_encodings(cluster: TestCluster, client: AsyncClient, funded: Keypair,
                                 rpc: Rpc, raw: Rpc) -> None:
    mint = await cluster.create_mint(6)
    holder = Keypair().pubkey()
    account = await cluster.create_token_account(mint, holder)
    await cluster.mint_to(mint, account, 1_234_567)
    info = (await client.get_account_info(account)).value
    assert info is not None and info.owner == TOKEN_PROGRAM_ID and len(info.data) == 165
    zstd = (await client.get_account_info(account, encoding="base64+zstd")).value
    assert zstd is not None and bytes(zstd.data) == bytes(info.data)
    doc = await rpc("getAccountInfo", str(account), {"encoding": "base64+zstd"})
    assert zstd_raw_decode(base64.b64decode(doc["value"]["data"][0])) == bytes(info.data)
    doc = await raw("getAccountInfo", str(account), {"encoding": "base58"})
    assert doc["error"]["code"] == -32600  # 165 bytes: too long for base58
    mint_info = (await client.get_account_info(mint)).value
    assert mint_info is not None
    doc = await rpc("getAccountInfo", str(mint), {"encoding": "base58"})
    assert based58.b58decode(doc["value"]["data"][0].encode()) == bytes(mint_info.data)
    assert doc["value"]["data"][1] == "base58"
    sliced = (await client.get_account_info(account, data_slice=DataSliceOpts(32, 32))).value
    assert sliced is not None and bytes(sliced.data) == bytes(holder)
    parsed = (await client.get_account_info_json_parsed(account)).value
    assert parsed is not None
    token = parsed.data.parsed
    assert parsed.data.program == "spl-token"
    assert token["type"] == "account"
    assert token["info"]["owner"] == str(holder)
    assert token["info"]["tokenAmount"]["uiAmountString"] == "1.234567"
    mint_parsed = (await client.get_account_info_json_parsed(mint)).value
    assert mint_parsed is not None
    assert mint_parsed.data.parsed["info"]["supply"] == "1234567"
    assert mint_parsed.data.parsed["info"]["decimals"] == 6
    many = (await client.get_multiple_accounts([account, Pubkey.new_unique(), mint])).value
    assert many[0] is not None and many[1] is None and many[2] is not None
    many = (await client.get_multiple_accounts_json_parsed([account, mint])).value
    assert many[1] is not None and many[1].data.parsed["type"] == "mint"
    assert (await client.get_account_info(Pubkey.new_unique())).value is None
    # Bad parameters are -32602.
    assert (await raw("getAccountInfo", "not-a-key"))["error"]["code"] == -32602


async def test_program_accounts(cluster: TestCluster, client: AsyncClient, funded: Keypair,
                                rpc: Rpc) -> None:
    mint = await cluster.create_mint(0)
    owners = [Keypair().pubkey() for _ in range(3)]
    accounts = [await cluster.create_token_account(mint, o) for o in owners]
    filters: list[int | MemcmpOpts] = [165, MemcmpOpts(offset=0, bytes=str(mint))]
    found = (await client.get_program_accounts(TOKEN_PROGRAM_ID, filters=filters,
                                               encoding="base64")).value
    assert sorted(str(a.pubkey) for a in found) == sorted(str(a) for a in accounts)
    one = (await client.get_program_accounts(
        TOKEN_PROGRAM_ID, encoding="base64",
        filters=[MemcmpOpts(offset=32, bytes=str(owners[1])), 165])).value
    assert [a.pubkey for a in one] == [accounts[1]]
    sliced = (await client.get_program_accounts(
        TOKEN_PROGRAM_ID, encoding="base64", data_slice=DataSliceOpts(32, 32),
        filters=[MemcmpOpts(offset=0, bytes=str(mint))])).value
    assert sorted(bytes(a.account.data) for a in sliced) == sorted(bytes(o) for o in owners)
    b64 = base64.b64encode(bytes(owners[2])).decode()
    with_ctx = await rpc("getProgramAccounts", str(TOKEN_PROGRAM_ID), {
        "encoding": "base64", "withContext": True,
        "filters": [{"memcmp": {"offset": 32, "bytes": b64, "encoding": "base64"}}]})
    assert [a["pubkey"] for a in with_ctx["value"]] == [str(accounts[2])]
    mints = (await client.get_program_accounts(
        TOKEN_PROGRAM_ID, encoding="base64",
        filters=[82, MemcmpOpts(offset=0, bytes=str(Pubkey.default()))])).value
    assert all(len(a.account.data) == 82 for a in mints)
    parsed = (await client.get_program_accounts_json_parsed(
        TOKEN_PROGRAM_ID, filters=[MemcmpOpts(offset=0, bytes=str(mint))])).value
    assert {p.account.data.parsed["info"]["owner"] for p in parsed} == {str(o) for o in owners}


async def test_token_methods(cluster: TestCluster, client: AsyncClient, funded: Keypair) -> None:
    mint = await cluster.create_mint(2)
    other_mint = await cluster.create_mint(9)
    holder = Keypair().pubkey()
    a = await cluster.create_token_account(mint, holder)
    b = await cluster.create_token_account(other_mint, holder)
    await cluster.mint_to(mint, a, 12_345)
    balance = (await client.get_token_account_balance(a)).value
    assert (balance.amount, balance.decimals, balance.ui_amount_string) == ("12345", 2, "123.45")
    supply = (await client.get_token_supply(mint)).value
    assert supply.amount == "12345"
    by_mint = (await client.get_token_accounts_by_owner(holder, TokenAccountOpts(mint=mint))
               ).value
    assert [x.pubkey for x in by_mint] == [a]
    by_program = (await client.get_token_accounts_by_owner(
        holder, TokenAccountOpts(program_id=TOKEN_PROGRAM_ID))).value
    assert sorted(str(x.pubkey) for x in by_program) == sorted([str(a), str(b)])
    parsed = (await client.get_token_accounts_by_owner_json_parsed(
        holder, TokenAccountOpts(mint=mint))).value
    assert parsed[0].account.data.parsed["info"]["tokenAmount"]["amount"] == "12345"
    with pytest.raises(RPCException):
        await client.get_token_account_balance(funded.pubkey())
    with pytest.raises(RPCException):
        await client.get_token_supply(a)
    largest = (await client.get_token_largest_accounts(mint)).value
    assert largest[0].address == a


async def test_commitments_are_accepted(client: AsyncClient, funded: Keypair) -> None:
    for level in (Processed, Confirmed, Finalized):
        assert (await client.get_balance(funded.pubkey(), commitment=level)).value > 0
        assert (await client.get_slot(commitment=level)).value > 0


async def test_v0_transaction_with_lookup_table(cluster: TestCluster, client: AsyncClient,
                                                funded: Keypair, rpc: Rpc) -> None:
    recipients = [Keypair().pubkey() for _ in range(25)]
    lookup = await cluster.create_lookup_table(recipients)
    table = lookup.key
    parsed = await rpc("getAccountInfo", str(table), {"encoding": "jsonParsed"})
    assert parsed["value"]["data"]["parsed"]["info"]["addresses"] == [str(r) for r in
                                                                      recipients]
    recipients = recipients[:4]
    tx = await v0_tx(client, [_transfer(funded, r, 1_000_000 + i)
                              for i, r in enumerate(recipients)], [funded], [lookup])
    assert len(tx.message.address_table_lookups) == 1
    sig = (await client.send_transaction(tx, opts=OPTS)).value
    for i, r in enumerate(recipients):
        assert (await client.get_balance(r)).value == 1_000_000 + i
    with pytest.raises(RPCException):
        await client.get_transaction(sig)  # v0 needs maxSupportedTransactionVersion
    got = (await client.get_transaction(sig, max_supported_transaction_version=0)).value
    assert got is not None and got.transaction.meta is not None
    assert got.transaction.meta.loaded_addresses is not None
    loaded = got.transaction.meta.loaded_addresses.writable
    assert sorted(map(str, loaded)) == sorted(map(str, recipients))
    assert got.transaction.meta.post_balances[-len(recipients):] == [
        1_000_000 + recipients.index(k) for k in loaded]
    doc = await rpc("getTransaction", str(sig), {"encoding": "json",
                                                 "maxSupportedTransactionVersion": 0})
    assert doc["version"] == 0
    assert doc["transaction"]["message"]["addressTableLookups"][0]["accountKey"] == str(table)
    listed = (await client.get_signatures_for_address(recipients[0])).value
    assert listed[0].signature == sig
    # Its block: refused without maxSupportedTransactionVersion, as Agave refuses it.
    with pytest.raises(RPCException, match="maxSupportedTransactionVersion"):
        await client.get_block(doc["slot"])
    block = await rpc("getBlock", doc["slot"], {"encoding": "jsonParsed",
                                                "maxSupportedTransactionVersion": 0})
    entry = next(t for t in block["transactions"]
                 if t["transaction"]["signatures"] == [str(sig)])
    assert entry["version"] == 0
    sources = [k["source"] for k in entry["transaction"]["message"]["accountKeys"]]
    assert sources.count("lookupTable") == len(recipients)
    # A v0 transaction without tables, base58.
    plain = await v0_tx(client, [_transfer(funded, recipients[0], 5)], [funded])
    text = based58.b58encode(bytes(plain)).decode()
    assert await rpc("sendTransaction", text) == str(plain.signatures[0])


async def test_advance_clock(client: AsyncClient, rpc: Rpc) -> None:
    from solders.sysvar import CLOCK

    async def clock() -> tuple[int, int]:
        data = bytes((await client.get_account_info(CLOCK)).value.data)  # type: ignore[union-attr]
        return int.from_bytes(data[0:8], "little"), int.from_bytes(data[32:40], "little")

    # Wall-clock slots (one per 400 ms) may tick between any two calls, so each jump is
    # checked between the readings around it.
    slot0, t0 = await clock()
    result = await rpc("ionet_advanceClock", 3600)
    slot1, t1 = await clock()
    assert t1 >= t0 + 3600
    assert slot0 + 9000 <= result["slot"] <= slot1
    result = await rpc("ionet_advanceClock", {"seconds": 10, "slots": 2})
    slot2, t2 = await clock()
    assert slot1 + 2 <= result["slot"] <= slot2 and t2 >= t1 + 10
    info = await rpc("ionet_info")
    assert Pubkey.from_string(info["wallet"])


async def test_advance_clock_to_an_absolute_frozen_time(client: AsyncClient, rpc: Rpc,
                                                      raw: Rpc) -> None:
    from solders.sysvar import CLOCK

    async def unix() -> int:
        data = bytes((await client.get_account_info(CLOCK)).value.data)  # type: ignore[union-attr]
        return int.from_bytes(data[32:40], "little")

    target = await unix() + 86_400
    result = await rpc("ionet_advanceClock", {"unixTimestamp": target, "freeze": True})
    assert (result["unixTimestamp"], result["frozen"]) == (target, True)
    await rpc("ionet_advanceClock", {"seconds": 0, "slots": 3, "freeze": True})
    assert await unix() == target
    for bad, why in [({"unixTimestamp": target - 1}, "time only moves forward"),
                     ({"unixTimestamp": target, "seconds": 1}, "not both"),
                     ({"unixTimestamp": "soon"}, "unixTimestamp must be"),
                     ({"freeze": 1}, "freeze must be"),
                     ({"until": target}, "unknown field until")]:
        doc = await raw("ionet_advanceClock", bad)
        assert doc["error"]["code"] == -32602 and why in doc["error"]["message"], (bad, doc)
    result = await rpc("ionet_advanceClock", {"seconds": 0, "slots": 1})
    assert result["frozen"] is False and result["unixTimestamp"] >= target


async def test_set_account_writes_a_look_alike(client: AsyncClient, rpc: Rpc,
                                              raw: Rpc) -> None:
    key, owner = Pubkey.new_unique(), Pubkey.new_unique()
    data = bytes(range(40))
    assert await rpc("ionet_setAccount", str(key), {
        "lamports": 1_000_000, "owner": str(owner),
        "data": [base64.b64encode(data).decode(), "base64"]}) is None
    account = (await client.get_account_info(key)).value
    assert account is not None
    assert (account.lamports, account.owner, bytes(account.data), account.executable) == \
        (1_000_000, owner, data, False)
    assert str(key) in {a["pubkey"] for a in await rpc("getProgramAccounts", str(owner))}
    for bad, why in [([str(key), {"data": ["!", "base64"]}], "not base64"),
                     ([str(key), {"data": "AA=="}], "data must be"),
                     ([str(key), {"lamports": -1}], "lamports must be"),
                     ([str(key), {"rentEpoch": 0}], "unknown field rentEpoch"),
                     ([str(key)], "missing account"),
                     (["nope", {}], "Invalid param")]:
        doc = await raw("ionet_setAccount", *bad)
        assert doc["error"]["code"] == -32602 and why in doc["error"]["message"], (bad, doc)


async def test_duplicate_transaction_after_blockhash_changes(client: AsyncClient, funded: Keypair,
                                                             rpc: Rpc) -> None:
    dst = Pubkey.new_unique()
    first = await send(client, [_transfer(funded, dst, 10)], [funded])
    await rpc("ionet_advanceClock", {"seconds": 0, "slots": 1})
    second = await send(client, [_transfer(funded, dst, 10)], [funded])
    assert first != second
    assert (await client.get_balance(dst)).value == 20


async def test_durable_nonce(client: AsyncClient, funded: Keypair, raw: Rpc) -> None:
    from solders.hash import Hash
    from solders.system_program import (
        AdvanceNonceAccountParams,
        advance_nonce_account,
        create_nonce_account,
    )

    nonce = Keypair()
    rent = (await client.get_minimum_balance_for_rent_exemption(80)).value
    await send(client, list(create_nonce_account(funded.pubkey(), nonce.pubkey(),
                                                 funded.pubkey(), rent)), [funded, nonce])

    async def nonce_value() -> Hash:
        account = (await client.get_account_info(nonce.pubkey())).value
        assert account is not None
        return Hash(bytes(account.data)[40:72])

    def nonce_tx(value: Hash, lamports: int) -> Transaction:
        advance = advance_nonce_account(AdvanceNonceAccountParams(
            nonce_pubkey=nonce.pubkey(), authorized_pubkey=funded.pubkey()))
        ixs = [advance, _transfer(funded, Pubkey.new_unique(), lamports)]
        return Transaction([funded], Message.new_with_blockhash(ixs, funded.pubkey(), value),
                           value)

    await raw("ionet_advanceClock", {"seconds": 0, "slots": 1})
    value = await nonce_value()
    first = nonce_tx(value, 1000)
    second = nonce_tx(value, 2000)  # same nonce value, different transaction
    # The nonce value is no recent blockhash, and the fee is known all the same (Agave
    # falls back on the nonce account), until the nonce has moved on.
    assert (await client.get_fee_for_message(first.message)).value == 5000
    await client.send_raw_transaction(bytes(first), opts=OPTS)  # valid: the current nonce
    assert await nonce_value() != value  # advanced
    assert (await client.get_fee_for_message(second.message)).value is None
    doc = await raw("sendTransaction", base64.b64encode(bytes(second)).decode(),
                    {"encoding": "base64"})
    assert doc["error"]["data"]["err"] == "BlockhashNotFound"  # a used nonce is refused


async def test_anchorpy_provider(cluster: TestCluster, client: AsyncClient) -> None:
    """anchorpy's Provider sends, confirms (default options) and simulates."""
    from anchorpy import Provider, Wallet

    provider = Provider(client, Wallet(cluster.wallet))
    dst = Pubkey.new_unique()
    tx = await legacy_tx(client, [_transfer(cluster.wallet, dst, 4242), memo("anchorpy")],
                         [cluster.wallet])
    simulated = await provider.simulate(tx)
    assert simulated.value.err is None
    sig = await provider.send(tx)
    assert sig == tx.signatures[0]
    assert (await client.get_balance(dst)).value == 4242

