//! `close_position`: closes a position without shares or unpaid rewards (for the owner's
//! position, without unpaid owner rewards either); the rent goes back to the staker (the
//! declared `close = staker`).

use framework::error::ProgramResult;

use crate::interface::{ClosePositionAccounts, ClosePositionArgs, ErrorCode, PositionClosed};
use crate::position;

#[inline(always)]
pub fn process(accounts: &mut ClosePositionAccounts, _args: ClosePositionArgs) -> ProgramResult {
    let ClosePositionAccounts { node, position, staker, .. } = accounts;

    // Note: leaving shares are part of the active shares, and without earning shares
    // nothing is left to settle.
    if position.active_shares() != 0 || position.unbonding_shares() != 0 || position.rewards_pending() != 0 {
        return Err(ErrorCode::PositionNotEmpty.into());
    }
    if position::is_owner(node, position) && node.owner_rewards() != 0 {
        return Err(ErrorCode::PositionNotEmpty.into());
    }
    // Note: every position counted at its creation is closed once.
    let position_count = node.position_count() - 1;
    node.set_position_count(position_count);

    PositionClosed { node: *node.key(), staker: *staker.key() }.emit();
    Ok(())
}
