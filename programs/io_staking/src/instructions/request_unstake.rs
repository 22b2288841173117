//! `request_unstake`: starts an exit of `amount` tokens of active stake (`UNSTAKE_ALL`:
//! all of it).
//!
//! * The owner's stake leaves the active pool at once for the unbonding pool, where it
//!   stays slashable until `unlock_at = now + cooldown`. A partial exit may not leave the
//!   co-stake above its cap; a full exit is always allowed.
//! * A co-staker's stake first waits `costaker_exit_wait_secs` in the active pool (still
//!   counted and slashable, earning nothing); `start_cooldown` then moves it on.
//!
//! A new request restarts the wait (or the cooldown) of everything the position already
//! has leaving (or unbonding): the position keeps one unlock time.
//!
//! Works while the program is paused or the node jailed: exits never stop.

use framework::error::ProgramResult;

use crate::checks::{later, now};
use crate::interface::{ErrorCode, RequestUnstakeAccounts, RequestUnstakeArgs, UnstakeRequested, UNSTAKE_ALL};
use crate::position;
use crate::rules::{self, Pool};

#[inline(always)]
pub fn process(accounts: &mut RequestUnstakeAccounts, args: RequestUnstakeArgs) -> ProgramResult {
    let RequestUnstakeAccounts { config, node, position, staker, .. } = accounts;
    let now = now()?;

    let mut active = Pool::load(node.active());
    let owner = position::is_owner(node, position);
    let available = if owner { position.active_shares() } else { position::earning_shares(node, position) };
    let exit = rules::size_exit(&active, available, args.amount, UNSTAKE_ALL)?;

    let ready_at = if owner {
        // Note: the exit's shares are part of the pool's shares.
        let remaining = active.shares - exit.shares;
        // The cap holds on every exit, a full one too: the owner cannot leave co-stake
        // behind on a node it no longer backs (it is free once the co-stakers have left).
        if !rules::within_costake_cap(node.costake_shares(), remaining, config.max_costake_bps()) {
            return Err(ErrorCode::CostakeCapExceeded.into());
        }
        active.remove(exit.shares, exit.amount)?;
        let mut unbonding = Pool::load(node.unbonding());
        let minted = if exit.amount == 0 { 0 } else { unbonding.deposit(exit.amount)? };
        active.store(node.active_mut());
        unbonding.store(node.unbonding_mut());
        let active_shares = position.active_shares() - exit.shares;
        position.set_active_shares(active_shares);
        // Note: a position's shares are part of its pool's shares, which did not overflow.
        let unbonding_shares = position.unbonding_shares() + minted;
        position.set_unbonding_shares(unbonding_shares);
        let unlock_at = later(now, config.unstake_cooldown_secs())?;
        position.set_unlock_at(unlock_at);
        unlock_at
    } else {
        position::settle(node, position);
        // Note: the exit's shares are earning shares, part of the node's earning shares
        // and of the position's active shares (so leaving shares stay within them).
        let costake_earning_shares = node.costake_earning_shares() - exit.shares;
        node.set_costake_earning_shares(costake_earning_shares);
        let leaving_shares = position.leaving_shares() + exit.shares;
        position.set_leaving_shares(leaving_shares);
        let ready_at = later(now, config.costaker_exit_wait_secs())?;
        position.set_leave_ready_at(ready_at);
        ready_at
    };

    UnstakeRequested {
        node: *node.key(),
        staker: *staker.key(),
        amount: exit.amount,
        shares: exit.shares,
        leaving: !owner,
        ready_at,
    }
    .emit();
    Ok(())
}
