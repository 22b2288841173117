//! `update_config`: the admin replaces the settings. The admin itself changes only through
//! `propose_admin` / `accept_admin`; the mint and vaults never change.

use framework::error::ProgramResult;
use framework::pubkey::{keys_eq, Pubkey};
use framework::state;

use super::initialize::{apply_params, check_params, check_treasury};
use crate::interface::{ConfigUpdated, ErrorCode, StakingConfig, UpdateConfigAccounts, UpdateConfigArgs};

pub fn process(program_id: &Pubkey, accounts: &UpdateConfigAccounts, args: UpdateConfigArgs) -> ProgramResult {
    let UpdateConfigAccounts { config, admin, treasury, .. } = accounts;
    let params = args.params;
    let mut state = state::load_mut::<StakingConfig>(config, program_id)?;

    // Validates the admin's signature.
    if !keys_eq(state.admin(), admin.key()) {
        return Err(ErrorCode::NotAdmin.into());
    }
    check_params(&params)?;
    check_treasury(treasury, state.stake_mint(), state.token_program(), params.treasury())?;

    apply_params(&mut state, &params);
    ConfigUpdated { config: *config.key(), admin: *admin.key(), params }.emit();
    Ok(())
}
