//! `apply_config`: once its activation time has passed, the change `update_config`
//! proposed becomes the settings. Anyone may call it: the delay, not the caller, is what
//! protects the stakers.

use framework::error::ProgramResult;
use framework::pubkey::keys_eq;

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
    if !keys_eq(config.slasher(), params.slasher()) {
        // Releases what the outgoing slasher froze (`checks::pending_slashes`): it can no
        // longer lower its counts. Changes are days apart, so this never wraps in practice.
        let generation = config.slasher_generation().wrapping_add(1);
        config.set_slasher_generation(generation);
    }
    apply_params(config, &params);
    config.set_has_pending_params(false);
    ConfigUpdated { config: *config.key(), admin: *config.admin(), params }.emit();
    Ok(())
}
