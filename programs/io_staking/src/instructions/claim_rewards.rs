//! `claim_rewards`: pays a position's rewards to the staker's token account: a co-staker's
//! share of the node's accumulator, or, for the owner's position, the owner's share.

use framework::error::ProgramResult;
use framework::math;
use framework::pubkey::Pubkey;
use framework::state;

use crate::checks::{has_one, mint_and_program, not_paused, owned_token_account, Payout};
use crate::interface::{ClaimRewardsAccounts, ErrorCode, Node, RewardState, RewardsClaimed, StakePosition, StakingConfig};
use crate::position;

pub fn process(program_id: &Pubkey, accounts: &ClaimRewardsAccounts) -> ProgramResult {
    let ClaimRewardsAccounts {
        config: config_info,
        reward_state,
        node: node_info,
        position: position_info,
        staker,
        staker_token,
        reward_vault,
        stake_mint,
        stake_token_program,
        ..
    } = accounts;
    let config = state::load::<StakingConfig>(config_info, program_id)?;
    not_paused(&config)?;
    has_one(config.reward_state(), reward_state)?;
    has_one(config.reward_vault(), reward_vault)?;
    mint_and_program(&config, stake_mint, stake_token_program)?;
    let mut rewards = state::load_mut::<RewardState>(reward_state, program_id)?;
    let mut node = state::load_mut::<Node>(node_info, program_id)?;
    let mut position = state::load_mut::<StakePosition>(position_info, program_id)?;
    has_one(position.node(), node_info)?;
    has_one(position.staker(), staker)?;
    owned_token_account(&config, staker_token, staker.key())?;

    position::settle(&node, &mut position);
    let mut amount = position.rewards_pending();
    if position::is_owner(&node, &position) {
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
        config: config_info,
        bump: config.bump(),
        decimals: config.mint_decimals(),
        vault: reward_vault,
        to: staker_token,
        mint: stake_mint,
        token_program: stake_token_program,
        amount,
    };
    payout.invoke()?;

    RewardsClaimed { node: *node_info.key(), staker: *staker.key(), amount }.emit();
    Ok(())
}
