"""update_config: admin only, within bounds; open proposals keep their challenge window
(an admin cannot shorten the window of a proposal already made: "instant privilege")."""

from __future__ import annotations

from dataclasses import replace

from slashing_harness import SlashEnv
from staking_harness import IO

from ionet.generated.io_slashing.errors import custom as E
from ionet.slashing import (
    MAX_DURATION_SECS,
    MIN_CHALLENGE_WINDOW_SECS,
    Offense,
    OffenseRule,
    SlashingSettings,
)


async def test_update_config_replaces_the_settings(fresh_senv: SlashEnv) -> None:
    senv = fresh_senv
    _, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    seq = await senv.propose(node, 100)
    made = await senv.proposal(node, seq)
    offenses = {**senv.settings.offenses, Offense.DOWNTIME: OffenseRule(200, 3_600)}
    settings = replace(senv.settings, challenge_window_secs=MIN_CHALLENGE_WINDOW_SECS,
                       offenses=offenses)
    sent = await senv.send(senv.program.update_config(senv.admin.pubkey(), settings),
                           [senv.admin], label="update_config")
    config = await senv.program.fetch_config(senv.cluster.client)
    assert config is not None and SlashingSettings.of(config.params) == settings
    assert senv.event(sent, "ConfigUpdated")["admin"] == senv.admin.pubkey()
    # The open proposal keeps its window; new ones get the new one.
    assert (await senv.proposal(node, seq)).challenge_ends_at == made.challenge_ends_at
    newer = await senv.proposal(node, await senv.propose(node, 200, offense=Offense.DOWNTIME))
    assert newer.challenge_ends_at == newer.created_at + MIN_CHALLENGE_WINDOW_SECS
    await senv.at(newer.challenge_ends_at)
    await senv.fails(senv.execute_ix(node, seq), error=E.ChallengeWindowOpen)


async def test_update_config_rejects_anyone_but_the_admin(senv: SlashEnv) -> None:
    ix = senv.program.update_config(senv.reporter.pubkey(), senv.settings)
    await senv.fails(ix, [senv.reporter], error=E.NotAdmin, account="config")


async def test_update_config_rejects_settings_out_of_bounds(senv: SlashEnv) -> None:
    admin = senv.admin
    cases = [
        (replace(senv.settings, challenge_window_secs=MIN_CHALLENGE_WINDOW_SECS - 1),
         E.InvalidDuration),
        (replace(senv.settings, rolling_window_secs=0), E.InvalidDuration),
        (replace(senv.settings, appeal_window_secs=0), E.InvalidDuration),
        (replace(senv.settings, max_rolling_bps=0), E.InvalidBps),
        (replace(senv.settings, offenses={Offense.SPOOFING: OffenseRule(10_001)}), E.InvalidBps),
        (replace(senv.settings, offenses={Offense.SPOOFING: OffenseRule(1, -1)}),
         E.InvalidDuration),
        # No window may freeze withdrawals for more than a year, and no jail may be so
        # long that `now + jail` overflows (its proposals could never execute).
        (replace(senv.settings, challenge_window_secs=MAX_DURATION_SECS + 1),
         E.InvalidDuration),
        (replace(senv.settings, appeal_window_secs=MAX_DURATION_SECS + 1), E.InvalidDuration),
        (replace(senv.settings, rolling_window_secs=MAX_DURATION_SECS + 1),
         E.InvalidDuration),
        (replace(senv.settings, offenses={Offense.SPOOFING: OffenseRule(1, 2**63 - 1)}),
         E.InvalidDuration),
    ]
    for settings, error in cases:
        await senv.fails(senv.program.update_config(admin.pubkey(), settings), [admin],
                         error=error)
