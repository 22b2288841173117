"""Settlement end to end: spool records settled on-chain by the coordinator process, in
batches per node over its own lookup tables; closes on final records; duplicates."""

from __future__ import annotations

import base64
import signal
from pathlib import Path

from coordinator_harness import (
    IO,
    MIN_CHARGE,
    RATE,
    Scene,
    new_scene,
    record,
    totals,
    until,
)
from solders.compute_budget import ID as COMPUTE_BUDGET_ID
from solders.pubkey import Pubkey
from solders.transaction import VersionedTransaction
from staking_harness import Env

from ionet.coordinator.lookup import ALT_PROGRAM_ID


async def test_spool_records_are_settled_in_batches_per_node(scene: Scene) -> None:
    records = [record(e, f"r{i}-{k}", amount=(i + 1) * IO + k)
               for i, e in enumerate(scene.escrows) for k in range(3)]
    scene.write_spool("a", records[:9])
    scene.write_spool("b", records[9:])
    done = scene.run("run", "--until-idle")
    assert done.returncode == 0, done.stderr
    expected = totals(records)
    assert await scene.settled() == {e.address: expected[e.address] for e in scene.escrows}
    assert await scene.paid() == scene.by_supplier(expected)
    status = scene.status()
    assert status["totals"]["settled_records"] == len(records)
    assert status["backlog"] == [] and status["failed"] == [] and status["in_flight"] == []
    assert sorted(p.name for p in (scene.spool / "done").iterdir()) == ["a.jsonl", "b.jsonl"]


async def test_duplicates_same_report_and_same_file(scene: Scene) -> None:
    escrow = scene.escrows[0]
    records = [record(escrow, "x1", amount=IO), record(escrow, "x2", amount=2 * IO)]
    scene.write_spool("a", records)
    scene.write_spool("a-again", records)  # the same contents under another name
    scene.write_spool("b", [records[1], record(escrow, "x3", amount=3 * IO)])
    done = scene.run("run", "--until-idle")
    assert done.returncode == 0, done.stderr
    assert (await scene.settled())[escrow.address] == 6 * IO
    scene.write_spool("a", records)  # a file name seen before, same contents
    done = scene.run("run", "--until-idle")
    assert done.returncode == 0, done.stderr
    assert (await scene.settled())[escrow.address] == 6 * IO
    assert scene.status()["totals"]["records"] == 3
    assert len(list((scene.spool / "done").iterdir())) == 4


async def test_largest_batch_over_the_coordinators_lookup_table(staking: Env, escrow_elf: bytes,
                                                                tmp_path: Path) -> None:
    scene = await new_scene(staking, escrow_elf, tmp_path, nodes=1, escrows_per_node=60)
    records = [record(e, f"r{i}", amount=IO + i) for i, e in enumerate(scene.escrows)]
    scene.write_spool("a", records)
    done = scene.run("run", "--until-idle", "--max-batch", "255")
    assert done.returncode == 0, done.stderr
    expected = totals(records)
    assert await scene.settled() == expected
    sizes = [n for (n,) in scene.rows("SELECT COUNT(*) FROM settlements GROUP BY tx_id "
                                      "ORDER BY tx_id")]
    # Without a lookup table an escrow costs 32 bytes of key and ~20 fit; with it, one
    # byte, and the first batch is as large as 1232 bytes and 64 account locks allow.
    assert sum(sizes) == 60 and len(sizes) == 2 and sizes[0] >= 50, sizes
    [(table,)] = scene.rows("SELECT address FROM lookup_tables")
    info = await scene.env.cluster.account(Pubkey.from_string(table))
    assert info is not None and info.owner == ALT_PROGRAM_ID
    data = bytes(info.data)
    assert data[22:54] == bytes(scene.env.coordinator.pubkey())  # its authority
    held = {data[i:i + 32] for i in range(56, len(data), 32)}
    assert {bytes(e.address) for e in scene.escrows} <= held


async def test_a_lookup_table_created_before_a_crash_is_the_one_used_after_it(
        staking: Env, escrow_elf: bytes, tmp_path: Path) -> None:
    """Killed once its lookup table is created (and before it is extended), the
    coordinator finds the table again on restart instead of paying for another."""
    scene = await new_scene(staking, escrow_elf, tmp_path, nodes=1, escrows_per_node=30)
    records = [record(e, f"r{i}", amount=IO) for i, e in enumerate(scene.escrows)]
    scene.write_spool("a", records)
    killed = scene.run("run", "--until-idle", "--max-batch", "255",
                       env={"IONET_COORDINATOR_KILL_AT": "table"})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    done = scene.run("run", "--until-idle", "--max-batch", "255")
    assert done.returncode == 0, done.stderr
    assert await scene.settled() == totals(records)
    authority = str(scene.env.coordinator.pubkey())
    owned = await scene.env.cluster.rpc("getProgramAccounts", str(ALT_PROGRAM_ID), {
        "encoding": "base64", "filters": [{"memcmp": {"offset": 22, "bytes": authority}}]})
    assert [t["pubkey"] for t in owned] == [a for (a,) in scene.rows(
        "SELECT address FROM lookup_tables")], owned


async def test_seconds_at_the_rate_clamped_to_the_rate_bound(scene: Scene) -> None:
    env = scene.env
    escrow = scene.escrows[0]
    state = await env.escrow(escrow.address)
    await env.advance_to(state.opened_at + 10)  # bound: 50 IO + 10 s x 1000
    scene.write_spool("a", [record(escrow, "s1", seconds=40_000),  # 40 IO at the rate
                            record(escrow, "s2", seconds=20_000)])  # 20 IO more
    process = scene.start()
    try:
        bound = MIN_CHARGE + 10 * RATE
        await until(lambda: scene.settled_records() == 1, "the first record")
        assert (await env.escrow(escrow.address)).settled == bound  # clamped, not refused
        assert scene.status()["failed"] == []  # the bound still grows: it waits
        await env.advance_to(state.opened_at + 10_000)
        await until(lambda: scene.settled_records() == 2, "the rest")
        assert (await env.escrow(escrow.address)).settled == 60_000 * RATE
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(20) == 0


async def test_final_record_closes_and_the_rest_goes_back(scene: Scene) -> None:
    env = scene.env
    escrow = scene.escrows[0]
    customer_token = env.token_account(escrow.customer.pubkey(), scene.mint)
    before = await env.balance(customer_token)
    state = await env.escrow(escrow.address)
    await env.advance_to(state.opened_at + 20_000)  # bound: 50 IO + 20 IO
    scene.write_spool("a", [record(escrow, "u1", amount=60 * IO),
                            record(escrow, "u2", amount=5 * IO, final=True)])
    done = scene.run("run", "--until-idle")
    assert done.returncode == 0, done.stderr
    assert (await scene.settled())[escrow.address] is None  # closed
    assert (await scene.paid())[escrow.supplier.node] == 65 * IO
    assert await env.balance(customer_token) == before + state.deposited - 65 * IO
    assert scene.status()["totals"]["closed_escrows"] == 1
    # A record after the close cannot be paid: it is reported, not silently kept.
    scene.write_spool("late", [record(escrow, "u3", amount=IO)])
    done = scene.run("run", "--until-idle")
    assert done.returncode == 1 and "arrived after the escrow was closed" in done.stderr
    assert (await scene.paid())[escrow.supplier.node] == 65 * IO


async def test_what_cannot_be_settled_is_reported_and_until_idle_fails(scene: Scene) -> None:
    unknown = Pubkey.new_unique()
    escrow = scene.escrows[0]
    scene.write_spool("a", [record(unknown, "nobody", amount=IO),
                            record(escrow, "ok", amount=IO)])
    done = scene.run("run", "--until-idle")
    assert done.returncode == 1
    assert f"{unknown}: no open escrow at this address" in done.stderr.splitlines()[-1]
    assert (await scene.settled())[escrow.address] == IO
    [failed] = scene.status()["failed"]
    assert failed["escrow"] == str(unknown) and failed["unsettled_records"] == 1


async def test_a_refused_settlement_shows_its_reason_and_is_retried(scene: Scene) -> None:
    env = scene.env
    escrow = scene.escrows[0]
    await env.send(env.program.set_paused(env.admin.pubkey(), True), [env.admin])
    scene.write_spool("a", [record(escrow, "p1", amount=IO)])
    process = scene.start()
    try:
        def reason() -> str:
            failed = scene.status()["failed"]
            return str(failed[0]["reason"]) if failed else ""

        await until(lambda: "Paused" in reason(), "the refusal in the status")
        [failed] = scene.status()["failed"]
        assert failed["escrow"] == str(escrow.address) and not failed["permanent"]
        await env.send(env.program.set_paused(env.admin.pubkey(), False), [env.admin])
        await until(lambda: scene.settled_records() == 1, "the retry", timeout=15)
        assert scene.status()["failed"] == []
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(20) == 0
    assert (await scene.settled())[escrow.address] == IO


async def test_compute_unit_limit_from_simulation_and_the_priority_fee(scene: Scene) -> None:
    scene.write_spool("a", [record(e, f"r{i}", amount=IO) for i, e in enumerate(scene.escrows)])
    done = scene.run("run", "--until-idle", "--priority-fee", "7")  # replaces the harness's 0
    assert done.returncode == 0, done.stderr
    for (signature,) in scene.rows("SELECT signature FROM transactions"):
        raw = await scene.env.cluster.rpc("getTransaction", signature, {
            "encoding": "base64", "commitment": "confirmed",
            "maxSupportedTransactionVersion": 0})
        tx = VersionedTransaction.from_bytes(base64.b64decode(raw["transaction"][0]))
        keys = tx.message.account_keys
        budget = {bytes(ix.data)[0]: bytes(ix.data)[1:] for ix in tx.message.instructions
                  if keys[ix.program_id_index] == COMPUTE_BUDGET_ID}
        limit = int.from_bytes(budget[2], "little")
        used = raw["meta"]["computeUnitsConsumed"]
        assert used <= limit <= used * 1.1 + 2_000, (used, limit)
        assert int.from_bytes(budget[3], "little") == 7
