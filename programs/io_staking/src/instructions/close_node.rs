//! `close_node`: the owner closes a node without positions (so both pools are without
//! shares) or unpaid owner rewards. A jailed node cannot be closed, so a jail cannot be
//! escaped by registering again.
//!
//! The account is not deleted: it stays as a tombstone (the rent with it), marked closed,
//! with the rewards claimed for its address. A reward root's cumulative amount for an
//! address never goes down, so a node registered afresh at the same address would be paid
//! its predecessor's history again; `reopen_node` instead continues from what was claimed.

use framework::error::ProgramResult;
use framework::pubkey::{keys_eq, Pubkey};
use framework::state;

use crate::checks::jailed_now;
use crate::interface::{CloseNodeAccounts, ErrorCode, Node, NodeClosed};

pub fn process(program_id: &Pubkey, accounts: &CloseNodeAccounts) -> ProgramResult {
    let CloseNodeAccounts { node: node_info, owner, .. } = accounts;
    {
        let mut node = state::load_mut::<Node>(node_info, program_id)?;

        // Validates the owner's signature.
        if !keys_eq(node.owner(), owner.key()) {
            return Err(ErrorCode::NotNodeOwner.into());
        }
        if node.closed() {
            return Err(ErrorCode::NodeClosed.into());
        }
        if node.position_count() != 0 || node.owner_rewards() != 0 {
            return Err(ErrorCode::NodeNotEmpty.into());
        }
        if jailed_now(&node)? {
            return Err(ErrorCode::NodeJailed.into());
        }
        node.set_closed(true);
    }

    NodeClosed { node: *node_info.key(), owner: *owner.key() }.emit();
    Ok(())
}
