//! `accept_admin`: second step of an admin rotation, signed by the proposed admin.

use framework::error::ProgramResult;
use framework::pubkey::Pubkey;

use crate::interface::{AcceptAdminAccounts, AcceptAdminArgs, AdminAccepted};

/// Nobody is proposed when `pending_admin` holds the default key, whose private key
/// nobody has, so the declared `has_one = pending_admin` refuses everyone then.
#[inline(always)]
pub fn process(accounts: &mut AcceptAdminAccounts, _args: AcceptAdminArgs) -> ProgramResult {
    let AcceptAdminAccounts { config: state, pending_admin, .. } = accounts;

    let previous_admin = *state.admin();
    *state.admin_mut() = *pending_admin.key();
    *state.pending_admin_mut() = Pubkey::default();
    AdminAccepted { previous_admin, admin: *pending_admin.key() }.emit();
    Ok(())
}
