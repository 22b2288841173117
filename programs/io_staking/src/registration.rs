//! The core of `register_node` and `reopen_node`: a node's terms, checked and written,
//! from now and from the current reward epoch on, announced by `NodeRegistered`.

use framework::account::AccountInfo;
use framework::error::ProgramResult;
use framework::state::{Account, AccountMut};

use crate::checks::now;
use crate::interface::{Node, NodeRegistered, RewardState, StakingConfig};
use crate::rules::{check_node_terms, minimum_stake};

/// The accounts of `register_node` and `reopen_node` that the registration touches.
pub struct Registration<'d, 'a> {
    pub config: &'d Account<'a, StakingConfig>,
    pub reward_state: &'d Account<'a, RewardState>,
    pub node: &'d mut AccountMut<'a, Node>,
    pub owner: &'a AccountInfo,
}

impl Registration<'_, '_> {
    /// Gives the node `gpu_count` GPUs, the multiplier and the co-stakers' reward share,
    /// refusing terms outside their bounds. The node may claim rewards only from roots
    /// posted after this.
    #[inline(always)]
    pub fn run(
        self,
        node_id: &[u8; 32],
        gpu_count: u16,
        multiplier_bps: u32,
        costake_reward_share_bps: u16,
    ) -> ProgramResult {
        let Registration { config, reward_state, node, owner } = self;
        check_node_terms(gpu_count, multiplier_bps, costake_reward_share_bps)?;
        let minimum = minimum_stake(config.min_stake_per_gpu(), multiplier_bps, gpu_count)?;

        node.set_gpu_count(gpu_count);
        node.set_multiplier_bps(multiplier_bps);
        node.set_costake_reward_share_bps(costake_reward_share_bps);
        node.set_registered_at(now()?);
        node.set_registered_epoch(reward_state.epoch());

        NodeRegistered {
            node: *node.key(),
            owner: *owner.key(),
            node_id: *node_id,
            gpu_count,
            multiplier_bps,
            costake_reward_share_bps,
            minimum_stake: minimum,
        }
        .emit();
        Ok(())
    }
}
