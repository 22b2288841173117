//! `accept_admin`: second step of an admin rotation, signed by the proposed admin (the
//! declared `has_one = pending_admin`; the default key, "nobody proposed", signs nothing).

use framework::error::ProgramResult;
use framework::pubkey::Pubkey;

use crate::interface::{AcceptAdminAccounts, AcceptAdminArgs, AdminAccepted};

#[inline(always)]
pub fn process(accounts: &mut AcceptAdminAccounts, _args: AcceptAdminArgs) -> ProgramResult {
    let AcceptAdminAccounts { config, pending_admin, .. } = accounts;
    let previous_admin = *config.admin();
    *config.admin_mut() = *pending_admin.key();
    *config.pending_admin_mut() = Pubkey::default();
    AdminAccepted { previous_admin, admin: *pending_admin.key() }.emit();
    Ok(())
}
