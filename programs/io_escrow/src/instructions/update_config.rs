//! `update_config`: the admin replaces the coordinator (at once: the old key can no
//! longer settle), the treasury and the refund grace of escrows opened from now on.

use framework::error::ProgramResult;

use crate::books::check_refund_grace;
use crate::interface::{ConfigUpdated, UpdateConfigAccounts, UpdateConfigArgs};

#[inline(always)]
pub fn process(accounts: &mut UpdateConfigAccounts, args: UpdateConfigArgs) -> ProgramResult {
    let UpdateConfigAccounts { config, admin, .. } = accounts;
    let params = args.params;
    check_refund_grace(params.refund_grace_secs())?;

    *config.coordinator_mut() = *params.coordinator();
    *config.treasury_mut() = *params.treasury();
    config.set_refund_grace_secs(params.refund_grace_secs());
    ConfigUpdated { admin: *admin.key(), params }.emit();
    Ok(())
}
