//! Rules and helpers shared by the handlers: the clock, jail and pause state, and the
//! config PDA's seeds, with which it signs what leaves the vaults. (Account constraints
//! are declared in the interface and checked by the generated `parse()`.)

use framework::cpi::Seed;
use framework::error::ProgramResult;
use framework::sysvar::Clock;
use framework::token::VaultSeed;

use crate::interface::{ErrorCode, Node, StakingConfig, CONFIG_SEED};

/// The cluster's unix time, from the syscall (a passed-in clock could be forged).
#[inline(always)]
pub fn now() -> ProgramResult<i64> {
    Clock::unix_timestamp()
}

/// `now + seconds`, for unlock times.
#[inline(always)]
pub fn later(now: i64, seconds: i64) -> ProgramResult<i64> {
    now.checked_add(seconds).ok_or(ErrorCode::MathOverflow.into())
}

#[inline(always)]
pub fn is_jailed(node: &Node, now: i64) -> bool {
    node.jailed_until() > now
}

/// Whether the node is jailed now; reads the clock only for a node ever jailed (a never
/// jailed or unjailed node holds 0), which spares most calls the syscall.
#[inline(always)]
pub fn jailed_now(node: &Node) -> ProgramResult<bool> {
    if node.jailed_until() == 0 {
        return Ok(false);
    }
    Ok(is_jailed(node, now()?))
}

/// The slash proposals pending against the node under the current slasher. A count raised
/// under a slasher that `apply_config` has since replaced is 0: that slasher can no longer
/// lower it, so it must not hold the node's stakers.
#[inline(always)]
pub fn pending_slashes(config: &StakingConfig, node: &Node) -> u32 {
    if node.pending_slash_generation() == config.slasher_generation() {
        node.pending_slashes()
    } else {
        0
    }
}

/// Refuses new stake while the program is paused.
#[inline(always)]
pub fn not_paused(config: &StakingConfig) -> ProgramResult {
    if config.paused() {
        return Err(ErrorCode::Paused.into());
    }
    Ok(())
}

/// The config PDA's signer seeds, `["config", bump]`: it owns both vaults.
#[inline(always)]
pub fn config_seeds(bump: &[u8; 1]) -> [Seed<'_>; 2] {
    [Seed::from(CONFIG_SEED), Seed::from(bump)]
}

/// The seed of the config PDA, `["config", bump]`, which owns both vaults and signs the
/// payouts from them.
#[derive(Clone, Copy)]
pub struct ConfigSeed;

impl VaultSeed for ConfigSeed {
    const SEED: &'static [u8] = CONFIG_SEED;
}
