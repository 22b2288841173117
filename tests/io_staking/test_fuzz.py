"""io_staking under the instruction fuzzer (`tests/fuzzing.py`): every instruction of the
interface definition, mutated, against the real binary, with the books checked after
every transaction that lands."""

from __future__ import annotations

from fuzzing import AdminRotation, Target, run
from solders.pubkey import Pubkey
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID
from staking_harness import ROOT, SlashCaller, check_invariants
from staking_scene import build_scene, valid_instruction

from idlgen.model import Program
from ionet.generated.io_staking.errors import anchor as A
from ionet.generated.io_staking.errors import custom as E
from ionet.testing import TestCluster

PROGRAM = Program.load(ROOT / "programs" / "io_staking" / "idl.json")


async def test_fuzz(cluster: TestCluster, staking_elf: bytes, caller: SlashCaller) -> None:
    scene = await build_scene(cluster, staking_elf, caller)
    # The admin may lower the co-stake cap below what is staked (the fuzzer's update_config
    # does); the cap holds for new stake only.
    scene.env.over_cap_ok = True
    p = scene.program
    genuine = [p.config, p.reward_state, p.stake_vault, p.reward_vault, p.stake_mint,
               scene.node, scene.other_node, scene.env.deployment.treasury,
               p.position(scene.node, scene.owner.pubkey()),
               p.position(scene.node, scene.costaker.pubkey()),
               p.position(scene.other_node, scene.other_owner.pubkey()),
               scene.stranger_token, scene.other_mint, scene.owner.pubkey(),
               scene.costaker.pubkey(), TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID,
               SYSTEM_PROGRAM_ID, caller.program_id, scene.foreign_program_data]

    async def current_admin() -> Pubkey:
        return (await scene.env.config()).admin

    target = Target("io_staking", PROGRAM, cluster, (A, E),
                    lambda name: valid_instruction(scene, name), genuine,
                    lambda: check_invariants(scene.env),
                    admin=AdminRotation(current_admin, scene.env.deployment, scene))
    await run(target)
