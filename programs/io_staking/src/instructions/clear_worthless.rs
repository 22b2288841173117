//! `clear_worthless`: anyone clears a position's shares that are worth nothing, so that
//! one inactive holder cannot keep a node slashed to zero from taking stake (a depleted
//! pool takes none while old shares remain) or from closing (its position counts).
//!
//! Unbonding shares go once their unlock time has passed and their pool holds no token;
//! active shares go when the active pool holds no token. A co-staker's rewards are settled
//! first and stay claimable. A position left without shares and unpaid rewards is closed,
//! its rent going to its staker (the declared `closeIf = staker`); so is one that was
//! empty already.

use framework::error::ProgramResult;

use crate::checks::now;
use crate::interface::{ClearWorthlessAccounts, ClearWorthlessArgs, ErrorCode, WorthlessCleared};
use crate::position;
use crate::rules::Pool;

#[inline(always)]
pub fn process(accounts: &mut ClearWorthlessAccounts, _args: ClearWorthlessArgs) -> ProgramResult {
    let ClearWorthlessAccounts { node, position, staker, close_position, .. } = accounts;
    let mut event =
        WorthlessCleared { node: *node.key(), staker: *staker.key(), active_shares: 0, unbonding_shares: 0, closed: false };
    let owner = position::is_owner(node, position);

    let mut unbonding = Pool::load(node.unbonding());
    let unbonding_shares = position.unbonding_shares();
    if unbonding_shares != 0 && unbonding.tokens == 0 {
        if now()? < position.unlock_at() {
            return Err(ErrorCode::StillUnbonding.into());
        }
        unbonding.remove(unbonding_shares, 0)?;
        unbonding.store(node.unbonding_mut());
        position.set_unbonding_shares(0);
        position.set_unlock_at(0);
        event.unbonding_shares = unbonding_shares;
    }

    let mut active = Pool::load(node.active());
    let active_shares = position.active_shares();
    if active_shares != 0 && active.tokens == 0 {
        if !owner {
            position::settle(node, position);
            // Note: a co-staker's active shares are part of the node's co-stake shares,
            // its earning ones (not leaving) of the earning shares.
            let earning = active_shares - position.leaving_shares();
            let costake_shares = node.costake_shares() - active_shares;
            node.set_costake_shares(costake_shares);
            let costake_earning_shares = node.costake_earning_shares() - earning;
            node.set_costake_earning_shares(costake_earning_shares);
            position.set_leaving_shares(0);
        }
        active.remove(active_shares, 0)?;
        active.store(node.active_mut());
        position.set_active_shares(0);
        event.active_shares = active_shares;
    }

    let empty = position.active_shares() == 0
        && position.unbonding_shares() == 0
        && position.rewards_pending() == 0
        && !(owner && node.owner_rewards() != 0);
    if event.active_shares == 0 && event.unbonding_shares == 0 && !empty {
        return Err(ErrorCode::SharesNotWorthless.into());
    }
    if empty {
        // Note: every position counted at its creation is closed once.
        let position_count = node.position_count() - 1;
        node.set_position_count(position_count);
        *close_position = true;
    }
    event.closed = empty;

    event.emit();
    Ok(())
}
