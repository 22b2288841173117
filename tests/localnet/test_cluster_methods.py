"""The cluster as a whole: our node and its vote and stake accounts, supply, largest
accounts, inflation, the stake minimum, snapshots, through solana-py and raw JSON-RPC."""

from __future__ import annotations

import asyncio
import base64
import json
import socket
import struct
from collections.abc import Awaitable, Callable
from typing import Any

from solana.rpc.async_api import AsyncClient
from solders.keypair import Keypair
from solders.message import Message
from solders.system_program import TransferParams, transfer
from solders.transaction import Transaction

from ionet.testing import LocalnetProcess, TestCluster

Rpc = Callable[..., Awaitable[Any]]
VOTE_PROGRAM = "Vote111111111111111111111111111111111111111"
STAKE_PROGRAM = "Stake11111111111111111111111111111111111111"


async def test_the_node_and_its_vote_account(client: AsyncClient, rpc: Rpc,
                                             server: LocalnetProcess) -> None:
    identity = (await rpc("getIdentity"))["identity"]
    (node,) = await rpc("getClusterNodes")
    assert node["pubkey"] == identity
    assert node["rpc"] == server.rpc_url.removeprefix("http://")
    assert node["pubsub"] == server.ws_url.removeprefix("ws://")
    assert node["tpu"].startswith("127.0.0.1:") and node["gossip"] is None
    typed_node = (await client.get_cluster_nodes()).value[0]  # solders decodes it
    assert json.loads(typed_node.to_json())["rpc"] == node["rpc"]

    accounts = await rpc("getVoteAccounts")
    assert accounts["delinquent"] == []
    (vote,) = accounts["current"]
    assert vote["nodePubkey"] == identity and vote["epochVoteAccount"] is True
    slot = await rpc("getSlot")
    assert vote["lastVote"] <= slot and vote["rootSlot"] <= slot
    # The vote account is on chain, owned by the vote program, with this node in it.
    on_chain = (await rpc("getAccountInfo", vote["votePubkey"], {"encoding": "base64"}))
    assert on_chain["value"]["owner"] == VOTE_PROGRAM
    # Its stake is what the stake account delegated to it says.
    largest = (await rpc("getLargestAccounts"))["value"]
    stakes = [a for a in largest if (await rpc("getAccountInfo", a["address"], {
        "encoding": "base64"}))["value"]["owner"] == STAKE_PROGRAM]
    assert len(stakes) == 1
    stake = (await rpc("getAccountInfo", stakes[0]["address"], {"encoding": "base64"}))
    raw = base64.b64decode(stake["value"]["data"][0])
    assert struct.unpack_from("<Q", raw, 156)[0] == vote["activatedStake"]
    typed = (await client.get_vote_accounts()).value
    assert str(typed.current[0].vote_pubkey) == vote["votePubkey"]
    filtered = await rpc("getVoteAccounts", {"votePubkey": str(Keypair().pubkey())})
    assert filtered == {"current": [], "delinquent": []}


async def test_supply_is_every_lamport(cluster: TestCluster, client: AsyncClient,
                                       rpc: Rpc) -> None:
    before = (await rpc("getSupply"))["value"]
    assert before["total"] == before["circulating"] and before["nonCirculating"] == 0
    largest = (await rpc("getLargestAccounts", {"filter": "circulating"}))["value"]
    assert 4 <= len(largest) <= 20  # the faucet, the wallet, the stake and vote accounts...
    assert [a["lamports"] for a in largest] == sorted((a["lamports"] for a in largest),
                                                      reverse=True)
    assert sum(a["lamports"] for a in largest) <= before["total"]
    assert (await rpc("getLargestAccounts", {"filter": "nonCirculating"}))["value"] == []
    # A transfer moves lamports; fees are burnt, so the supply shrinks by exactly the fee.
    await cluster.new_funded_keypair(10**9)
    after_airdrop = (await rpc("getSupply"))["value"]["total"]
    assert after_airdrop == before["total"] - 5000  # the faucet's airdrop paid one fee
    typed = (await client.get_supply()).value
    assert typed.total == after_airdrop


async def test_inflation_is_off_and_the_stake_minimum_is_the_programs(
        client: AsyncClient, rpc: Rpc, raw: Rpc) -> None:
    assert await rpc("getInflationGovernor") == {"initial": 0.0, "terminal": 0.0,
                                                 "taper": 0.0, "foundation": 0.0,
                                                 "foundationTerm": 0.0}
    epoch = (await rpc("getEpochInfo"))["epoch"]
    assert await rpc("getInflationRate") == {"total": 0.0, "validator": 0.0,
                                             "foundation": 0.0, "epoch": epoch}
    assert (await client.get_inflation_governor()).value.initial == 0.0
    assert (await client.get_inflation_rate()).value.epoch == epoch
    if epoch > 0:
        assert await rpc("getInflationReward", [str(Keypair().pubkey())]) == [None]
    else:
        assert (await raw("getInflationReward", [str(Keypair().pubkey())]))["error"][
            "code"] == -32602
    minimum = (await rpc("getStakeMinimumDelegation"))["value"]
    assert minimum in (1, 10**9)  # the stake program's answer: 1 lamport, or 1 SOL
    assert (await raw("getHighestSnapshotSlot"))["error"] == {"code": -32008,
                                                               "message": "No snapshot"}


async def test_transactions_sent_to_the_tpu_land(cluster: TestCluster, client: AsyncClient,
                                                 rpc: Rpc) -> None:
    (node,) = await rpc("getClusterNodes")
    host, port = node["tpu"].rsplit(":", 1)
    payer = await cluster.new_funded_keypair(10**9)
    to = Keypair().pubkey()
    blockhash = (await client.get_latest_blockhash()).value.blockhash
    message = Message.new_with_blockhash([transfer(TransferParams(
        from_pubkey=payer.pubkey(), to_pubkey=to, lamports=4321))], payer.pubkey(), blockhash)
    tx = Transaction([payer], message, blockhash)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.sendto(b"garbage", (host, int(port)))  # dropped, as a TPU drops it
        udp.sendto(bytes(tx), (host, int(port)))
    for _ in range(100):
        status = (await client.get_signature_statuses([tx.signatures[0]])).value[0]
        if status is not None:
            break
        await asyncio.sleep(0.05)
    assert status is not None and status.err is None
    assert await cluster.balance(to) == 4321
