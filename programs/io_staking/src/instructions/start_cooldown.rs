//! `start_cooldown`: once a co-staker's exit wait is over, its leaving shares leave the
//! active pool (at the price of the moment, so a slash during the wait counts) for the
//! unbonding pool, unlocking after the cooldown. Anyone may call it: it only carries out
//! what the co-staker asked for, when the rules allow.

use framework::error::ProgramResult;

use crate::checks::{later, now};
use crate::interface::{CooldownStarted, ErrorCode, StartCooldownAccounts, StartCooldownArgs};
use crate::rules::Pool;

#[inline(always)]
pub fn process(accounts: &mut StartCooldownAccounts, _args: StartCooldownArgs) -> ProgramResult {
    let StartCooldownAccounts { config, node, position, .. } = accounts;

    let leaving = position.leaving_shares();
    if leaving == 0 {
        return Err(ErrorCode::NothingLeaving.into());
    }
    let now = now()?;
    if now < position.leave_ready_at() {
        return Err(ErrorCode::ExitWaitNotOver.into());
    }

    let mut active = Pool::load(node.active());
    let mut unbonding = Pool::load(node.unbonding());
    let amount = active.redeem(leaving)?;
    let minted = if amount == 0 { 0 } else { unbonding.deposit(amount)? };
    active.store(node.active_mut());
    unbonding.store(node.unbonding_mut());
    // Note: leaving shares are part of the node's co-stake shares and of the position's
    // active shares; its unbonding shares are part of the pool's, which did not overflow.
    let costake_shares = node.costake_shares() - leaving;
    node.set_costake_shares(costake_shares);
    let active_shares = position.active_shares() - leaving;
    position.set_active_shares(active_shares);
    position.set_leaving_shares(0);
    let unbonding_shares = position.unbonding_shares() + minted;
    position.set_unbonding_shares(unbonding_shares);
    let unlock_at = later(now, config.unstake_cooldown_secs())?;
    position.set_unlock_at(unlock_at);

    CooldownStarted { node: *node.key(), staker: *position.staker(), amount, unlock_at }.emit();
    Ok(())
}
