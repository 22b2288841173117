//! `cancel_unstake`: everything the position has leaving or unbonding goes back to the
//! active pool (unbonding stake at the unbonding pool's price, so a slash counts). Like
//! new stake, refused while paused or jailed, and within the co-stake cap.

use framework::error::ProgramResult;
use framework::math;

use crate::checks::{jailed_now, not_paused};
use crate::interface::{CancelUnstakeAccounts, CancelUnstakeArgs, ErrorCode, UnstakeCancelled};
use crate::position;
use crate::rules::{self, Pool};

#[inline(always)]
pub fn process(accounts: &mut CancelUnstakeAccounts, _args: CancelUnstakeArgs) -> ProgramResult {
    let CancelUnstakeAccounts { config, node, position, staker, .. } = accounts;
    not_paused(config)?;

    let leaving = position.leaving_shares();
    let unbonding_shares = position.unbonding_shares();
    if leaving == 0 && unbonding_shares == 0 {
        return Err(ErrorCode::NothingToCancel.into());
    }
    if jailed_now(node)? {
        return Err(ErrorCode::NodeJailed.into());
    }
    let owner = position::is_owner(node, position);
    if !owner {
        position::settle(node, position);
    }

    let mut amount = 0;
    let mut minted = 0;
    if unbonding_shares != 0 {
        let mut active = Pool::load(node.active());
        let mut unbonding = Pool::load(node.unbonding());
        if active.is_depleted() {
            return Err(ErrorCode::PoolDepleted.into());
        }
        amount = unbonding.redeem(unbonding_shares)?;
        minted = active.deposit(amount)?;
        active.store(node.active_mut());
        unbonding.store(node.unbonding_mut());
        // Note: a position's shares are part of its pool's shares, which did not overflow.
        let active_shares = position.active_shares() + minted;
        position.set_active_shares(active_shares);
        position.set_unbonding_shares(0);
        position.set_unlock_at(0);
    }
    if !owner {
        // Only stake coming back into the pool counts against the cap; resuming to earn
        // does not change the pool.
        let costake_shares = math::checked_add(node.costake_shares(), minted).ok_or(ErrorCode::MathOverflow)?;
        if minted != 0 && !rules::within_costake_cap(costake_shares, node.active().shares(), config.max_costake_bps()) {
            return Err(ErrorCode::CostakeCapExceeded.into());
        }
        node.set_costake_shares(costake_shares);
        // Note: earning shares are part of the co-stake shares, which did not overflow.
        let costake_earning_shares = node.costake_earning_shares() + leaving + minted;
        node.set_costake_earning_shares(costake_earning_shares);
        position.set_leaving_shares(0);
    }

    UnstakeCancelled { node: *node.key(), staker: *staker.key(), amount, leaving_shares: leaving }.emit();
    Ok(())
}
