//! `unjail`: lifts a node's jail (after an appeal). Only the slasher PDA may sign.

use framework::error::ProgramResult;
use framework::pubkey::{keys_eq, Pubkey};
use framework::state;

use crate::interface::{ErrorCode, Node, NodeUnjailed, StakingConfig, UnjailAccounts};

pub fn process(program_id: &Pubkey, accounts: &UnjailAccounts) -> ProgramResult {
    let UnjailAccounts { config, node: node_info, slasher, .. } = accounts;
    let config = state::load::<StakingConfig>(config, program_id)?;

    // Validates the slasher's signature.
    if !keys_eq(config.slasher(), slasher.key()) {
        return Err(ErrorCode::NotSlasher.into());
    }
    let mut node = state::load_mut::<Node>(node_info, program_id)?;

    // An upheld appeal: the jail forfeits nothing.
    node.set_jailed_until(0);
    node.set_jailed_at(0);
    NodeUnjailed { node: *node_info.key() }.emit();
    Ok(())
}
