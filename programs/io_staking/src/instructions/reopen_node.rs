//! `reopen_node`: a closed node id (a tombstone left by `close_node`) is registered again,
//! owned by the signer, with new terms. What the address was paid stays in
//! `rewards_claimed`, so the next root, whose cumulative amount for the address never goes
//! down, pays only what is new; and, as at registration, only roots posted from now on
//! can be claimed.

use framework::error::{anchor, ProgramResult};
use framework::pubkey::{keys_eq, Pubkey};
use framework::state;

use crate::checks::{has_one, now};
use crate::interface::{
    ErrorCode, Node, NodeRegistered, ReopenNodeAccounts, ReopenNodeArgs, RewardState, StakingConfig,
};
use crate::rules::{check_node_terms, minimum_stake};

pub fn process(program_id: &Pubkey, accounts: &ReopenNodeAccounts, args: ReopenNodeArgs) -> ProgramResult {
    let ReopenNodeAccounts { config, reward_state, node: node_info, owner, .. } = accounts;
    let config = state::load::<StakingConfig>(config, program_id)?;
    has_one(config.reward_state(), reward_state)?;
    let rewards = state::load::<RewardState>(reward_state, program_id)?;
    // Note: a Node of ours was created by register_node at the PDA of its stored id.
    let mut node = state::load_mut::<Node>(node_info, program_id)?;
    if !keys_eq(node.node_id(), &args.node_id) {
        return Err(anchor::CONSTRAINT_SEEDS);
    }
    if !node.closed() {
        return Err(ErrorCode::NodeNotClosed.into());
    }
    check_node_terms(args.gpu_count, args.multiplier_bps, args.costake_reward_share_bps)?;
    let minimum = minimum_stake(config.min_stake_per_gpu(), args.multiplier_bps, args.gpu_count)?;

    // Note: a closed node has no positions, so no shares and no owner rewards; its reward
    // and jail history stays with the address.
    *node.owner_mut() = *owner.key();
    node.set_gpu_count(args.gpu_count);
    node.set_multiplier_bps(args.multiplier_bps);
    node.set_costake_reward_share_bps(args.costake_reward_share_bps);
    node.set_registered_at(now()?);
    node.set_registered_epoch(rewards.epoch());
    node.set_closed(false);

    NodeRegistered {
        node: *node_info.key(),
        owner: *owner.key(),
        node_id: args.node_id,
        gpu_count: args.gpu_count,
        multiplier_bps: args.multiplier_bps,
        costake_reward_share_bps: args.costake_reward_share_bps,
        minimum_stake: minimum,
    }
    .emit();
    Ok(())
}
