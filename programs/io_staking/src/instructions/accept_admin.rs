//! `accept_admin`: second step of an admin rotation, signed by the proposed admin.

use framework::error::ProgramResult;
use framework::pubkey::{keys_eq, Pubkey};
use framework::state;

use crate::interface::{AcceptAdminAccounts, AdminAccepted, ErrorCode, StakingConfig};

pub fn process(program_id: &Pubkey, accounts: &AcceptAdminAccounts) -> ProgramResult {
    let AcceptAdminAccounts { config, pending_admin, .. } = accounts;
    let mut state = state::load_mut::<StakingConfig>(config, program_id)?;

    // Validates the proposed admin's signature. Nobody is proposed when the field holds
    // the default key, whose private key nobody has.
    if !keys_eq(state.pending_admin(), pending_admin.key()) {
        return Err(ErrorCode::NotPendingAdmin.into());
    }

    let previous_admin = *state.admin();
    *state.admin_mut() = *pending_admin.key();
    *state.pending_admin_mut() = Pubkey::default();
    AdminAccepted { previous_admin, admin: *pending_admin.key() }.emit();
    Ok(())
}
