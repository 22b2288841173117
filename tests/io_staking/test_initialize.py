"""initialize: config, reward state and vaults, by the upgrade authority only, once."""

from __future__ import annotations

from dataclasses import replace

import pytest
from solders.keypair import Keypair
from solders.system_program import TransferParams, transfer
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID
from staking_harness import (
    DECIMALS,
    IO,
    TOKEN_PROGRAMS,
    Deployment,
    Env,
    SlashCaller,
    create_mint,
    create_token_account,
    new_deployment,
    non_canonical_address,
    swapped,
)

from ionet.generated.io_staking.errors import anchor as A
from ionet.generated.io_staking.errors import custom as E
from ionet.loader_v3 import programdata_address
from ionet.staking import CONFIG_SEED, DAY, Settings, StakingProgram
from ionet.testing import TestCluster


@pytest.fixture(params=sorted(TOKEN_PROGRAMS))
async def bare(request: pytest.FixtureRequest, cluster: TestCluster, staking_elf: bytes,
               caller: SlashCaller, compute_units: dict[str, list[int]]) -> Env:
    """A deployed, not yet initialized program (nothing to check invariants of)."""
    deployment = await new_deployment(cluster, staking_elf, caller,
                                      TOKEN_PROGRAMS[request.param], initialize=False)
    return Env(cluster, deployment, compute_units, check=False)


def initialize(d: Deployment, authority: Keypair, settings: Settings | None = None):
    return d.program.initialize(authority.pubkey(), d.admin.pubkey(), settings or d.settings)


async def test_initialize(bare: Env) -> None:
    env, d = bare, bare.deployment
    sent = await env.send(initialize(d, env.cluster.wallet), label="initialize")
    config = await env.config()
    assert (config.admin, config.stake_mint, config.stake_token_program) == \
        (d.admin.pubkey(), d.program.stake_mint, d.program.token_program)
    assert (config.stake_vault, config.reward_vault, config.reward_state) == \
        (d.program.stake_vault, d.program.reward_vault, d.program.reward_state)
    assert (config.min_stake_per_gpu, config.unstake_cooldown_secs,
            config.costaker_exit_wait_secs, config.max_costake_bps) == \
        (200 * IO, 14 * DAY, 7 * DAY, 5_000)
    assert (config.slasher, config.treasury, config.paused, config.mint_decimals) == \
        (d.caller.slasher, d.treasury, False, DECIMALS)
    assert Settings.of(config) == d.settings
    for vault in (d.program.stake_vault, d.program.reward_vault):
        account = await env.cluster.account(vault)
        assert account is not None and account.owner == d.program.token_program
        data = bytes(account.data)
        assert (data[:32], data[32:64]) == (bytes(d.program.stake_mint), bytes(d.program.config))
    event = env.event(sent, "ConfigInitialized")
    assert (event["admin"], event["stake_mint"]) == (d.admin.pubkey(), d.program.stake_mint)


async def test_initialize_rejects_anyone_but_the_upgrade_authority(bare: Env) -> None:
    intruder = await bare.cluster.new_funded_keypair()
    await bare.fails(initialize(bare.deployment, intruder), [intruder],
                     error=E.NotUpgradeAuthority)


async def test_initialize_rejects_a_second_time(bare: Env) -> None:
    await bare.send(initialize(bare.deployment, bare.cluster.wallet))
    await bare.fails(initialize(bare.deployment, bare.cluster.wallet),
                     error=A.AccountDiscriminatorAlreadySet)


async def test_initialize_into_prefunded_addresses(bare: Env) -> None:
    d = bare.deployment
    gifts = [transfer(TransferParams(from_pubkey=bare.cluster.wallet.pubkey(), to_pubkey=k,
                                     lamports=890_880))
             for k in (d.program.config, d.program.reward_state, d.program.stake_vault)]
    await bare.send(gifts)
    await bare.send(initialize(d, bare.cluster.wallet))
    assert (await bare.config()).admin == d.admin.pubkey()


async def test_initialize_rejects_a_non_canonical_config(bare: Env) -> None:
    d = bare.deployment
    fake = non_canonical_address([CONFIG_SEED], d.program.program_id)
    ix = swapped(initialize(d, bare.cluster.wallet), d.program.config, fake)
    await bare.fails(ix, error=A.ConstraintSeeds)


async def test_initialize_rejects_another_programs_programdata(bare: Env) -> None:
    d = bare.deployment
    ix = swapped(initialize(d, bare.cluster.wallet), programdata_address(d.program.program_id),
                 programdata_address(d.caller.program_id))
    await bare.fails(ix, error=A.ConstraintSeeds)


async def test_initialize_rejects_a_mint_of_another_token_program(bare: Env) -> None:
    d = bare.deployment
    other = TOKEN_2022_PROGRAM_ID if d.program.token_program == TOKEN_PROGRAM_ID \
        else TOKEN_PROGRAM_ID
    mint = await create_mint(bare.cluster, other, Keypair())
    program = StakingProgram(d.program.program_id, mint, d.program.token_program)
    ix = program.initialize(bare.cluster.wallet.pubkey(), d.admin.pubkey(), d.settings)
    await bare.fails(ix, error=A.AccountOwnedByWrongProgram)


async def test_initialize_rejects_a_treasury_of_another_mint(bare: Env) -> None:
    d = bare.deployment
    mint = await create_mint(bare.cluster, d.program.token_program, Keypair())
    other = StakingProgram(d.program.program_id, mint, d.program.token_program)
    treasury = await create_token_account(bare.cluster, other, Keypair().pubkey())
    ix = initialize(d, bare.cluster.wallet, replace(d.settings, treasury=treasury))
    await bare.fails(ix, error=A.ConstraintTokenMint)


async def test_initialize_rejects_invalid_settings(bare: Env) -> None:
    d = bare.deployment
    for settings, code in [(replace(d.settings, unstake_cooldown_secs=-1), E.InvalidDuration),
                           (replace(d.settings, costaker_exit_wait_secs=-1), E.InvalidDuration),
                           (replace(d.settings, max_costake_bps=10_001), E.InvalidBps)]:
        await bare.fails(initialize(d, bare.cluster.wallet, settings), error=code)
