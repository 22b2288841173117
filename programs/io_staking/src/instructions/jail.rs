//! `jail`: keeps a node from taking stake and earning rewards until `until`. A jail is
//! never shortened here (`unjail` lifts it), and a new one never moves the start of an
//! earlier one whose forfeit is still due. Only the slasher PDA may sign.

use framework::error::ProgramResult;

use crate::checks::{is_jailed, now};
use crate::interface::{ErrorCode, JailAccounts, JailArgs, NodeJailed};

#[inline(always)]
pub fn process(accounts: &mut JailAccounts, args: JailArgs) -> ProgramResult {
    let JailAccounts { node, .. } = accounts;
    let now = now()?;
    if args.until <= now {
        return Err(ErrorCode::InvalidJailTime.into());
    }

    // A new jail starts now; an extension keeps its start (what forfeits depends on it),
    // and so does a jail that follows one whose forfeit the node has not yet paid (no claim
    // since it started): moving the start past the roots of that jail would pay them.
    let unpaid = node.jailed_at() != 0 && node.last_claim_posted_at() < node.jailed_at();
    if !is_jailed(node, now) && !unpaid {
        node.set_jailed_at(now);
    }

    let until = if node.jailed_until() > args.until { node.jailed_until() } else { args.until };
    node.set_jailed_until(until);
    NodeJailed { node: *node.key(), until }.emit();
    Ok(())
}
