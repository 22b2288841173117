//! `register_node`: registers one GPU device of a supplier, owned by the signer (the
//! generated `parse()` creates the node at ["node", node_id] and stores its owner).
//!
//! The node may claim rewards only from roots posted after this call. A closed node id is
//! a tombstone that this refuses; `reopen_node` takes it over, keeping what it was paid.

use framework::error::ProgramResult;

use crate::interface::{RegisterNodeAccounts, RegisterNodeArgs};
use crate::registration::Registration;

#[inline(always)]
pub fn process(accounts: &mut RegisterNodeAccounts, args: RegisterNodeArgs) -> ProgramResult {
    let RegisterNodeAccounts { config, reward_state, node, owner, .. } = accounts;
    let registration = Registration { config, reward_state, node, owner };
    registration.run(&args.node_id, args.gpu_count, args.multiplier_bps, args.costake_reward_share_bps)?;
    *node.node_id_mut() = args.node_id;
    Ok(())
}
