//! One module per instruction, each with its `process` handler (called by the generated
//! `interface::dispatch`).

pub mod accept_admin;
pub mod apply_config;
pub mod cancel_unstake;
pub mod claim_node_rewards;
pub mod claim_rewards;
pub mod clear_worthless;
pub mod close_node;
pub mod close_position;
pub mod costake;
pub mod initialize;
pub mod jail;
pub mod post_reward_root;
pub mod propose_admin;
pub mod register_node;
pub mod reopen_node;
pub mod request_unstake;
pub mod set_paused;
pub mod slash;
pub mod start_cooldown;
pub mod stake;
pub mod unjail;
pub mod update_config;
pub mod withdraw;
