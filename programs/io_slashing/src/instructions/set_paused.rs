//! `set_paused`: the admin pauses or resumes new proposals and executions. Disputes,
//! appeals and cancellations keep working while paused, so that nothing is locked in.

use framework::error::ProgramResult;

use crate::interface::{PausedSet, SetPausedAccounts, SetPausedArgs};

pub fn process(accounts: &mut SetPausedAccounts, args: SetPausedArgs) -> ProgramResult {
    let SetPausedAccounts { config, admin, .. } = accounts;

    config.set_paused(args.paused);
    PausedSet { admin: *admin.key(), paused: args.paused }.emit();
    Ok(())
}
