"""`initialize`: the settings are stored; fees above the 10 % cap and negative durations
are refused. (Upgrade-authority-only, once, canonical address, pre-funded: the shared
tests/programs/test_initialize.py.)"""

from __future__ import annotations

import pytest
from escrow_harness import EscrowEnv
from solders.keypair import Keypair
from staking_harness import Env

from ionet.deploy import deploy_program
from ionet.escrow import EscrowProgram, EscrowSettings


async def test_initialize_stores_the_settings(env: EscrowEnv) -> None:
    config = await env.program.fetch_config(env.cluster.client)
    assert config is not None
    assert (config.admin, config.coordinator, config.treasury, config.staking_program) == (
        env.admin.pubkey(), env.coordinator.pubkey(), env.treasury.pubkey(),
        env.staking.program.program_id)
    assert (config.customer_fee_bps, config.supplier_fee_bps, config.fee_delay_secs,
            config.refund_grace_secs) == (25, 25, 7 * 86_400, 86_400)


@pytest.mark.parametrize("field", ["customer_fee_bps", "supplier_fee_bps"])
async def test_initialize_refuses_a_fee_above_the_cap(staking: Env, escrow_elf: bytes,
                                                       field: str) -> None:
    cluster = staking.cluster
    program = EscrowProgram(await deploy_program(cluster.client, cluster.wallet, Keypair(),
                                                 escrow_elf), staking.program.program_id)
    key = Keypair().pubkey()
    settings = EscrowSettings(key, key, staking.program.program_id, **{field: 1_001})
    env = EscrowEnv(staking, program, Keypair(), Keypair(), Keypair(), settings)
    await env.fails(program.initialize(cluster.wallet.pubkey(), key, settings), [], code=6005,
                    message="FeeAboveCap")
    settings = EscrowSettings(key, key, staking.program.program_id, refund_grace_secs=-1)
    await env.fails(program.initialize(cluster.wallet.pubkey(), key, settings), [], code=6006)
    # 10 % exactly is allowed.
    await cluster.send([program.initialize(cluster.wallet.pubkey(), key, EscrowSettings(
        key, key, staking.program.program_id, **{field: 1_000}))])
