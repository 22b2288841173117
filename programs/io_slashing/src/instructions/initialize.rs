//! `initialize`: creates the config. Only the program's upgrade authority may call it,
//! and only once.

use framework::error::ProgramResult;
use framework::pubkey::Pubkey;
use framework::singleton::CreateSingleton;

use crate::interface::{
    ConfigInitialized, ErrorCode, InitializeAccounts, InitializeArgs, SlashingConfig, ACCOUNT_VERSION,
    CONFIG_SEED,
};

pub fn process(program_id: &Pubkey, accounts: &InitializeAccounts, args: InitializeArgs) -> ProgramResult {
    let InitializeAccounts { config, authority, program_data, system_program, .. } = accounts;
    let singleton = CreateSingleton {
        program_id,
        account: config,
        authority,
        program_data,
        system_program,
        seed: CONFIG_SEED,
        not_authority: ErrorCode::NotUpgradeAuthority.into(),
    };
    let (mut state, bump) = singleton.create::<SlashingConfig>()?;
    state.set_version(ACCOUNT_VERSION);
    state.set_bump(bump);
    state.admin_mut().copy_from_slice(&args.admin);

    ConfigInitialized { config: *config.key(), admin: args.admin }.emit();
    Ok(())
}
