//! The core of `stake` and `costake`: tokens into a node's active pool, shares to the
//! staker's position (created on the first deposit by the generated `parse()`).

use framework::account::AccountInfo;
use framework::error::ProgramResult;
use framework::math;
use framework::pubkey::keys_eq;
use framework::state::{Account, AccountMut};
use framework::token::TransferChecked;

use crate::checks::{jailed_now, not_paused};
use crate::interface::{ErrorCode, Node, StakePosition, Staked, StakingConfig};
use crate::position;
use crate::rules::{self, Pool};

/// The accounts of `stake` and `costake`, which are the same.
pub struct Deposit<'d, 'a> {
    pub config: &'d Account<'a, StakingConfig>,
    pub node: &'d mut AccountMut<'a, Node>,
    pub position: &'d mut AccountMut<'a, StakePosition>,
    pub position_is_new: bool,
    pub staker: &'a AccountInfo,
    pub staker_token: &'a AccountInfo,
    pub stake_vault: &'a AccountInfo,
    pub stake_mint: &'a AccountInfo,
    pub token_program: &'a AccountInfo,
}

impl Deposit<'_, '_> {
    /// Moves `amount` from the staker into the node's active pool: as its owner, or
    /// (`costake`) as anyone else, within the co-stake cap.
    pub fn run(self, amount: u64, costake: bool) -> ProgramResult {
        let Deposit { config, node, position, .. } = self;
        not_paused(config)?;
        if amount == 0 {
            return Err(ErrorCode::ZeroAmount.into());
        }
        if node.closed() {
            return Err(ErrorCode::NodeClosed.into());
        }
        // The owner stakes (the interface checked it), everyone else co-stakes.
        if costake && keys_eq(node.owner(), self.staker.key()) {
            return Err(ErrorCode::OwnerCannotCostake.into());
        }
        if jailed_now(node)? {
            return Err(ErrorCode::NodeJailed.into());
        }
        let mut active = Pool::load(node.active());
        if active.is_depleted() || Pool::load(node.unbonding()).is_depleted() {
            return Err(ErrorCode::PoolDepleted.into());
        }
        if self.position_is_new {
            position.set_reward_per_share_snapshot(node.reward_per_share());
            let count = node.position_count().checked_add(1).ok_or(ErrorCode::MathOverflow)?;
            node.set_position_count(count);
        }

        let shares = active.deposit(amount)?;
        if shares == 0 {
            return Err(ErrorCode::AmountTooSmall.into());
        }
        if costake {
            position::settle(node, position);
            let costake_shares = math::checked_add(node.costake_shares(), shares).ok_or(ErrorCode::MathOverflow)?;
            if !rules::within_costake_cap(costake_shares, active.shares, config.max_costake_bps()) {
                return Err(ErrorCode::CostakeCapExceeded.into());
            }
            node.set_costake_shares(costake_shares);
            // Note: earning shares are part of the co-stake shares, which did not overflow.
            let costake_earning_shares = node.costake_earning_shares() + shares;
            node.set_costake_earning_shares(costake_earning_shares);
        }
        // Note: a position's shares are part of its pool's shares, which did not overflow.
        let active_shares = position.active_shares() + shares;
        position.set_active_shares(active_shares);
        active.store(node.active_mut());

        let transfer = TransferChecked {
            token_program: self.token_program,
            from: self.staker_token,
            mint: self.stake_mint,
            to: self.stake_vault,
            authority: self.staker,
            amount,
            decimals: config.mint_decimals(),
        };
        transfer.invoke_signed(&[])?;

        Staked { node: *node.key(), staker: *self.staker.key(), amount, shares, costake }.emit();
        Ok(())
    }
}
