//! `reopen_node`: a closed node (a tombstone) is registered again, by a new owner, under the
//! same id. It keeps what it was paid (`rewards_claimed`) and its jail history, so that no
//! reward can be paid to the id twice; it may claim only from roots posted after this call.

use framework::error::{anchor, ProgramResult};
use framework::pubkey::keys_eq;

use crate::checks::now;
use crate::interface::{ErrorCode, NodeRegistered, ReopenNodeAccounts, ReopenNodeArgs};
use crate::rules::{check_node_terms, minimum_stake};

#[inline(always)]
pub fn process(accounts: &mut ReopenNodeAccounts, args: ReopenNodeArgs) -> ProgramResult {
    let ReopenNodeAccounts { config, reward_state, node, owner, .. } = accounts;
    // Note: a Node of ours was created by register_node at the PDA of its stored id.
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
    node.set_registered_epoch(reward_state.epoch());
    node.set_closed(false);

    NodeRegistered {
        node: *node.key(),
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
