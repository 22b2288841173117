//! `propose_admin`: first step of an admin rotation. The admin names its successor, who
//! must accept (so a typo cannot lock the program); proposing the default key cancels.

use framework::error::ProgramResult;
use framework::pubkey::{keys_eq, Pubkey};
use framework::state;

use crate::interface::{AdminProposed, ErrorCode, ProposeAdminAccounts, ProposeAdminArgs, StakingConfig};

pub fn process(program_id: &Pubkey, accounts: &ProposeAdminAccounts, args: ProposeAdminArgs) -> ProgramResult {
    let ProposeAdminAccounts { config, admin, .. } = accounts;
    let mut state = state::load_mut::<StakingConfig>(config, program_id)?;

    // Validates the admin's signature.
    if !keys_eq(state.admin(), admin.key()) {
        return Err(ErrorCode::NotAdmin.into());
    }

    *state.pending_admin_mut() = args.new_admin;
    AdminProposed { admin: *admin.key(), pending_admin: args.new_admin }.emit();
    Ok(())
}
