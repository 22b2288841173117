//! The program's settings (`ConfigParams`): their bounds and how they are stored, shared by
//! `initialize` and `update_config`.

use framework::account::AccountInfo;
use framework::error::ProgramResult;

use crate::interface::{ConfigParams, StakingConfig};

/// Validates settings: every one is bounded (`rules::check_params`).
pub fn check_params(params: &ConfigParams) -> ProgramResult {
    crate::rules::check_params(params)?;
    Ok(())
}

/// The treasury the settings name is the account passed (whose mint the interface checked).
pub fn check_treasury(params: &ConfigParams, treasury: &AccountInfo) -> ProgramResult {
    framework::check::address(treasury, params.treasury(), &"treasury")
}

/// Stores the settings in the config. Out of line: its three callers (`initialize`,
/// `update_config`, `apply_config`) are cold, and inlined into each it cost ~800 bytes.
#[inline(never)]
pub fn apply_params(config: &mut StakingConfig, params: &ConfigParams) {
    *config.reward_authority_mut() = *params.reward_authority();
    *config.pause_authority_mut() = *params.pause_authority();
    *config.slasher_mut() = *params.slasher();
    *config.treasury_mut() = *params.treasury();
    config.set_min_stake_per_gpu(params.min_stake_per_gpu());
    config.set_unstake_cooldown_secs(params.unstake_cooldown_secs());
    config.set_costaker_exit_wait_secs(params.costaker_exit_wait_secs());
    config.set_max_costake_bps(params.max_costake_bps());
    config.set_slash_burn(params.slash_burn());
}
