"""initialize: only the upgrade authority, once; fixes the staking program and derives the
["slasher"] PDA; refuses settings out of bounds."""

from __future__ import annotations

from dataclasses import replace

from slashing_harness import SLASHING_ELF, SlashEnv
from solders.keypair import Keypair

from ionet.deploy import deploy_program
from ionet.generated.io_slashing.errors import anchor as A
from ionet.generated.io_slashing.errors import custom as E
from ionet.slashing import MIN_CHALLENGE_WINDOW_SECS, SlashingProgram, SlashingSettings
from ionet.testing import TestCluster


async def _undeployed(cluster: TestCluster, senv: SlashEnv) -> SlashingProgram:
    program_id = await deploy_program(cluster.client, cluster.wallet, Keypair(),
                                      SLASHING_ELF.read_bytes())
    return SlashingProgram(program_id, senv.deployment.staking.program)


async def test_initialize_stores_the_settings_and_the_slasher_pda(fresh_senv: SlashEnv) -> None:
    senv = fresh_senv
    config = await senv.program.fetch_config(senv.cluster.client)
    assert config is not None
    assert config.admin == senv.admin.pubkey()
    assert config.staking_program == senv.program.staking.program_id
    assert config.slasher == senv.program.slasher
    assert (await senv.staking.config()).slasher == senv.program.slasher
    assert SlashingSettings.of(config.params) == senv.settings
    assert (config.reporter_count, config.reporters[0]) == (1, senv.reporter.pubkey())


async def test_initialize_rejects_a_signer_that_is_not_the_upgrade_authority(
        cluster: TestCluster, senv: SlashEnv) -> None:
    program = await _undeployed(cluster, senv)
    stranger = await cluster.new_funded_keypair()
    ix = program.initialize(stranger.pubkey(), stranger.pubkey(), SlashingSettings.default())
    await senv.fails(ix, [stranger], error=E.NotUpgradeAuthority, payer=stranger)


async def test_initialize_runs_once(cluster: TestCluster, senv: SlashEnv) -> None:
    ix = senv.program.initialize(cluster.wallet.pubkey(), Keypair().pubkey(),
                                 SlashingSettings.default())
    await senv.fails(ix, error=A.AccountDiscriminatorAlreadySet, account="config")


async def test_initialize_rejects_settings_out_of_bounds(cluster: TestCluster,
                                                         senv: SlashEnv) -> None:
    program = await _undeployed(cluster, senv)
    wallet = cluster.wallet.pubkey()
    base = SlashingSettings.default()
    short = replace(base, challenge_window_secs=MIN_CHALLENGE_WINDOW_SECS - 1)
    await senv.fails(program.initialize(wallet, wallet, short), error=E.InvalidDuration)
    over = replace(base, max_rolling_bps=10_001)
    await senv.fails(program.initialize(wallet, wallet, over), error=E.InvalidBps)
    await senv.send(program.initialize(
        wallet, wallet, replace(base, challenge_window_secs=MIN_CHALLENGE_WINDOW_SECS)),
        label="initialize")
