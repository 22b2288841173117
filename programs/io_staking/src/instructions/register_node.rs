//! `register_node`: registers one GPU device of a supplier, owned by the signer.
//!
//! The node may claim rewards only from roots posted after this call. A closed node id is
//! a tombstone that this refuses; `reopen_node` takes it over, keeping what it was paid.

use framework::cpi::{Seed, Signer};
use framework::error::{anchor, ProgramResult};
use framework::pubkey::{find_program_address, keys_eq, Pubkey};
use framework::state::{self, AccountState};
use framework::system::CreateAccount;

use crate::checks::{has_one, now};
use crate::interface::{
    Node, NodeRegistered, RegisterNodeAccounts, RegisterNodeArgs, RewardState, StakingConfig, ACCOUNT_VERSION,
    NODE_SEED,
};
use crate::rules::{check_node_terms, minimum_stake};

pub fn process(program_id: &Pubkey, accounts: &RegisterNodeAccounts, args: RegisterNodeArgs) -> ProgramResult {
    let RegisterNodeAccounts { config, reward_state, node, owner, system_program, .. } = accounts;
    let config = state::load::<StakingConfig>(config, program_id)?;
    has_one(config.reward_state(), reward_state)?;
    let rewards = state::load::<RewardState>(reward_state, program_id)?;
    check_node_terms(args.gpu_count, args.multiplier_bps, args.costake_reward_share_bps)?;
    let minimum = minimum_stake(config.min_stake_per_gpu(), args.multiplier_bps, args.gpu_count)?;

    // The node is the canonical PDA ["node", node_id], created once.
    let (address, bump) = find_program_address(&[NODE_SEED, &args.node_id], program_id)?;
    if !keys_eq(node.key(), &address) {
        return Err(anchor::CONSTRAINT_SEEDS);
    }
    if node.is_owned_by(program_id) {
        return Err(anchor::ACCOUNT_DISCRIMINATOR_ALREADY_SET);
    }

    let bump_seed = [bump];
    let seeds = [Seed::from(NODE_SEED), Seed::from(&args.node_id), Seed::from(&bump_seed)];
    let create = CreateAccount { system_program, payer: owner, account: node, space: Node::LEN, owner: program_id };
    create.invoke_signed(&[Signer::from(&seeds[..])])?;
    let mut state = state::init::<Node>(node, program_id)?;
    state.set_version(ACCOUNT_VERSION);
    state.set_bump(bump);
    *state.owner_mut() = *owner.key();
    *state.node_id_mut() = args.node_id;
    state.set_gpu_count(args.gpu_count);
    state.set_multiplier_bps(args.multiplier_bps);
    state.set_costake_reward_share_bps(args.costake_reward_share_bps);
    state.set_registered_at(now()?);
    state.set_registered_epoch(rewards.epoch());

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
