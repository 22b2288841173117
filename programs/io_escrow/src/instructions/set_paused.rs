//! `set_paused`: the admin pauses or resumes opening, topping up and settling. Closing and
//! the two refunds keep working, so a customer can always get unspent funds back.

use framework::error::ProgramResult;

use crate::interface::{PausedSet, SetPausedAccounts, SetPausedArgs};

#[inline(always)]
pub fn process(accounts: &mut SetPausedAccounts, args: SetPausedArgs) -> ProgramResult {
    let SetPausedAccounts { config, admin, .. } = accounts;
    config.set_paused(args.paused);
    PausedSet { admin: *admin.key(), paused: args.paused }.emit();
    Ok(())
}
