"""update_config: the admin changes the settings (weakening changes after a delay,
test_review_admin.py)."""

from __future__ import annotations

from dataclasses import replace

from solders.keypair import Keypair
from staking_harness import Env, create_token_account, swapped, unsigned

from ionet.generated.io_staking.errors import anchor as A
from ionet.generated.io_staking.errors import custom as E
from ionet.staking import DAY, Settings


async def test_update_config(fresh_env: Env) -> None:
    env = fresh_env
    treasury = await create_token_account(env.cluster, env.program, Keypair().pubkey())
    settings = replace(env.settings, min_stake_per_gpu=1, unstake_cooldown_secs=3 * DAY,
                       costaker_exit_wait_secs=DAY, max_costake_bps=2_500, treasury=treasury,
                       slash_burn=True, reward_authority=Keypair().pubkey())
    sent = await env.send(env.program.update_config(env.admin.pubkey(), settings), [env.admin],
                          label="update_config")
    proposed = env.event(sent, "ConfigChangeProposed")
    assert proposed["admin"] == env.admin.pubkey()
    assert proposed["params"].max_costake_bps == 2_500
    await env.advance(21 * DAY + DAY)
    sent = await env.send(env.program.apply_config(), [])
    assert Settings.of(await env.config()) == settings
    event = env.event(sent, "ConfigUpdated")
    assert event["admin"] == env.admin.pubkey()
    assert event["params"].max_costake_bps == 2_500


async def test_update_config_rejects_anyone_but_the_admin(fresh_env: Env) -> None:
    intruder = await fresh_env.cluster.new_funded_keypair()
    await fresh_env.fails(fresh_env.program.update_config(intruder.pubkey(), fresh_env.settings),
                          [intruder], error=E.NotAdmin)


async def test_update_config_rejects_a_missing_signature(fresh_env: Env) -> None:
    admin = fresh_env.admin.pubkey()
    ix = unsigned(fresh_env.program.update_config(admin, fresh_env.settings), admin)
    await fresh_env.fails(ix, error=A.AccountNotSigner)


async def test_update_config_rejects_invalid_settings(fresh_env: Env) -> None:
    env = fresh_env
    for settings, code in [(replace(env.settings, unstake_cooldown_secs=-5), E.InvalidDuration),
                           (replace(env.settings, max_costake_bps=10_001), E.InvalidBps)]:
        await env.fails(env.program.update_config(env.admin.pubkey(), settings), [env.admin],
                        error=code)


async def test_update_config_rejects_a_treasury_account_not_named(fresh_env: Env) -> None:
    env = fresh_env
    other = await create_token_account(env.cluster, env.program, Keypair().pubkey())
    ix = swapped(env.program.update_config(env.admin.pubkey(), env.settings),
                 env.settings.treasury, other)
    await env.fails(ix, [env.admin], error=A.ConstraintAddress)


async def test_update_config_rejects_a_treasury_of_another_mint(fresh_env: Env) -> None:
    env = fresh_env
    foreign = await env.foreign_token_account(Keypair().pubkey())
    settings = replace(env.settings, treasury=foreign)
    await env.fails(env.program.update_config(env.admin.pubkey(), settings), [env.admin],
                    error=A.ConstraintTokenMint)


async def test_update_config_rejects_another_account_type_as_config(fresh_env: Env) -> None:
    env = fresh_env
    ix = swapped(env.program.update_config(env.admin.pubkey(), env.settings),
                 env.program.config, env.program.reward_state)
    await env.fails(ix, [env.admin], error=A.AccountDiscriminatorMismatch)
