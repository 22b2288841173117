//! `post_reward_root`: the reward authority publishes the Merkle root over
//! `(node, cumulative_amount)` of a new epoch. Refused unless the reward vault, with what
//! it already paid out, covers the root's cumulative total.

use framework::error::ProgramResult;
use framework::token::TokenAccount;

use crate::checks::now;
use crate::interface::{
    ErrorCode, PostRewardRootAccounts, PostRewardRootArgs, RewardRootPosted,
};

#[inline(always)]
pub fn process(accounts: &mut PostRewardRootAccounts, args: PostRewardRootArgs) -> ProgramResult {
    let PostRewardRootAccounts { config, reward_state: rewards, reward_vault, .. } = accounts;
    if args.epoch <= rewards.epoch() {
        return Err(ErrorCode::StaleEpoch.into());
    }
    // Cumulative amounts count what was already paid; the vault holds the rest.
    let vault = TokenAccount::read(reward_vault, config.stake_token_program())?;
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
