"""WebSocket subscriptions through solana-py's websocket client."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
import websockets
from solana.rpc.commitment import Confirmed
from solana.rpc.types import MemcmpOpts, TxOpts
from solana.rpc.websocket_api import SolanaWsClientProtocol, connect
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.rpc.config import RpcTransactionLogsFilter, RpcTransactionLogsFilterMentions
from solders.rpc.responses import (
    AccountNotification,
    LogsNotification,
    ProgramNotification,
    SignatureNotification,
    SlotNotification,
    SlotUpdateCreatedBank,
    SlotUpdateNotification,
    SubscriptionResult,
    UnsubscribeResult,
)
from solders.system_program import TransferParams, transfer
from solders.token import ID as TOKEN_PROGRAM_ID
from solders.transaction import Transaction

from ionet.testing import LocalnetProcess, TestCluster

OPTS = TxOpts(skip_confirmation=True, preflight_commitment=Confirmed)


async def _next(ws: SolanaWsClientProtocol, kind: type, timeout: float = 5.0) -> Any:
    """The next message of type ``kind`` (skipping others)."""
    async with asyncio.timeout(timeout):
        while True:
            for message in await ws.recv():
                if isinstance(message, kind):
                    return message


async def _subscribed(ws: SolanaWsClientProtocol) -> int:
    result = await _next(ws, SubscriptionResult)
    return int(result.result)


def _transfer(src: Keypair, dst: Pubkey, lamports: int) -> Instruction:
    return transfer(TransferParams(from_pubkey=src.pubkey(), to_pubkey=dst, lamports=lamports))


async def _tx(cluster: TestCluster, ixs: list[Instruction], signers: list[Keypair]
              ) -> Transaction:
    bh = (await cluster.client.get_latest_blockhash()).value.blockhash
    return Transaction(signers, Message.new_with_blockhash(ixs, signers[0].pubkey(), bh), bh)


async def test_signature_subscribe_before_and_after(cluster: TestCluster,
                                                    server: LocalnetProcess) -> None:
    payer = await cluster.new_funded_keypair()
    tx = await _tx(cluster, [_transfer(payer, Pubkey.new_unique(), 1000)], [payer])
    async with connect(server.ws_url) as ws:
        await ws.signature_subscribe(tx.signatures[0])
        sub = await _subscribed(ws)
        await cluster.client.send_raw_transaction(bytes(tx), opts=OPTS)
        note = await _next(ws, SignatureNotification)
        assert note.subscription == sub
        assert note.result.value.err is None
        # Subscribing after the fact is answered at once.
        await ws.signature_subscribe(tx.signatures[0])
        await _subscribed(ws)
        note = await _next(ws, SignatureNotification)
        assert note.result.value.err is None


async def test_failed_transaction_notifies_its_error(cluster: TestCluster,
                                                     server: LocalnetProcess) -> None:
    payer = await cluster.new_funded_keypair()
    tx = await _tx(cluster, [_transfer(payer, Pubkey.new_unique(), 10**18)], [payer])
    async with connect(server.ws_url) as ws:
        await ws.signature_subscribe(tx.signatures[0])
        await _subscribed(ws)
        await cluster.client.send_raw_transaction(
            bytes(tx), opts=TxOpts(skip_confirmation=True, skip_preflight=True))
        note = await _next(ws, SignatureNotification)
        assert note.result.value.err is not None


async def test_account_subscribe(cluster: TestCluster, server: LocalnetProcess) -> None:
    target = Keypair().pubkey()
    async with connect(server.ws_url) as ws:
        await ws.account_subscribe(target, commitment=Confirmed, encoding="base64")
        sub = await _subscribed(ws)
        await cluster.airdrop(target, 1234)
        note = await _next(ws, AccountNotification)
        assert note.subscription == sub
        assert note.result.value.lamports == 1234
        await cluster.airdrop(target, 1)
        note = await _next(ws, AccountNotification)
        assert note.result.value.lamports == 1235
        await ws.account_unsubscribe(sub)
        async with asyncio.timeout(5):  # the answer (True) before anything else
            while not any(isinstance(m, UnsubscribeResult) for m in await ws.recv()):
                pass
        await cluster.airdrop(target, 1)
        with pytest.raises(TimeoutError):
            await _next(ws, AccountNotification, timeout=0.5)


async def test_logs_subscribe(cluster: TestCluster, server: LocalnetProcess) -> None:
    payer = await cluster.new_funded_keypair()
    memo = Pubkey.from_string("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr")
    async with connect(server.ws_url) as ws_all, connect(server.ws_url) as ws_mention:
        await ws_all.logs_subscribe(RpcTransactionLogsFilter.All)
        await _subscribed(ws_all)
        await ws_mention.logs_subscribe(RpcTransactionLogsFilterMentions(payer.pubkey()))
        await _subscribed(ws_mention)
        sent = await cluster.send([Instruction(memo, b"hi there", [])], [payer], payer=payer)
        for ws in (ws_all, ws_mention):
            while True:
                note = await _next(ws, LogsNotification)
                if note.result.value.signature == sent.signature:
                    break
            assert any('Memo (len 8): "hi there"' in line for line in note.result.value.logs)
            assert note.result.value.err is None


async def test_program_subscribe_with_filters(cluster: TestCluster,
                                              server: LocalnetProcess) -> None:
    mint = await cluster.create_mint(3)
    holder = Keypair().pubkey()
    async with connect(server.ws_url) as ws:
        await ws.program_subscribe(TOKEN_PROGRAM_ID, commitment=Confirmed, encoding="base64",
                                   filters=[165, MemcmpOpts(offset=0, bytes=str(mint))])
        sub = await _subscribed(ws)
        account = await cluster.create_token_account(mint, holder)
        note = await _next(ws, ProgramNotification)
        assert note.subscription == sub
        assert note.result.value.pubkey == account
        assert bytes(note.result.value.account.data)[32:64] == bytes(holder)
        await cluster.mint_to(mint, account, 77)
        note = await _next(ws, ProgramNotification)  # the token account (the mint: 82 bytes)
        assert note.result.value.pubkey == account
        assert int.from_bytes(bytes(note.result.value.account.data)[64:72], "little") == 77


async def test_slot_subscribe(server: LocalnetProcess) -> None:
    async with connect(server.ws_url) as ws:
        await ws.slot_subscribe()
        await _subscribed(ws)
        first = await _next(ws, SlotNotification)
        second = await _next(ws, SlotNotification)
        assert second.result.slot > first.result.slot


async def test_raw_protocol_errors(server: LocalnetProcess) -> None:
    async with websockets.connect(server.ws_url) as ws:
        await ws.send("{nope")
        assert json.loads(await ws.recv())["error"]["code"] == -32700
        await ws.send(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "getSlot"}))
        assert json.loads(await ws.recv())["error"]["code"] == -32601
        await ws.send(json.dumps({"jsonrpc": "2.0", "id": 2, "method": "accountSubscribe",
                                  "params": ["bad"]}))
        assert json.loads(await ws.recv())["error"]["code"] == -32602
        await ws.send(json.dumps({"jsonrpc": "2.0", "id": 3, "method": "accountUnsubscribe",
                                  "params": [987654]}))
        assert json.loads(await ws.recv())["error"]["code"] == -32602
        await ws.send(json.dumps({"jsonrpc": "2.0", "id": 4, "method": "rootSubscribe"}))
        answer = json.loads(await ws.recv())
        assert answer["id"] == 4 and isinstance(answer["result"], int)


async def test_slots_updates_subscribe(cluster: TestCluster, server: LocalnetProcess) -> None:
    payer = await cluster.new_funded_keypair()
    async with connect(server.ws_url) as ws:
        await ws.slots_updates_subscribe()
        sub = await _subscribed(ws)
        sent = await cluster.send([_transfer(payer, Pubkey.new_unique(), 1000)], payer=payer)
        seen: dict[tuple[str, int], Any] = {}
        created = None
        async with asyncio.timeout(10):
            while created is None:  # the bank after ours comes last
                for note in await ws.recv():
                    if isinstance(note, SlotUpdateNotification):
                        update = note.result
                        seen[(type(update).__name__, update.slot)] = update
                        if isinstance(update, SlotUpdateCreatedBank) and \
                                update.parent == sent.slot:
                            created = update
        frozen = seen[("SlotUpdateFrozen", sent.slot)]
        assert frozen.stats.num_successful_transactions >= 1
        assert frozen.stats.num_failed_transactions == 0
        assert frozen.stats.num_transaction_entries == frozen.stats.num_successful_transactions
        assert created.slot > sent.slot and created.timestamp > 0
        assert ("SlotUpdateFirstShredReceived", created.slot) in seen
        for kind in ("SlotUpdateCompleted", "SlotUpdateOptimisticConfirmation", "SlotUpdateRoot"):
            assert (kind, sent.slot) in seen
        await ws.slots_updates_unsubscribe(sub)
        assert (await _next(ws, UnsubscribeResult)).result is True
