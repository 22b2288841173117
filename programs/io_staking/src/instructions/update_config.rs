//! `update_config`: the admin changes the settings. A change that takes nothing from
//! stakers (`rules::applies_at_once`) applies at once; any other is proposed, and applies
//! through `apply_config` once the delay (`rules::change_delay`, longer than any staker's
//! way out) has passed. The admin itself changes only through `propose_admin` /
//! `accept_admin`; the mint and vaults never change.

use framework::error::ProgramResult;

use crate::checks::{later, now};
use crate::interface::{ConfigChangeProposed, ConfigUpdated, UpdateConfigAccounts, UpdateConfigArgs};
use crate::rules;
use crate::settings::{apply_params, check_params, check_treasury};

#[inline(always)]
pub fn process(accounts: &mut UpdateConfigAccounts, args: UpdateConfigArgs) -> ProgramResult {
    let UpdateConfigAccounts { config, admin, treasury, .. } = accounts;
    let params = args.params;
    check_params(&params)?;
    check_treasury(&params, treasury)?;

    if rules::applies_at_once(config, &params) {
        apply_params(config, &params);
        config.set_has_pending_params(false);
        ConfigUpdated { config: *config.key(), admin: *admin.key(), params }.emit();
        return Ok(());
    }
    let delay = rules::change_delay(config.unstake_cooldown_secs(), config.costaker_exit_wait_secs())?;
    let activates_at = later(now()?, delay)?;
    *config.pending_params_mut() = params;
    config.set_pending_activates_at(activates_at);
    config.set_has_pending_params(true);
    ConfigChangeProposed { config: *config.key(), admin: *admin.key(), params, activates_at }.emit();
    Ok(())
}
