//! `raise_pending_slash`: one more slash proposal against the node is pending. While any
//! is, `withdraw` refuses every position of the node (cooldowns keep running). Only the
//! slasher PDA may sign, so only the slashing program, when a proposal is made. A closed
//! node (a tombstone) takes none. A count left by an earlier slasher is dropped: it
//! freezes nothing (`checks::pending_slashes`).

use framework::error::ProgramResult;

use crate::checks::pending_slashes;
use crate::interface::{
    ErrorCode, PendingSlashesChanged, RaisePendingSlashAccounts, RaisePendingSlashArgs,
};

#[inline(always)]
pub fn process(
    accounts: &mut RaisePendingSlashAccounts,
    _args: RaisePendingSlashArgs,
) -> ProgramResult {
    let RaisePendingSlashAccounts { config, node, .. } = accounts;
    // A tombstone's next owner must not inherit a proposal made before it reopened the id.
    if node.closed() {
        return Err(ErrorCode::NodeClosed.into());
    }
    let pending = pending_slashes(config, node).checked_add(1).ok_or(ErrorCode::MathOverflow)?;
    node.set_pending_slash_generation(config.slasher_generation());
    node.set_pending_slashes(pending);
    PendingSlashesChanged { node: *node.key(), pending_slashes: pending }.emit();
    Ok(())
}
