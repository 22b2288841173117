//! `close_node`: the owner closes a node without positions (so both pools are without
//! shares) or unpaid owner rewards; the rent goes back to the owner. A jailed node cannot
//! be closed, so a jail cannot be escaped by registering again.

use framework::error::ProgramResult;
use framework::pubkey::{keys_eq, Pubkey};
use framework::state;

use crate::checks::jailed_now;
use crate::interface::{CloseNodeAccounts, ErrorCode, Node, NodeClosed};

pub fn process(program_id: &Pubkey, accounts: &CloseNodeAccounts) -> ProgramResult {
    let CloseNodeAccounts { node: node_info, owner, .. } = accounts;
    {
        let node = state::load::<Node>(node_info, program_id)?;

        // Validates the owner's signature.
        if !keys_eq(node.owner(), owner.key()) {
            return Err(ErrorCode::NotNodeOwner.into());
        }
        if node.position_count() != 0 || node.owner_rewards() != 0 {
            return Err(ErrorCode::NodeNotEmpty.into());
        }
        if jailed_now(&node)? {
            return Err(ErrorCode::NodeJailed.into());
        }
    }
    node_info.close_to(owner)?;

    NodeClosed { node: *node_info.key(), owner: *owner.key() }.emit();
    Ok(())
}
