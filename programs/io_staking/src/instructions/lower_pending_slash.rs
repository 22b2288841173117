//! `lower_pending_slash`: a pending slash proposal against the node was executed,
//! cancelled or rejected; withdrawals resume when none is left. Only the slasher PDA may
//! sign, and only what it raised (`checks::pending_slashes`) can it lower.

use framework::error::ProgramResult;

use crate::checks::pending_slashes;
use crate::interface::{
    ErrorCode, LowerPendingSlashAccounts, LowerPendingSlashArgs, PendingSlashesChanged,
};

#[inline(always)]
pub fn process(
    accounts: &mut LowerPendingSlashAccounts,
    _args: LowerPendingSlashArgs,
) -> ProgramResult {
    let LowerPendingSlashAccounts { config, node, .. } = accounts;
    let pending = pending_slashes(config, node).checked_sub(1).ok_or(ErrorCode::NoPendingSlash)?;
    node.set_pending_slashes(pending);
    PendingSlashesChanged { node: *node.key(), pending_slashes: pending }.emit();
    Ok(())
}
