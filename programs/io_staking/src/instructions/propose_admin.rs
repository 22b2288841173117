//! `propose_admin`: first step of an admin rotation. The admin names its successor, who
//! must accept (so a typo cannot lock the program); proposing the default key cancels.

use framework::error::ProgramResult;

use crate::interface::{AdminProposed, ProposeAdminAccounts, ProposeAdminArgs};

#[inline(always)]
pub fn process(accounts: &mut ProposeAdminAccounts, args: ProposeAdminArgs) -> ProgramResult {
    let ProposeAdminAccounts { config: state, admin, .. } = accounts;

    *state.pending_admin_mut() = args.new_admin;
    AdminProposed { admin: *admin.key(), pending_admin: args.new_admin }.emit();
    Ok(())
}
