//! `claim_node_rewards`: anyone proves a node's cumulative reward against the current root;
//! the node is credited `cumulative - already claimed` (so missing an epoch loses nothing
//! and a leaf can never pay twice), split by its co-staker share between the owner's
//! claimable amount and the co-stakers' per-share accumulator.
//!
//! A jailed node earns nothing: what a root posted during its jail adds is forfeited (it
//! stays in the reward vault, free for later roots), while a root posted before the jail
//! pays what was earned before it (`rules::jail_forfeits`). The co-stakers' part never
//! goes to the owner, and a node over its co-stake cap earns its owner nothing
//! (`rules::split_reward`). Each credit must leave the reward vault able to pay everything
//! credited and not yet paid. A closed node (a tombstone) claims nothing.

use framework::error::ProgramResult;
use framework::math;
use framework::merkle;
use framework::token::TokenAccount;

use crate::checks::not_paused;
use crate::interface::{
    ClaimNodeRewardsAccounts, ClaimNodeRewardsArgs, ErrorCode, NodeRewardsClaimed,
};
use crate::rules;

#[inline(always)]
pub fn process(accounts: &mut ClaimNodeRewardsAccounts, args: ClaimNodeRewardsArgs) -> ProgramResult {
    let ClaimNodeRewardsAccounts { config, reward_state: rewards, node, reward_vault, .. } = accounts;
    not_paused(config)?;
    if node.closed() {
        return Err(ErrorCode::NodeClosed.into());
    }

    // Validates the proof, against a root posted after the node was registered.
    if rewards.epoch() <= node.registered_epoch() {
        return Err(ErrorCode::RootBeforeRegistration.into());
    }
    let leaf = merkle::leaf_hash(node.key(), args.cumulative);
    if !merkle::verify(rewards.root(), leaf, args.proof) {
        return Err(ErrorCode::InvalidProof.into());
    }
    let Some(amount) = math::checked_sub(args.cumulative, node.rewards_claimed()) else {
        return Err(ErrorCode::NothingToClaim.into());
    };
    if amount == 0 {
        return Err(ErrorCode::NothingToClaim.into());
    }
    node.set_rewards_claimed(args.cumulative);
    let posted_at = rewards.posted_at();
    let jail_forfeits = rules::jail_forfeits(posted_at, node.jailed_at(), node.jailed_until(), node.last_claim_posted_at());
    node.set_last_claim_posted_at(posted_at);

    let mut event = NodeRewardsClaimed {
        node: *node.key(),
        epoch: rewards.epoch(),
        cumulative: args.cumulative,
        owner_amount: 0,
        costaker_amount: 0,
        forfeited: 0,
    };
    // One event and one forfeit account for both outcomes: a jailed node's whole credit, or
    // what the split leaves to nobody.
    if jail_forfeits {
        event.forfeited = amount;
    } else {
        let earners = rules::Earners {
            share_bps: node.costake_reward_share_bps(),
            costake_shares: node.costake_shares(),
            earning_shares: node.costake_earning_shares(),
            owner_earns: rules::within_costake_cap(node.costake_shares(), node.active().shares(), config.max_costake_bps()),
        };
        let split = rules::split_reward(amount, earners, rules::wide(node.reward_per_share()), node.costaker_carry())?;

        // Everything credited and not yet paid must stay covered by the vault.
        // Note: the forfeited part is part of the amount.
        let credited = math::checked_add(rewards.credited(), amount - split.forfeited).ok_or(ErrorCode::MathOverflow)?;
        let vault = TokenAccount::read(reward_vault, config.stake_token_program())?;
        if credited > vault.amount.saturating_add(rewards.paid()) {
            return Err(ErrorCode::RewardVaultShort.into());
        }
        rewards.set_credited(credited);

        let owner_rewards = math::checked_add(node.owner_rewards(), split.owner).ok_or(ErrorCode::MathOverflow)?;
        node.set_owner_rewards(owner_rewards);
        node.set_reward_per_share(rules::stored(split.reward_per_share));
        node.set_costaker_carry(split.carry);
        event.owner_amount = split.owner;
        event.costaker_amount = split.costakers;
        event.forfeited = split.forfeited;
    }
    if event.forfeited != 0 {
        let forfeited = math::checked_add(node.rewards_forfeited(), event.forfeited).ok_or(ErrorCode::MathOverflow)?;
        node.set_rewards_forfeited(forfeited);
    }
    event.emit();
    Ok(())
}
