//! `update_config`: the admin changes the settings. The admin itself changes only through
//! `propose_admin` / `accept_admin`; the mint and vaults never change.
//!
//! Every setting is bounded (`rules::check_params`). A change that takes nothing from
//! stakers (`rules::applies_at_once`: a new pause authority, burning turned on) applies at
//! once and drops any proposed change, so sending the current settings cancels a
//! proposal. Any other (a new slasher, treasury or reward authority, another cooldown,
//! exit wait, cap or minimum stake, burning turned off) is only proposed: it replaces any
//! earlier proposal and applies through `apply_config` once `rules::change_delay` has
//! passed, longer than any staker's way out.

use framework::error::ProgramResult;
use framework::pubkey::{keys_eq, Pubkey};
use framework::state;

use super::initialize::{apply_params, check_params, check_treasury};
use crate::checks::{later, now};
use crate::interface::{
    ConfigChangeProposed, ConfigUpdated, ErrorCode, StakingConfig, UpdateConfigAccounts, UpdateConfigArgs,
};
use crate::rules;

pub fn process(program_id: &Pubkey, accounts: &UpdateConfigAccounts, args: UpdateConfigArgs) -> ProgramResult {
    let UpdateConfigAccounts { config, admin, treasury, .. } = accounts;
    let params = args.params;
    let mut state = state::load_mut::<StakingConfig>(config, program_id)?;

    // Validates the admin's signature.
    if !keys_eq(state.admin(), admin.key()) {
        return Err(ErrorCode::NotAdmin.into());
    }
    check_params(&params)?;
    check_treasury(treasury, state.stake_mint(), state.token_program(), params.treasury())?;

    if rules::applies_at_once(&state, &params) {
        apply_params(&mut state, &params);
        state.set_has_pending_params(false);
        ConfigUpdated { config: *config.key(), admin: *admin.key(), params }.emit();
        return Ok(());
    }
    let delay = rules::change_delay(state.unstake_cooldown_secs(), state.costaker_exit_wait_secs())?;
    let activates_at = later(now()?, delay)?;
    *state.pending_params_mut() = params;
    state.set_pending_activates_at(activates_at);
    state.set_has_pending_params(true);
    ConfigChangeProposed { config: *config.key(), admin: *admin.key(), params, activates_at }.emit();
    Ok(())
}
