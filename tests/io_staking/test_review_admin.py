"""Review item 4: the admin cannot take stake at once, nor remove stakers' protections.

Rules (``update_config`` / ``apply_config``, ``rules::check_params``): every parameter is
bounded (a cooldown of at least MIN_UNSTAKE_COOLDOWN_SECS, a co-staker exit wait of at
least MIN_COSTAKER_EXIT_WAIT_SECS, durations of at most MAX_DURATION_SECS, a co-stake cap
of at most MAX_COSTAKE_BPS = 50 %, a nonzero minimum stake), each refused with a named
error. A change that could take something from stakers (slasher, treasury, reward authority,
another cooldown or exit wait, cap or minimum stake, burning turned off) is only
proposed: it takes effect through ``apply_config`` after a delay of the current
cooldown + exit wait + CONFIG_DELAY_MARGIN_SECS, longer than any staker's exit. Only a
new pause authority and burning turned on apply at once.
"""

from __future__ import annotations

from dataclasses import replace

from solders.keypair import Keypair
from staking_harness import IO, Env, create_token_account

from ionet.generated.io_staking.errors import custom as E
from ionet.staking import DAY, Settings


async def test_admin_cannot_make_itself_slasher_and_slash_at_once(fresh_env: Env) -> None:
    """Attack: the admin points the slasher at its own key with update_config and, in the
    next transaction, slashes a node 100 % into the treasury (bypassing reporters,
    challenge window, appeal and rolling cap)."""
    env = fresh_env
    _, node = await env.owner_with_node(stake=1_000 * IO)
    own = replace(env.settings, slasher=env.admin.pubkey())
    await env.send(env.program.update_config(env.admin.pubkey(), own), [env.admin])
    await env.fails(env.program.slash(env.admin.pubkey(), node, 10_000, env.settings.treasury),
                    [env.admin], error=E.NotSlasher)
    assert (await env.node(node)).active.tokens == 1_000 * IO


async def test_admin_cannot_redirect_the_treasury_at_once(fresh_env: Env) -> None:
    """Attack: the admin names its own token account as treasury and has the next slash
    paid there."""
    env = fresh_env
    mine = await create_token_account(env.cluster, env.program, env.admin.pubkey())
    await env.send(env.program.update_config(env.admin.pubkey(),
                                             replace(env.settings, treasury=mine)), [env.admin])
    assert (await env.config()).treasury == env.settings.treasury


async def test_a_zero_cooldown_and_other_unbounded_settings_are_refused(fresh_env: Env) -> None:
    """Attack: a zero cooldown (stake escapes a pending slash in the same transaction), a
    zero exit wait, a 100 % co-stake cap, a zero minimum stake."""
    env = fresh_env
    admin = env.admin
    for settings, code in [
            (replace(env.settings, unstake_cooldown_secs=0), "CooldownTooShort"),
            (replace(env.settings, costaker_exit_wait_secs=0), "ExitWaitTooShort"),
            (replace(env.settings, unstake_cooldown_secs=10 * 365 * DAY), "DurationTooLong"),
            (replace(env.settings, costaker_exit_wait_secs=10 * 365 * DAY), "DurationTooLong"),
            (replace(env.settings, max_costake_bps=10_000), "CostakeCapTooHigh"),
            (replace(env.settings, max_costake_bps=5_001), "CostakeCapTooHigh"),
            (replace(env.settings, min_stake_per_gpu=0), "MinStakeZero")]:
        await env.fails(env.program.update_config(admin.pubkey(), settings), [admin],
                        error=getattr(E, code))


async def test_a_weakening_change_waits_for_its_delay(fresh_env: Env) -> None:
    """Sequence: the admin shortens the cooldown to the minimum; nothing changes until the
    delay (longer than any exit) is over; then anyone applies it."""
    env = fresh_env
    before = Settings.of(await env.config())
    weaker = replace(env.settings, unstake_cooldown_secs=3 * DAY,
                     reward_authority=Keypair().pubkey())
    sent = await env.send(env.program.update_config(env.admin.pubkey(), weaker), [env.admin])
    proposed = env.event(sent, "ConfigChangeProposed")
    config = await env.config()
    assert Settings.of(config) == before
    delay = env.settings.unstake_cooldown_secs + env.settings.costaker_exit_wait_secs + DAY
    assert proposed["activates_at"] >= await env.now() + delay - 5
    anyone = await env.cluster.new_funded_keypair()
    await env.fails(env.program.apply_config(), [anyone], payer=anyone,
                    error=E.ConfigChangeNotReady)
    await env.advance(delay)
    sent = await env.send(env.program.apply_config(), [anyone], payer=anyone)
    assert Settings.of(await env.config()) == weaker
    assert env.event(sent, "ConfigUpdated")["params"].unstake_cooldown_secs == 3 * DAY
    await env.fails(env.program.apply_config(), [anyone], payer=anyone,
                    error=E.NoPendingConfig)


async def test_a_harmless_change_applies_at_once(fresh_env: Env) -> None:
    """Burning slashed stake and a new pause authority take nothing from stakers: they
    apply in the same transaction and drop the pending change. A longer cooldown would
    hold stakers longer than they agreed to: it waits like any other change."""
    env = fresh_env
    weaker = replace(env.settings, unstake_cooldown_secs=5 * DAY)
    await env.send(env.program.update_config(env.admin.pubkey(), weaker), [env.admin])
    harmless = replace(env.settings, slash_burn=True, pause_authority=Keypair().pubkey())
    sent = await env.send(env.program.update_config(env.admin.pubkey(), harmless), [env.admin])
    assert env.event(sent, "ConfigUpdated")["params"].slash_burn
    assert Settings.of(await env.config()) == harmless
    await env.fails(env.program.apply_config(), [], error=E.NoPendingConfig)
    longer = replace(harmless, unstake_cooldown_secs=60 * DAY)
    sent = await env.send(env.program.update_config(env.admin.pubkey(), longer), [env.admin])
    assert env.event(sent, "ConfigChangeProposed")["params"].unstake_cooldown_secs == 60 * DAY
    assert (await env.config()).unstake_cooldown_secs == env.settings.unstake_cooldown_secs
