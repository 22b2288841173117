//! `claim_rewards`: pays a position's rewards to the staker's token account: a co-staker's
//! share of the node's accumulator, or, for the owner's position, the owner's share.

use framework::error::ProgramResult;
use framework::math;
use framework::token::Payout;

use crate::checks::{not_paused, ConfigSeed};
use crate::interface::{ClaimRewardsAccounts, ClaimRewardsArgs, ErrorCode, RewardsClaimed};
use crate::position;

#[inline(always)]
pub fn process(accounts: &mut ClaimRewardsAccounts, _args: ClaimRewardsArgs) -> ProgramResult {
    let ClaimRewardsAccounts {
        config,
        reward_state: rewards,
        node,
        position,
        staker,
        staker_token,
        reward_vault,
        stake_mint,
        stake_token_program: token_program,
        ..
    } = accounts;
    not_paused(config)?;

    position::settle(node, position);
    let mut amount = position.rewards_pending();
    if position::is_owner(node, position) {
        amount = math::checked_add(amount, node.owner_rewards()).ok_or(ErrorCode::MathOverflow)?;
        node.set_owner_rewards(0);
    }
    if amount == 0 {
        return Err(ErrorCode::NothingToClaim.into());
    }
    position.set_rewards_pending(0);
    let paid = math::checked_add(position.rewards_paid(), amount).ok_or(ErrorCode::MathOverflow)?;
    position.set_rewards_paid(paid);
    let total_paid = math::checked_add(rewards.paid(), amount).ok_or(ErrorCode::MathOverflow)?;
    rewards.set_paid(total_paid);

    let payout = Payout {
        authority: config.info(),
        seed: ConfigSeed,
        bump: config.bump(),
        decimals: config.mint_decimals(),
        vault: reward_vault,
        to: staker_token,
        mint: stake_mint,
        token_program,
    };
    payout.pay(amount)?;

    RewardsClaimed { node: *node.key(), staker: *staker.key(), amount }.emit();
    Ok(())
}
