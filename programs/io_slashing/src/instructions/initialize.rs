//! `initialize`: creates the config. Only the program's upgrade authority may call it,
//! and only once (both declared: the ProgramData constraint, and `init`). The staking
//! program is fixed here for good, and the ["slasher"] PDA that signs the CPIs into it is
//! derived once and stored with its bump.

use framework::error::ProgramResult;
use framework::pubkey::find_program_address;

use crate::interface::{ConfigInitialized, InitializeAccounts, InitializeArgs, SLASHER_SEED};
use crate::rules;

pub fn process(accounts: &mut InitializeAccounts, args: InitializeArgs) -> ProgramResult {
    let InitializeAccounts { program_id, config, .. } = accounts;
    rules::validate(&args.params)?;
    let (slasher, slasher_bump) = find_program_address(&[SLASHER_SEED], program_id)?;

    *config.admin_mut() = args.admin;
    *config.staking_program_mut() = args.staking_program;
    *config.slasher_mut() = slasher;
    config.set_slasher_bump(slasher_bump);
    *config.params_mut() = args.params;

    ConfigInitialized {
        config: *config.key(),
        admin: args.admin,
        staking_program: args.staking_program,
        slasher,
        params: args.params,
    }
    .emit();
    Ok(())
}
