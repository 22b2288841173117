//! `update_config`: the admin replaces the settings, within their bounds. Proposals already
//! made keep their challenge window (stored in each); the staking program and the slasher
//! cannot change.

use framework::error::ProgramResult;

use crate::interface::{ConfigUpdated, UpdateConfigAccounts, UpdateConfigArgs};
use crate::rules;

pub fn process(accounts: &mut UpdateConfigAccounts, args: UpdateConfigArgs) -> ProgramResult {
    let UpdateConfigAccounts { config, admin, .. } = accounts;
    rules::validate(&args.params)?;

    *config.params_mut() = args.params;
    ConfigUpdated { config: *config.key(), admin: *admin.key(), params: args.params }.emit();
    Ok(())
}
