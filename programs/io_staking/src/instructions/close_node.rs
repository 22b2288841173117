//! `close_node`: the owner retires a node without positions (so both pools are without
//! shares) or unpaid owner rewards. The account stays as a tombstone that keeps what the
//! node was paid (`rewards_claimed`), so that its id can never be paid again by a
//! re-registration; `reopen_node` gives it to a new owner. A jailed node cannot be closed,
//! so a jail cannot be escaped this way, nor one with a slash proposal pending, which would
//! otherwise slash the stake of the id's next owner.

use framework::error::ProgramResult;

use crate::checks::jailed_now;
use crate::interface::{CloseNodeAccounts, CloseNodeArgs, ErrorCode, NodeClosed};

#[inline(always)]
pub fn process(accounts: &mut CloseNodeAccounts, _args: CloseNodeArgs) -> ProgramResult {
    let CloseNodeAccounts { node, owner, .. } = accounts;
    if node.closed() {
        return Err(ErrorCode::NodeClosed.into());
    }
    if node.position_count() != 0 || node.owner_rewards() != 0 {
        return Err(ErrorCode::NodeNotEmpty.into());
    }
    if jailed_now(node)? {
        return Err(ErrorCode::NodeJailed.into());
    }
    // A pending proposal would execute against whoever reopens the id. Even one raised
    // under a replaced slasher: that slasher may be set again and execute it.
    if node.pending_slashes() != 0 {
        return Err(ErrorCode::SlashPending.into());
    }
    node.set_closed(true);

    NodeClosed { node: *node.key(), owner: *owner.key() }.emit();
    Ok(())
}
