//! `cancel_unstake`: everything the position has leaving or unbonding goes back to the
//! active pool (unbonding stake at the unbonding pool's price, so a slash counts). Like
//! new stake, refused while paused or jailed, and within the co-stake cap.

use framework::error::ProgramResult;
use framework::math;
use framework::pubkey::Pubkey;
use framework::state;

use crate::checks::{has_one, jailed_now, not_paused};
use crate::interface::{CancelUnstakeAccounts, ErrorCode, Node, StakePosition, StakingConfig, UnstakeCancelled};
use crate::position;
use crate::rules::{self, Pool};

pub fn process(program_id: &Pubkey, accounts: &CancelUnstakeAccounts) -> ProgramResult {
    let CancelUnstakeAccounts { config, node: node_info, position: position_info, staker, .. } = accounts;
    let config = state::load::<StakingConfig>(config, program_id)?;
    not_paused(&config)?;
    let mut node = state::load_mut::<Node>(node_info, program_id)?;
    let mut position = state::load_mut::<StakePosition>(position_info, program_id)?;
    has_one(position.node(), node_info)?;
    has_one(position.staker(), staker)?;

    let leaving = position.leaving_shares();
    let unbonding_shares = position.unbonding_shares();
    if leaving == 0 && unbonding_shares == 0 {
        return Err(ErrorCode::NothingToCancel.into());
    }
    if jailed_now(&node)? {
        return Err(ErrorCode::NodeJailed.into());
    }
    let owner = position::is_owner(&node, &position);
    if !owner {
        position::settle(&node, &mut position);
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

    UnstakeCancelled { node: *node_info.key(), staker: *staker.key(), amount, leaving_shares: leaving }.emit();
    Ok(())
}
