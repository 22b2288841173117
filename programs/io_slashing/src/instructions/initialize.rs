//! `initialize`: creates the config. Only the program's upgrade authority may call it,
//! and only once (both declared: the ProgramData constraint, and `init`).

use framework::error::ProgramResult;

use crate::interface::{ConfigInitialized, InitializeAccounts, InitializeArgs};

pub fn process(accounts: &mut InitializeAccounts, args: InitializeArgs) -> ProgramResult {
    let InitializeAccounts { config, .. } = accounts;
    *config.admin_mut() = args.admin;

    ConfigInitialized { config: *config.key(), admin: args.admin }.emit();
    Ok(())
}
