//! `initialize`: creates the config. Only the program's upgrade authority may call it,
//! and only once.

use framework::cpi::{Seed, Signer};
use framework::error::{anchor, ProgramResult};
use framework::loader::check_upgrade_authority;
use framework::pubkey::{find_program_address, keys_eq, Pubkey};
use framework::state::{self, AccountState};
use framework::system::CreateAccount;

use crate::interface::{
    ConfigInitialized, ConfigParams, ErrorCode, InitializeAccounts, InitializeArgs, StakingConfig,
    ACCOUNT_VERSION, BPS_DENOMINATOR, CONFIG_SEED,
};

pub fn process(program_id: &Pubkey, accounts: InitializeAccounts, args: InitializeArgs) -> ProgramResult {
    let InitializeAccounts { config, authority, program_data, system_program, .. } = accounts;
    let params = args.params;

    // Only the deployer may initialize (no front-running of a fresh deployment).
    check_upgrade_authority(program_id, program_data, authority, ErrorCode::NotUpgradeAuthority.into())?;

    // The config is the canonical PDA ["config"], created once.
    let (address, bump) = find_program_address(&[CONFIG_SEED], program_id)?;
    if !keys_eq(config.key(), &address) {
        return Err(anchor::CONSTRAINT_SEEDS);
    }
    if config.is_owned_by(program_id) {
        return Err(anchor::ACCOUNT_DISCRIMINATOR_ALREADY_SET);
    }
    check_params(&params)?;

    let bump_seed = [bump];
    let seeds = [Seed::from(CONFIG_SEED), Seed::from(&bump_seed)];
    let create = CreateAccount {
        system_program,
        payer: authority,
        account: config,
        space: StakingConfig::LEN,
        owner: program_id,
    };
    create.invoke_signed(&[Signer::from(&seeds[..])])?;
    let mut state = state::init::<StakingConfig>(config, program_id)?;
    state.set_version(ACCOUNT_VERSION);
    state.set_bump(bump);
    apply_params(&mut state, &params);

    ConfigInitialized {
        config: *config.key(),
        admin: *params.admin(),
        min_stake_per_gpu: params.min_stake_per_gpu(),
    }
    .emit();
    Ok(())
}

/// Validates settings shared by `initialize` and `update_config`.
pub fn check_params(params: &ConfigParams) -> ProgramResult {
    if params.unstake_cooldown_secs() < 0 || params.costaker_exit_wait_secs() < 0 {
        return Err(ErrorCode::InvalidDuration.into());
    }
    if params.max_costake_bps() as u64 > BPS_DENOMINATOR {
        return Err(ErrorCode::InvalidBps.into());
    }
    Ok(())
}

pub fn apply_params(config: &mut StakingConfig, params: &ConfigParams) {
    config.admin_mut().copy_from_slice(params.admin());
    config.reward_authority_mut().copy_from_slice(params.reward_authority());
    config.pause_authority_mut().copy_from_slice(params.pause_authority());
    config.slasher_mut().copy_from_slice(params.slasher());
    config.set_min_stake_per_gpu(params.min_stake_per_gpu());
    config.set_unstake_cooldown_secs(params.unstake_cooldown_secs());
    config.set_costaker_exit_wait_secs(params.costaker_exit_wait_secs());
    config.set_max_costake_bps(params.max_costake_bps());
}
