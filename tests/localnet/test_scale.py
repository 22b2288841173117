"""ionet localnet at scale (issue 14): getProgramAccounts over 100 000 accounts, restart
with --ledger, the server's own cost per transaction and keep-alive throughput.

The ceilings are about three times what this 2-core machine measured (loaded by other
jobs): they catch a regression of the design (a LiteSVM read per account, a parse of the
whole history at start, a slower HTTP path), not noise. The figures themselves are
printed by ``python -m ionet.localnet.bench_scale``.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from solders.account import Account
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.transaction import VersionedTransaction

from ionet.localnet import bench_scale
from ionet.localnet.account_index import AccountIndex
from ionet.localnet.genesis import ValidatorConfig, start_validator
from ionet.localnet.pipeline import PipelinedConnection
from ionet.rpc_client import MAX_CONNECTIONS, async_client
from ionet.testing import LocalnetProcess

ACCOUNTS = 100_000
HISTORY = 2000
GPA_1PCT_MS = 150  # target 50, measured 15-50
GPA_NONE_MS = 100  # target 20, measured 10-30
GPA_ALL_MS = 1200  # target 300, measured 300-450 (the machine loaded)
RESTART_S = 4.0  # target 1, measured 1.2
RSS_MIB = 1024
OVERHEAD_US = 250  # target 100, measured 60-80 of node CPU per transfer above LiteSVM's
PIPELINED_TX_PER_S = 1000  # measured 3000-3500 with the client on the same 2 cores


def _random_key(rng: random.Random) -> Pubkey:
    return Pubkey(rng.randbytes(32))


def test_account_index_answers_in_address_order_through_every_change() -> None:
    rng = random.Random(14)
    index = AccountIndex()
    owner, other = _random_key(rng), _random_key(rng)
    expected: dict[Pubkey, bytes] = {}

    def put(key: Pubkey, data: bytes, to: Pubkey = owner, lamports: int = 1) -> None:
        index.update(key, Account(lamports, data, to, False, 0))
        if to == owner and lamports:
            expected[key] = data
        else:
            expected.pop(key, None)

    def check() -> None:
        found = index.select(owner)
        assert [e.pubkey for e in found] == sorted(expected, key=bytes)
        assert [e.data for e in found] == [expected[e.pubkey] for e in found]
        tagged = index.select(owner, [lambda d: d[:1] == b"\x01"])
        assert [e.pubkey for e in tagged] == sorted(
            (k for k, d in expected.items() if d[:1] == b"\x01"), key=bytes)
        assert all(e.address == str(e.pubkey) for e in found)

    keys = [_random_key(rng) for _ in range(400)]
    for key in keys:  # first query re-sorts (the side table outgrew the sorted one)
        put(key, bytes([rng.randrange(2)]) + rng.randbytes(7))
    check()
    for key in [_random_key(rng) for _ in range(10)]:  # few: merged from the side table
        put(key, b"\x01new")
    check()
    for key in rng.sample(keys, 40):  # updates keep their place
        put(key, bytes([rng.randrange(2)]) + b"updated")
    check()
    closed = rng.sample(keys, 30)
    for key in closed:  # 0 lamports: gone
        put(key, b"", lamports=0)
    moved = [k for k in rng.sample(keys, 60) if k not in closed]
    for key in moved:
        put(key, b"\x01moved", to=other)
    check()
    assert all(key not in index.owner_of for key in closed)
    assert [e.pubkey for e in index.select(other)] == sorted(moved, key=bytes)
    assert all(index.owner_of[key] == owner for key in expected)


def test_restored_history_reads_lazily_and_answers_as_before(tmp_path: Path) -> None:
    config = ValidatorConfig(ledger=tmp_path, ledger_sync="write", wallet=Keypair(),
                             log=lambda _m: None)
    v = start_validator(config)
    who = Pubkey.new_unique()
    outcomes = [v.airdrop(who, 1000 + i) for i in range(30)]
    v.flush()
    before = {o.signature: o.record.to_storage() for o in outcomes if o.record is not None}
    by_address = [r.signature for r in v.by_address[who]]
    v.ledger.close()

    v = start_validator(config)
    restored = v.statuses[outcomes[0].signature]
    assert restored.signature == outcomes[0].signature
    assert v._unaddressed, "a restart must not index the history by address"
    assert [r.signature for r in v.by_address[who]] == by_address  # built when first read
    for signature, stored in before.items():
        record = v.statuses[signature]
        assert record.slot == orjson.loads(stored)["slot"]  # parsed on first use
        assert record.to_storage() == stored
    assert outcomes[1].record is not None
    again = v.execute(VersionedTransaction.from_bytes(outcomes[1].record.raw), preflight=True)
    assert again.err == "AlreadyProcessed"
    v.ledger.close()


async def test_own_clients_cap_their_connection_pool(server: LocalnetProcess) -> None:
    client = async_client(server.rpc_url)
    try:
        slots = await asyncio.gather(*(client.get_slot() for _ in range(32)))
        assert all(s.value > 0 for s in slots)
        pool = client._provider.session._transport._pool  # type: ignore[attr-defined]
        assert 1 <= len(pool.connections) <= MAX_CONNECTIONS
    finally:
        await client.close()


# ------------------------------------------------------------------ at scale


@pytest.fixture(scope="module")
def scale_node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalnetProcess,
                                                                             float]]:
    ledger = tmp_path_factory.mktemp("scale-ledger")
    bench_scale.write_ledger(ledger, ACCOUNTS, HISTORY)
    seconds, proc = bench_scale.restart(ledger)
    try:
        yield proc, seconds
    finally:
        proc.stop()


def test_restart_with_a_large_ledger(scale_node: tuple[LocalnetProcess, float]) -> None:
    proc, seconds = scale_node
    assert seconds <= RESTART_S, f"restart took {seconds:.2f} s"
    assert bench_scale.rss_mib(proc.process.pid) <= RSS_MIB


def test_get_program_accounts_over_100_000_accounts(
        scale_node: tuple[LocalnetProcess, float]) -> None:
    proc, _ = scale_node
    program = str(bench_scale.SCALE_PROGRAM)
    with PipelinedConnection(proc.rpc_url) as conn:
        def call(cfg: dict[str, object]) -> list[dict[str, object]]:
            answer = orjson.loads(conn.post(bench_scale.rpc_body("getProgramAccounts",
                                                                 program, cfg)))
            assert "error" not in answer, answer
            result = answer["result"]
            assert isinstance(result, list)
            return result

        tagged = call({"encoding": "base64", "filters": [
            {"memcmp": {"offset": bench_scale.TAG_OFFSET, "bytes": "2"}}]})  # b58 of 0x01
        assert len(tagged) == ACCOUNTS // 100
        first = tagged[0]
        assert set(first) == {"pubkey", "account"}
        account = first["account"]
        assert isinstance(account, dict)
        assert set(account) == {"lamports", "data", "owner", "executable", "rentEpoch",
                                "space"}
        assert account["owner"] == program and account["space"] == bench_scale.ACCOUNT_BYTES
        data = account["data"]
        assert isinstance(data, list) and data[1] == "base64"
        keys = [Pubkey.from_string(str(e["pubkey"])) for e in tagged]
        assert keys == sorted(keys, key=bytes)
        sliced = call({"encoding": "base64", "dataSlice": {"offset": 0, "length": 0}})
        assert len(sliced) == ACCOUNTS
        assert {str(e["account"]["data"][0]) for e in sliced} == {""}  # type: ignore[index]
        with_context = orjson.loads(conn.post(bench_scale.rpc_body(
            "getProgramAccounts", program, {"withContext": True, "filters": [
                {"memcmp": {"offset": bench_scale.TAG_OFFSET, "bytes": "3"}}]})))
        assert with_context["result"]["value"] == []
        assert with_context["result"]["context"]["slot"] > 0
    timings = bench_scale.gpa_timings(proc.rpc_url, ACCOUNTS, runs=3)
    assert timings["memcmp_1pct_ms"] <= GPA_1PCT_MS, timings
    assert timings["memcmp_none_ms"] <= GPA_NONE_MS, timings
    assert timings["all_slice0_ms"] <= GPA_ALL_MS, timings


def test_server_cost_per_transaction_and_keep_alive_throughput(
        scale_node: tuple[LocalnetProcess, float]) -> None:
    proc, _ = scale_node
    with PipelinedConnection(proc.rpc_url) as conn:
        payers = [Keypair() for _ in range(16)]
        blockhash = bench_scale._fund(conn, payers)
    txs = bench_scale.signed_transfers(payers, blockhash, 3000)
    run = bench_scale.pipelined_throughput(proc, 64, txs)
    runtime = bench_scale.in_process_costs(count=500, rounds=3)["runtime_us"]
    overhead = run["server_us_per_tx"] - runtime
    assert overhead <= OVERHEAD_US, (run, runtime)
    assert run["tx_per_s"] >= PIPELINED_TX_PER_S, run
