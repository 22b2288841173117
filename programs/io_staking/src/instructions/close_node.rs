//! `close_node`: the owner closes a node without positions (so both pools are without
//! shares) or unpaid owner rewards; the rent goes back to the owner (the declared
//! `close = owner`). A jailed node cannot be closed, so a jail cannot be escaped by
//! registering again.

use framework::error::ProgramResult;

use crate::checks::jailed_now;
use crate::interface::{CloseNodeAccounts, CloseNodeArgs, ErrorCode, NodeClosed};

#[inline(always)]
pub fn process(accounts: &mut CloseNodeAccounts, _args: CloseNodeArgs) -> ProgramResult {
    let CloseNodeAccounts { node, owner, .. } = accounts;
    if node.position_count() != 0 || node.owner_rewards() != 0 {
        return Err(ErrorCode::NodeNotEmpty.into());
    }
    if jailed_now(node)? {
        return Err(ErrorCode::NodeJailed.into());
    }
    NodeClosed { node: *node.key(), owner: *owner.key() }.emit();
    Ok(())
}
