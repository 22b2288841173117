//! What a position is worth to its staker: its role, its earning shares, and reward
//! settlement against its node's accumulator.

use framework::pubkey::keys_eq;

use crate::interface::{Node, StakePosition};
use crate::rules;

/// The position is the node owner's self-stake (the owner earns the owner's share, not
/// through the co-stakers' accumulator).
#[inline(always)]
pub fn is_owner(node: &Node, position: &StakePosition) -> bool {
    keys_eq(node.owner(), position.staker())
}

/// Shares of a co-staker that earn rewards: active shares not waiting to leave. The
/// owner's shares never earn through the accumulator.
#[inline(always)]
pub fn earning_shares(node: &Node, position: &StakePosition) -> u64 {
    if is_owner(node, position) {
        return 0;
    }
    // Note: leaving shares are always part of the active shares.
    position.active_shares() - position.leaving_shares()
}

/// Adds what the position's earning shares earned since its snapshot to its pending
/// rewards and moves the snapshot to the node's accumulator. Call before any change of
/// its earning shares.
///
/// Never fails, like [`rules::earned`], so that exits never depend on reward bookkeeping.
/// Note: pending rewards are bounded by the tokens reserved in the reward vault, so the
/// sum cannot overflow; were it to, the new part would be dropped, not the exit.
pub fn settle(node: &Node, position: &mut StakePosition) {
    let per_share = node.reward_per_share();
    let earned = rules::earned(
        earning_shares(node, position),
        rules::wide(per_share),
        rules::wide(position.reward_per_share_snapshot()),
    );
    let pending = position.rewards_pending();
    position.set_rewards_pending(pending.checked_add(earned).unwrap_or(pending));
    position.set_reward_per_share_snapshot(per_share);
}
