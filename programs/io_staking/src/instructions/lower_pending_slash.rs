//! `lower_pending_slash`: a pending slash proposal against the node was executed,
//! cancelled or rejected; withdrawals resume when none is left. Only the slasher PDA may
//! sign.

use framework::error::ProgramResult;

use crate::interface::{
    ErrorCode, LowerPendingSlashAccounts, LowerPendingSlashArgs, PendingSlashesChanged,
};

#[inline(always)]
pub fn process(
    accounts: &mut LowerPendingSlashAccounts,
    _args: LowerPendingSlashArgs,
) -> ProgramResult {
    let LowerPendingSlashAccounts { node, .. } = accounts;
    let pending = node.pending_slashes().checked_sub(1).ok_or(ErrorCode::NoPendingSlash)?;
    node.set_pending_slashes(pending);
    PendingSlashesChanged { node: *node.key(), pending_slashes: pending }.emit();
    Ok(())
}
