"""io_slashing under the instruction fuzzer (`tests/fuzzing.py`): every instruction of the
interface definition, mutated, against the real binaries of io_slashing and the io_staking
it slashes, with io_staking's books checked after every transaction that lands."""

from __future__ import annotations

from fuzzing import AdminRotation, Target, run
from slashing_harness import ROOT
from slashing_scene import build_scene, valid_instruction
from solders.pubkey import Pubkey
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from spl.token.constants import TOKEN_PROGRAM_ID
from staking_harness import check_invariants

from idlgen.model import Program
from ionet.generated.io_slashing.errors import anchor as A
from ionet.generated.io_slashing.errors import custom as E
from ionet.slashing import Status
from ionet.testing import SendFailed, TestCluster

PROGRAM = Program.load(ROOT / "programs" / "io_slashing" / "idl.json")


async def test_fuzz(cluster: TestCluster, elfs: tuple[bytes, bytes]) -> None:
    scene = await build_scene(cluster, elfs)
    env, p = scene.env, scene.program
    sp = env.staking.program
    genuine = [p.config, p.slasher, p.record(scene.node), p.record(scene.other_node),
               *(p.proposal(scene.node, seq) for seq in range(3)),
               p.proposal(scene.other_node, 0), scene.node, scene.other_node,
               scene.foreign_node, scene.owner.pubkey(), scene.other_owner.pubkey(),
               sp.config, sp.stake_vault, sp.reward_state, env.treasury,
               scene.stranger_token, sp.program_id, TOKEN_PROGRAM_ID, SYSTEM_PROGRAM_ID,
               scene.foreign_program_data]
    conn, seqs, cases = cluster.client, scene.seqs, 0

    async def refresh() -> None:
        """Every 25 cases: proposals for dispute, resolve and execute again where earlier
        cases used them up (a proposal the rolling cap refuses is left for later)."""
        nonlocal cases
        cases += 1
        if cases % 25:
            return
        now = await cluster.unix_timestamp()

        async def status(seq: int) -> tuple[Status, int] | None:
            found = await p.fetch_proposal(conn, scene.node, seq)
            return None if found is None else (Status(found.status), found.challenge_ends_at)

        try:
            executable = await status(seqs["execute"])
            if executable is None or not (executable[0] == Status.UPHELD or (
                    executable[0] == Status.PENDING and now >= executable[1])):
                seqs["execute"] = await env.propose(scene.node, 100)
                await cluster.advance_time(env.settings.challenge_window_secs + 1)
            disputed = await status(seqs["resolve"])
            if disputed is None or disputed[0] != Status.DISPUTED:
                seqs["resolve"] = await env.propose(scene.node, 100)
                await env.dispute(scene.owner, scene.node, seqs["resolve"])
            pending = await status(seqs["dispute"])
            now = await cluster.unix_timestamp()
            if pending is None or pending[0] != Status.PENDING or now >= pending[1]:
                seqs["dispute"] = await env.propose(scene.node, 100)
        except SendFailed:
            pass  # the node is jailed, paused, or at its cap: the cases go on as they are
        seqs["propose"] = await p.next_seq(conn, scene.node)

    async def current_admin() -> Pubkey:
        return (await p.fetch_config(cluster.client)).admin

    target = Target("io_slashing", PROGRAM, cluster, (A, E),
                    lambda name: valid_instruction(scene, name), genuine,
                    lambda: check_invariants(env.staking), refresh,
                    admin=AdminRotation(current_admin, env.deployment, scene))
    await run(target)
