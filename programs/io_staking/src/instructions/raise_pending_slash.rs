//! `raise_pending_slash`: one more slash proposal against the node is pending. While any
//! is, `withdraw` refuses every position of the node (cooldowns keep running). Only the
//! slasher PDA may sign, so only the slashing program, when a proposal is made. A closed
//! node (a tombstone) takes none.

use framework::error::ProgramResult;

use crate::interface::{
    ErrorCode, PendingSlashesChanged, RaisePendingSlashAccounts, RaisePendingSlashArgs,
};

#[inline(always)]
pub fn process(
    accounts: &mut RaisePendingSlashAccounts,
    _args: RaisePendingSlashArgs,
) -> ProgramResult {
    let RaisePendingSlashAccounts { node, .. } = accounts;
    // A tombstone's next owner must not inherit a proposal made before it reopened the id.
    if node.closed() {
        return Err(ErrorCode::NodeClosed.into());
    }
    let pending = node.pending_slashes().checked_add(1).ok_or(ErrorCode::MathOverflow)?;
    node.set_pending_slashes(pending);
    PendingSlashesChanged { node: *node.key(), pending_slashes: pending }.emit();
    Ok(())
}
