"""io_escrow under the instruction fuzzer (`tests/fuzzing.py`): every instruction of the
interface definition, mutated, against the real binary, with every mint's books checked
after every transaction that lands."""

from __future__ import annotations

from escrow_harness import check_books
from escrow_scene import build_scene, valid_instruction
from fuzzing import AdminRotation, Target, run
from solders.pubkey import Pubkey
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID
from staking_harness import ROOT, Env

from idlgen.model import Program
from ionet.generated.io_escrow.errors import anchor as A
from ionet.generated.io_escrow.errors import custom as E
from ionet.testing import SendFailed

PROGRAM = Program.load(ROOT / "programs" / "io_escrow" / "idl.json")


async def test_fuzz(staking: Env, escrow_elf: bytes) -> None:
    scene = await build_scene(staking, escrow_elf)
    env, p, usdc = scene.env, scene.program, scene.usdc
    sp = staking.program
    genuine = [p.config, p.payment_mint(usdc.address), p.vault(usdc.address), scene.other_books,
               scene.escrow, scene.other_escrow, usdc.address, scene.new_mint.address,
               scene.supplier.node, scene.other_supplier.node, scene.supplier.key,
               scene.customer.pubkey(), scene.other_customer.pubkey(),
               env.payout(scene.supplier, usdc), env.payout(scene.other_supplier, usdc),
               env.token_account(scene.customer.pubkey(), usdc),
               env.token_account(env.treasury.pubkey(), usdc), env.treasury.pubkey(),
               scene.stranger_token, sp.config, sp.reward_state, sp.program_id,
               TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID, SYSTEM_PROGRAM_ID,
               scene.foreign_program_data, *scene.foreign_staking.values()]

    async def refresh() -> None:
        escrow = await p.fetch_escrow(env.cluster.client, scene.escrow)
        if escrow is None:
            try:
                scene.escrow = await env.open(scene.customer, scene.supplier, usdc, 10**6)
            except SendFailed:
                pass  # paused, or the node no longer eligible: later cases may change that
        else:
            env.first_seq[scene.escrow] = escrow.next_seq

    async def current_admin() -> Pubkey:
        return (await p.fetch_config(env.cluster.client)).admin

    target = Target("io_escrow", PROGRAM, env.cluster, (A, E),
                    lambda name: valid_instruction(scene, name), genuine,
                    lambda: check_books(env), refresh,
                    admin=AdminRotation(current_admin, env, scene))
    await run(target)
