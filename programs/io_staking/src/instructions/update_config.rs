//! `update_config`: the admin replaces the settings. The admin itself changes only through
//! `propose_admin` / `accept_admin`; the mint and vaults never change.

use framework::error::ProgramResult;

use crate::interface::{ConfigUpdated, UpdateConfigAccounts, UpdateConfigArgs};
use crate::settings::{apply_params, check_params, check_treasury};

#[inline(always)]
pub fn process(accounts: &mut UpdateConfigAccounts, args: UpdateConfigArgs) -> ProgramResult {
    let UpdateConfigAccounts { config, admin, treasury, .. } = accounts;
    let params = args.params;
    check_params(&params)?;
    check_treasury(&params, treasury)?;

    apply_params(config, &params);
    ConfigUpdated { config: *config.key(), admin: *admin.key(), params }.emit();
    Ok(())
}
