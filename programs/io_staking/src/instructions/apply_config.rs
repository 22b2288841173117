//! `apply_config`: once its activation time has passed, the change `update_config`
//! proposed becomes the settings. Anyone may call it: the delay, not the caller, is what
//! protects the stakers.

use framework::error::ProgramResult;
use framework::pubkey::Pubkey;
use framework::state;

use super::initialize::apply_params;
use crate::checks::now;
use crate::interface::{ApplyConfigAccounts, ConfigUpdated, ErrorCode, StakingConfig};

pub fn process(program_id: &Pubkey, accounts: &ApplyConfigAccounts) -> ProgramResult {
    let ApplyConfigAccounts { config, .. } = accounts;
    let mut state = state::load_mut::<StakingConfig>(config, program_id)?;

    if !state.has_pending_params() {
        return Err(ErrorCode::NoPendingConfig.into());
    }
    if now()? < state.pending_activates_at() {
        return Err(ErrorCode::ConfigChangeNotReady.into());
    }

    let params = *state.pending_params();
    apply_params(&mut state, &params);
    state.set_has_pending_params(false);
    ConfigUpdated { config: *config.key(), admin: *state.admin(), params }.emit();
    Ok(())
}
