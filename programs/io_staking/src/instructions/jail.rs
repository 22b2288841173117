//! `jail`: keeps a node from taking stake and earning rewards until `until`. A jail is
//! never shortened here (`unjail` lifts it). Only the slasher PDA may sign.

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

    // A new jail starts now; an extension keeps its start (what forfeits depends on it).
    if !is_jailed(node, now) {
        node.set_jailed_at(now);
    }

    let until = if node.jailed_until() > args.until { node.jailed_until() } else { args.until };
    node.set_jailed_until(until);
    NodeJailed { node: *node.key(), until }.emit();
    Ok(())
}
