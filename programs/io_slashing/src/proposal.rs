//! The end of a proposal that will not execute: `cancel`, and `resolve` when it rejects.

use framework::error::ProgramResult;

use crate::interface::{NodeRecord, SlashProposal};
use crate::rules;
use crate::staking::Staking;

/// Closes `proposal` at `now` with `status` (cancelled or rejected): it stops counting
/// toward the node's rolling cap (`record`), and io_staking's pending counter of the node
/// drops (withdrawals resume when it reaches zero).
#[inline(always)]
pub fn close_unexecuted(
    proposal: &mut SlashProposal,
    record: &mut NodeRecord,
    status: u8,
    now: i64,
    staking: &Staking,
) -> ProgramResult {
    proposal.set_status(status);
    proposal.set_closed_at(now);
    rules::release(record.window_mut(), proposal.seq());
    staking.lower_pending()
}
