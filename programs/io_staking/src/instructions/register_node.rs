//! `register_node`: registers one GPU device of a supplier, owned by the signer (the
//! generated `parse()` creates the node at ["node", node_id] and stores its owner).
//!
//! The node may claim rewards only from roots posted after this call. A closed node id is
//! a tombstone that this refuses; `reopen_node` takes it over, keeping what it was paid.

use framework::error::ProgramResult;

use crate::checks::now;
use crate::interface::{NodeRegistered, RegisterNodeAccounts, RegisterNodeArgs};
use crate::rules::{check_node_terms, minimum_stake};

#[inline(always)]
pub fn process(accounts: &mut RegisterNodeAccounts, args: RegisterNodeArgs) -> ProgramResult {
    let RegisterNodeAccounts { config, reward_state, node, owner, .. } = accounts;
    check_node_terms(args.gpu_count, args.multiplier_bps, args.costake_reward_share_bps)?;
    let minimum = minimum_stake(config.min_stake_per_gpu(), args.multiplier_bps, args.gpu_count)?;

    *node.node_id_mut() = args.node_id;
    node.set_gpu_count(args.gpu_count);
    node.set_multiplier_bps(args.multiplier_bps);
    node.set_costake_reward_share_bps(args.costake_reward_share_bps);
    node.set_registered_at(now()?);
    node.set_registered_epoch(reward_state.epoch());

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
