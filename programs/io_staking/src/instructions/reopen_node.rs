//! `reopen_node`: a closed node (a tombstone) is registered again, by a new owner, under the
//! same id. It keeps what it was paid (`rewards_claimed`) and its jail history, so that no
//! reward can be paid to the id twice; it may claim only from roots posted after this call.

use framework::error::{anchor, ProgramResult};
use framework::pubkey::keys_eq;

use crate::interface::{ErrorCode, ReopenNodeAccounts, ReopenNodeArgs};
use crate::registration::Registration;

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

    // Note: a closed node has no positions, so no shares and no owner rewards; its reward
    // and jail history stays with the address.
    *node.owner_mut() = *owner.key();
    node.set_closed(false);
    let registration = Registration { config, reward_state, node, owner };
    registration.run(&args.node_id, args.gpu_count, args.multiplier_bps, args.costake_reward_share_bps)
}
