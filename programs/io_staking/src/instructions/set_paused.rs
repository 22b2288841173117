//! `set_paused`: the pause authority (or the admin) pauses or resumes the program. A paused
//! program refuses stake, co-stake, cancelled exits and reward claims; exits and
//! withdrawals keep working, and so do slashing and the reward authority.

use framework::error::ProgramResult;
use framework::pubkey::keys_eq;

use crate::interface::{ErrorCode, PausedSet, SetPausedAccounts, SetPausedArgs};

#[inline(always)]
pub fn process(accounts: &mut SetPausedAccounts, args: SetPausedArgs) -> ProgramResult {
    let SetPausedAccounts { config: state, authority, .. } = accounts;

    // Validates the pause authority's (or the admin's) signature.
    if !keys_eq(state.pause_authority(), authority.key()) && !keys_eq(state.admin(), authority.key()) {
        return Err(ErrorCode::NotPauseAuthority.into());
    }

    state.set_paused(args.paused);
    PausedSet { authority: *authority.key(), paused: args.paused }.emit();
    Ok(())
}
