//! `apply_config`: once its activation time has passed, the change `update_config`
//! proposed becomes the settings. Anyone may call it: the delay, not the caller, is what
//! protects the stakers.

use framework::error::ProgramResult;

use crate::checks::now;
use crate::interface::{ApplyConfigAccounts, ApplyConfigArgs, ConfigUpdated, ErrorCode};
use crate::settings::apply_params;

#[inline(always)]
pub fn process(accounts: &mut ApplyConfigAccounts, _args: ApplyConfigArgs) -> ProgramResult {
    let ApplyConfigAccounts { config, .. } = accounts;
    if !config.has_pending_params() {
        return Err(ErrorCode::NoPendingConfig.into());
    }
    if now()? < config.pending_activates_at() {
        return Err(ErrorCode::ConfigChangeNotReady.into());
    }

    let params = *config.pending_params();
    apply_params(config, &params);
    config.set_has_pending_params(false);
    ConfigUpdated { config: *config.key(), admin: *config.admin(), params }.emit();
    Ok(())
}
