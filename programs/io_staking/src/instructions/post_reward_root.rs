//! `post_reward_root`: the reward authority publishes the Merkle root over
//! `(node, cumulative_amount)` of a new epoch. Refused unless the reward vault, with what
//! it already paid out, covers the root's cumulative total.

use framework::error::ProgramResult;
use framework::pubkey::{keys_eq, Pubkey};
use framework::state;
use framework::token::TokenAccount;

use crate::checks::{has_one, now};
use crate::interface::{
    ErrorCode, PostRewardRootAccounts, PostRewardRootArgs, RewardRootPosted, RewardState, StakingConfig,
};

pub fn process(program_id: &Pubkey, accounts: &PostRewardRootAccounts, args: PostRewardRootArgs) -> ProgramResult {
    let PostRewardRootAccounts { config, reward_state, reward_vault, reward_authority, .. } = accounts;
    let config = state::load::<StakingConfig>(config, program_id)?;
    has_one(config.reward_state(), reward_state)?;
    has_one(config.reward_vault(), reward_vault)?;

    // Validates the reward authority's signature.
    if !keys_eq(config.reward_authority(), reward_authority.key()) {
        return Err(ErrorCode::NotRewardAuthority.into());
    }
    let mut rewards = state::load_mut::<RewardState>(reward_state, program_id)?;
    if args.epoch <= rewards.epoch() {
        return Err(ErrorCode::StaleEpoch.into());
    }
    // Cumulative amounts count what was already paid; the vault holds the rest.
    let vault = TokenAccount::read(reward_vault, config.token_program())?;
    if vault.amount.saturating_add(rewards.paid()) < args.total {
        return Err(ErrorCode::RewardVaultShort.into());
    }

    rewards.set_epoch(args.epoch);
    *rewards.root_mut() = args.root;
    rewards.set_root_total(args.total);
    rewards.set_posted_at(now()?);
    RewardRootPosted { epoch: args.epoch, root: args.root, total: args.total }.emit();
    Ok(())
}
