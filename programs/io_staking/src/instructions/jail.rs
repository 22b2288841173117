//! `jail`: keeps a node from taking stake and earning rewards until `until`. A jail is
//! never shortened here (`unjail` lifts it). Only the slasher PDA may sign. The jail's
//! start is stored: rewards of roots posted from then on are forfeited.

use framework::error::ProgramResult;
use framework::pubkey::{keys_eq, Pubkey};
use framework::state;

use crate::checks::{is_jailed, now};
use crate::interface::{ErrorCode, JailAccounts, JailArgs, Node, NodeJailed, StakingConfig};

pub fn process(program_id: &Pubkey, accounts: &JailAccounts, args: JailArgs) -> ProgramResult {
    let JailAccounts { config, node: node_info, slasher, .. } = accounts;
    let config = state::load::<StakingConfig>(config, program_id)?;

    // Validates the slasher's signature.
    if !keys_eq(config.slasher(), slasher.key()) {
        return Err(ErrorCode::NotSlasher.into());
    }
    let now = now()?;
    if args.until <= now {
        return Err(ErrorCode::InvalidJailTime.into());
    }
    let mut node = state::load_mut::<Node>(node_info, program_id)?;

    // A new jail starts now; an extension keeps its start (what forfeits depends on it).
    if !is_jailed(&node, now) {
        node.set_jailed_at(now);
    }

    let until = if node.jailed_until() > args.until { node.jailed_until() } else { args.until };
    node.set_jailed_until(until);
    NodeJailed { node: *node_info.key(), until }.emit();
    Ok(())
}
