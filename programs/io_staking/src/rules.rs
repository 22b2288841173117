//! The protocol's arithmetic, kept apart from account handling so it can be tested on
//! the host: minimum stake, share pools, slashing, the reward split and accumulator, jail
//! forfeits, and the bounds and delays of the settings.
//!
//! # Share pools
//!
//! A node's stake sits in two pools, *active* and *unbonding*, each counting its tokens
//! and its shares; a position holds shares. A slash lowers a pool's tokens and leaves
//! every share alone, so one write slashes every staker of the node. Every rounding
//! favours the pool over the one staker acting: deposits mint shares rounding down,
//! redemptions of a token amount burn shares rounding up, payouts round down. So the
//! tokens a pool holds always cover what its shares are worth, and a share's price never
//! drops except by a slash. Tokens sent straight to a vault are not in any pool and change
//! no price.
//!
//! A pool slashed to zero tokens while shares remain is *depleted*: its shares are worth
//! nothing and it takes no deposit until every one of them has left (each exit is then
//! free), so new money can never be shared with worthless old shares.

use framework::math::{self, U128};
use framework::pubkey::keys_eq;

use crate::interface::{
    ConfigParams, ErrorCode, Pool as PoolData, StakingConfig, BPS_DENOMINATOR, CONFIG_DELAY_MARGIN_SECS,
    MAX_COSTAKE_BPS, MAX_DURATION_SECS, MAX_MULTIPLIER_BPS, MIN_COSTAKER_EXIT_WAIT_SECS, MIN_UNSTAKE_COOLDOWN_SECS,
    REWARD_PER_SHARE_SCALE,
};

/// Minimum active stake for a node: `min_stake_per_gpu × max(1, multiplier) × gpus`,
/// the multiplier in basis points (10 000 = 1×), rounded down.
pub fn minimum_stake(min_stake_per_gpu: u64, multiplier_bps: u32, gpu_count: u16) -> Result<u64, ErrorCode> {
    let per_gpu_bps = if (multiplier_bps as u64) < BPS_DENOMINATOR {
        BPS_DENOMINATOR
    } else {
        multiplier_bps as u64
    };
    let per_node = math::checked_mul(min_stake_per_gpu, gpu_count as u64).ok_or(ErrorCode::MathOverflow)?;
    math::mul_div_floor(per_node, per_gpu_bps, BPS_DENOMINATOR).ok_or(ErrorCode::MathOverflow)
}

/// Validates a node's device description.
pub fn check_node_terms(gpu_count: u16, multiplier_bps: u32, costake_share_bps: u16) -> Result<(), ErrorCode> {
    if gpu_count == 0 {
        return Err(ErrorCode::InvalidGpuCount);
    }
    if multiplier_bps == 0 || multiplier_bps > MAX_MULTIPLIER_BPS {
        return Err(ErrorCode::InvalidMultiplier);
    }
    if costake_share_bps as u64 > BPS_DENOMINATOR {
        return Err(ErrorCode::InvalidBps);
    }
    Ok(())
}

/// A share pool in native integers; loaded from and stored to the account's [`PoolData`].
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Pool {
    pub tokens: u64,
    pub shares: u64,
}

impl Pool {
    #[inline(always)]
    pub fn load(data: &PoolData) -> Pool {
        Pool { tokens: data.tokens(), shares: data.shares() }
    }

    #[inline(always)]
    pub fn store(&self, data: &mut PoolData) {
        data.set_tokens(self.tokens);
        data.set_shares(self.shares);
    }

    /// Shares exist but no token backs them (slashed to zero).
    #[inline(always)]
    pub fn is_depleted(&self) -> bool {
        self.tokens == 0 && self.shares != 0
    }

    /// Tokens `shares` of this pool are worth, rounded down.
    pub fn value(&self, shares: u64) -> Result<u64, ErrorCode> {
        if self.shares == 0 {
            return Ok(0);
        }
        scale_floor(shares, self.tokens, self.shares)
    }

    /// Adds `amount` tokens and returns the shares minted for them, rounded down (possibly
    /// zero: the tokens then stay with the pool). An empty pool mints one share per token;
    /// tokens left in a pool without shares go to its next depositor.
    pub fn deposit(&mut self, amount: u64) -> Result<u64, ErrorCode> {
        let minted = if self.shares == 0 {
            amount
        } else if self.tokens == 0 {
            return Err(ErrorCode::PoolDepleted);
        } else {
            scale_floor(amount, self.shares, self.tokens)?
        };
        self.tokens = math::checked_add(self.tokens, amount).ok_or(ErrorCode::MathOverflow)?;
        self.shares = math::checked_add(self.shares, minted).ok_or(ErrorCode::MathOverflow)?;
        Ok(minted)
    }

    /// Shares to burn to take `amount` tokens out, rounded up; `None`-like error when
    /// the pool has no tokens.
    pub fn shares_for(&self, amount: u64) -> Result<u64, ErrorCode> {
        if self.shares == self.tokens && self.tokens != 0 {
            return Ok(amount);
        }
        math::mul_div_ceil(amount, self.shares, self.tokens).ok_or(ErrorCode::MathOverflow)
    }

    /// Burns `shares` and takes `amount` tokens out. The caller has checked that the
    /// shares are held and worth at least `amount`.
    pub fn remove(&mut self, shares: u64, amount: u64) -> Result<(), ErrorCode> {
        self.shares = math::checked_sub(self.shares, shares).ok_or(ErrorCode::MathOverflow)?;
        self.tokens = math::checked_sub(self.tokens, amount).ok_or(ErrorCode::MathOverflow)?;
        Ok(())
    }

    /// Burns `shares` and returns the tokens they were worth (rounded down), taken out.
    pub fn redeem(&mut self, shares: u64) -> Result<u64, ErrorCode> {
        let amount = self.value(shares)?;
        self.remove(shares, amount)?;
        Ok(amount)
    }

    /// Takes `bps` of the pool's tokens (rounded down) and returns them.
    pub fn slash(&mut self, bps: u16) -> Result<u64, ErrorCode> {
        // Note: bps <= 10 000 (checked by the caller), so the product over 10 000 fits.
        let taken = mul_div_floor(self.tokens, bps as u64, BPS_DENOMINATOR)?;
        self.tokens -= taken;
        Ok(taken)
    }
}

/// `amount * numerator / denominator`, rounded down. At a price of one (equal terms, the
/// state of a pool until its first slash) this is `amount` itself, without the 128-bit
/// multiply and divide.
#[inline(always)]
fn scale_floor(amount: u64, numerator: u64, denominator: u64) -> Result<u64, ErrorCode> {
    if numerator == denominator && denominator != 0 {
        return Ok(amount);
    }
    mul_div_floor(amount, numerator, denominator)
}

/// `amount * numerator / denominator`, rounded down: one out-of-line copy of the 128-bit
/// multiply and divide for every pool operation at a price other than one, and for slashing
/// (rare: a call costs ~13 units, an inlined copy ~300 bytes).
#[inline(never)]
fn mul_div_floor(amount: u64, numerator: u64, denominator: u64) -> Result<u64, ErrorCode> {
    math::mul_div_floor(amount, numerator, denominator).ok_or(ErrorCode::MathOverflow)
}

/// What an exit of `amount` tokens out of `available` shares of `pool` takes: the shares
/// to burn and the tokens they stand for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Exit {
    pub shares: u64,
    pub amount: u64,
}

/// Sizes an exit. `UNSTAKE_ALL`, or exactly the value of every available share, takes
/// every share (so no dust share is left behind); a smaller amount burns shares rounded
/// up; more than the shares are worth fails.
pub fn size_exit(pool: &Pool, available: u64, amount: u64, all: u64) -> Result<Exit, ErrorCode> {
    if amount == 0 {
        return Err(ErrorCode::ZeroAmount);
    }
    if available == 0 {
        return Err(ErrorCode::InsufficientStake);
    }
    let worth = pool.value(available)?;
    if amount == all || amount == worth {
        return Ok(Exit { shares: available, amount: worth });
    }
    if amount > worth {
        return Err(ErrorCode::InsufficientStake);
    }
    // Note: 0 < amount < worth <= tokens, so the pool has tokens, and amount * shares /
    // tokens <= available, so the rounded-up share count is at most `available`.
    let shares = pool.shares_for(amount)?;
    Ok(Exit { shares, amount })
}

/// `costake_shares` are within `max_bps` of `total_shares` (both of one pool, so share
/// counts compare like token values). Exact: both products are 128-bit.
pub fn within_costake_cap(costake_shares: u64, total_shares: u64, max_bps: u16) -> bool {
    let costake = math::mul_wide(costake_shares, BPS_DENOMINATOR);
    let cap = math::mul_wide(total_shares, max_bps as u64);
    costake <= cap
}

/// The accumulator as computed, from its stored `u128` field (a byte move, no 128-bit
/// arithmetic on-chain).
#[inline(always)]
pub fn wide(stored: u128) -> U128 {
    U128::from_le_bytes(&stored.to_le_bytes())
}

/// The accumulator's stored form.
#[inline(always)]
pub fn stored(value: U128) -> u128 {
    u128::from_le_bytes(value.to_le_bytes())
}

/// What the node's state says about who may earn a reward.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Earners {
    /// The node's co-staker share, in basis points.
    pub share_bps: u16,
    /// Co-stake shares (earning or leaving): whether anyone backs the node at all.
    pub costake_shares: u64,
    /// Co-stake shares that earn (not leaving).
    pub earning_shares: u64,
    /// The owner earns its part: the node is within its co-stake cap.
    pub owner_earns: bool,
}

/// How a node's reward is divided.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct RewardSplit {
    /// Added to the owner's claimable rewards.
    pub owner: u64,
    /// The co-stakers' part of this reward (in the accumulator now, or carried).
    pub costakers: u64,
    /// Not credited to anyone: stays in the reward vault.
    pub forfeited: u64,
    /// The node's new reward-per-share accumulator.
    pub reward_per_share: U128,
    /// The co-stakers' rewards still to go into the accumulator (with their next reward).
    pub carry: u64,
}

/// Splits `amount` by the co-staker share between the owner and the co-stakers'
/// accumulator (`reward_per_share`, scaled by REWARD_PER_SHARE_SCALE, over the earning
/// shares). The co-stakers' part never goes to the owner:
///
/// * It goes into the accumulator with what was `carry`ed, rounded down; the accumulator
///   is credited for at most `ceil(increase * earning / SCALE)` tokens (each claim rounds
///   down, so the claims never add up to more), and the rest is carried to the node's next
///   reward for the co-stakers. The u128 accumulator cannot overflow: a node's rewards
///   add up to at most u64::MAX (its cumulative amount is a u64) over at least one share,
///   so it stays below 2^64 * 10^12 < 2^104. Were it to, the part would be carried too.
/// * When co-stake exists but none of it earns (every co-staker is leaving, and leaving
///   shares earn nothing), the part is forfeited: it stays in the reward vault.
/// * Only a node without any co-stake pays the part to its owner: its owner's terms are
///   then the whole reward.
///
/// A node over its co-stake cap is not eligible: its owner's part is forfeited (the
/// co-stakers keep theirs).
// Note: inlined, as its arguments exceed the five registers BPF calls can pass.
#[inline(always)]
pub fn split_reward(amount: u64, earners: Earners, reward_per_share: U128, carry: u64) -> Result<RewardSplit, ErrorCode> {
    let part = math::bps(amount, earners.share_bps as u64).ok_or(ErrorCode::MathOverflow)?;
    // Note: part = amount * share_bps / 10 000 <= amount.
    let owner_part = amount - part;
    let mut split = RewardSplit { owner: 0, costakers: 0, forfeited: 0, reward_per_share, carry };
    let mut to_owner = owner_part;
    if earners.costake_shares == 0 {
        // Note: owner_part + part == amount.
        to_owner = amount;
    } else if earners.earning_shares == 0 {
        split.forfeited = part;
    } else {
        split.costakers = part;
        let pot = math::checked_add(part, carry).ok_or(ErrorCode::MathOverflow)?;
        let increase = math::mul_div_wide(pot, REWARD_PER_SHARE_SCALE, earners.earning_shares)
            .ok_or(ErrorCode::MathOverflow)?;
        match reward_per_share.checked_add(increase) {
            Some(next) => {
                // Note: increase * earning <= pot * SCALE, so the reserve is at most pot.
                let reserved = math::mul_wide_div(earners.earning_shares, increase, REWARD_PER_SHARE_SCALE, true)
                    .unwrap_or(pot);
                split.reward_per_share = next;
                split.carry = pot.saturating_sub(reserved);
            }
            None => split.carry = pot,
        }
    }
    if earners.owner_earns {
        split.owner = to_owner;
    } else {
        // Note: both terms are parts of amount.
        split.forfeited += to_owner;
    }
    Ok(split)
}

/// Rewards `shares` earned while the accumulator moved from `snapshot` to
/// `reward_per_share`, rounded down.
///
/// Never fails, so that leaving never depends on reward bookkeeping: the result is at most
/// what was reserved for these shares (the shares were part of every denominator since the
/// snapshot), which fits in u64; were it ever not computable, it is dropped (it stays in the
/// reward vault) rather than blocking the caller.
pub fn earned(shares: u64, reward_per_share: U128, snapshot: U128) -> u64 {
    let Some(delta) = reward_per_share.checked_sub(snapshot) else {
        return 0;
    };
    // Nothing was credited since the snapshot (the usual case between two calls of one
    // staker), or nothing earns: spares the wide division.
    if shares == 0 || delta == U128::ZERO {
        return 0;
    }
    math::mul_wide_div(shares, delta, REWARD_PER_SHARE_SCALE, false).unwrap_or(0)
}

/// Whether a node's jail forfeits a claim against a root posted at `posted_at`.
///
/// A root posted before the jail started (`jailed_at`) pays what the node earned before
/// it: credited, jailed or not, whoever claims and whenever. A root posted during the jail
/// (until `jailed_until`) is forfeited. So is the node's first claim against a root posted
/// after the jail when no claim was made against one posted since the jail started
/// (`last_claim_posted_at` before `jailed_at`): what it adds covers the jail, so waiting
/// for the jail to end dodges nothing. What the node had not claimed when the jail's first
/// root was posted counts as that root's (the root before it could be claimed by anyone).
/// An unjailed node (appeal upheld) has `jailed_at == 0` and forfeits nothing.
pub fn jail_forfeits(posted_at: i64, jailed_at: i64, jailed_until: i64, last_claim_posted_at: i64) -> bool {
    if jailed_at == 0 || posted_at < jailed_at {
        return false;
    }
    posted_at < jailed_until || last_claim_posted_at < jailed_at
}

/// Bounds on every setting, each with its named error.
pub fn check_params(params: &ConfigParams) -> Result<(), ErrorCode> {
    let cooldown = params.unstake_cooldown_secs();
    let exit_wait = params.costaker_exit_wait_secs();
    if cooldown < 0 || exit_wait < 0 {
        return Err(ErrorCode::InvalidDuration);
    }
    if cooldown < MIN_UNSTAKE_COOLDOWN_SECS {
        return Err(ErrorCode::CooldownTooShort);
    }
    if exit_wait < MIN_COSTAKER_EXIT_WAIT_SECS {
        return Err(ErrorCode::ExitWaitTooShort);
    }
    if cooldown > MAX_DURATION_SECS || exit_wait > MAX_DURATION_SECS {
        return Err(ErrorCode::DurationTooLong);
    }
    if params.max_costake_bps() as u64 > BPS_DENOMINATOR {
        return Err(ErrorCode::InvalidBps);
    }
    if params.max_costake_bps() > MAX_COSTAKE_BPS {
        return Err(ErrorCode::CostakeCapTooHigh);
    }
    if params.min_stake_per_gpu() == 0 {
        return Err(ErrorCode::MinStakeZero);
    }
    Ok(())
}

/// A change from the current settings to `new` that takes nothing from stakers, and so
/// may apply at once: the same keys that can take or direct funds (slasher, treasury,
/// reward authority), the same cooldown and exit wait (shorter ones let stake escape a
/// slash, longer ones hold stakers longer than they agreed to), the same co-stake cap and
/// minimum stake (either changes which nodes are eligible), and burning not turned off.
/// What may change at once: the pause authority (a pause stops no exit) and burning
/// turned on (slashed stake then reaches nobody).
pub fn applies_at_once(config: &StakingConfig, new: &ConfigParams) -> bool {
    keys_eq(config.slasher(), new.slasher())
        && keys_eq(config.treasury(), new.treasury())
        && keys_eq(config.reward_authority(), new.reward_authority())
        && config.min_stake_per_gpu() == new.min_stake_per_gpu()
        && config.max_costake_bps() == new.max_costake_bps()
        && new.unstake_cooldown_secs() == config.unstake_cooldown_secs()
        && new.costaker_exit_wait_secs() == config.costaker_exit_wait_secs()
        && (new.slash_burn() || !config.slash_burn())
}

/// How long a weakening change waits: longer than a co-staker's whole exit (exit wait and
/// cooldown, the longest way out) under the current settings, plus a margin.
pub fn change_delay(cooldown: i64, exit_wait: i64) -> Result<i64, ErrorCode> {
    cooldown
        .checked_add(exit_wait)
        .and_then(|d| d.checked_add(CONFIG_DELAY_MARGIN_SECS))
        .ok_or(ErrorCode::MathOverflow)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interface::UNSTAKE_ALL;

    const IO: u64 = 1_000_000;

    #[test]
    fn minimum_stake_matches_io_net_examples() {
        // 8×H100 at multiplier 10 → 16 000 IO; 4×RTX 4070 at 0.25 → 800 IO.
        assert_eq!(minimum_stake(200 * IO, 100_000, 8), Ok(16_000 * IO));
        assert_eq!(minimum_stake(200 * IO, 2_500, 4), Ok(800 * IO));
        assert_eq!(minimum_stake(200 * IO, 10_000, 1), Ok(200 * IO));
        assert_eq!(minimum_stake(u64::MAX, 20_000, 1), Err(ErrorCode::MathOverflow));
        assert_eq!(minimum_stake(u64::MAX, 10_000, 2), Err(ErrorCode::MathOverflow));
    }

    #[test]
    fn node_terms_are_bounded() {
        assert_eq!(check_node_terms(1, 10_000, 10_000), Ok(()));
        assert_eq!(check_node_terms(0, 10_000, 0), Err(ErrorCode::InvalidGpuCount));
        assert_eq!(check_node_terms(1, 0, 0), Err(ErrorCode::InvalidMultiplier));
        assert_eq!(check_node_terms(1, MAX_MULTIPLIER_BPS + 1, 0), Err(ErrorCode::InvalidMultiplier));
        assert_eq!(check_node_terms(1, 10_000, 10_001), Err(ErrorCode::InvalidBps));
    }

    #[test]
    fn first_deposit_mints_one_share_per_token() {
        let mut pool = Pool::default();
        assert_eq!(pool.deposit(500), Ok(500));
        assert_eq!(pool, Pool { tokens: 500, shares: 500 });
        assert_eq!(pool.value(200), Ok(200));
    }

    #[test]
    fn deposits_round_down_after_a_slash() {
        let mut pool = Pool { tokens: 1_000, shares: 1_000 };
        assert_eq!(pool.slash(3_333), Ok(333));
        assert_eq!(pool.tokens, 667);
        // 100 tokens at 0.667 per share: 149.9… shares, rounded down.
        assert_eq!(pool.deposit(100), Ok(149));
        assert_eq!(pool, Pool { tokens: 767, shares: 1_149 });
        // The new shares are worth no more than what was paid.
        assert!(pool.value(149).unwrap() <= 100);
    }

    #[test]
    fn a_deposit_too_small_for_a_share_mints_nothing() {
        let mut pool = Pool { tokens: 3, shares: 2 };
        assert_eq!(pool.deposit(1), Ok(0));
        assert_eq!(pool, Pool { tokens: 4, shares: 2 });
    }

    #[test]
    fn depleted_pools_refuse_deposits_until_empty() {
        let mut pool = Pool { tokens: 50, shares: 40 };
        assert_eq!(pool.slash(10_000), Ok(50));
        assert!(pool.is_depleted());
        assert_eq!(pool.deposit(10), Err(ErrorCode::PoolDepleted));
        assert_eq!(pool.redeem(40), Ok(0));
        assert_eq!(pool, Pool::default());
        assert_eq!(pool.deposit(10), Ok(10));
    }

    #[test]
    fn leftover_tokens_without_shares_go_to_the_next_depositor() {
        let mut pool = Pool { tokens: 2, shares: 0 };
        assert!(!pool.is_depleted());
        assert_eq!(pool.deposit(10), Ok(10));
        assert_eq!(pool.value(10), Ok(12));
    }

    #[test]
    fn a_price_of_one_is_the_identity() {
        let mut pool = Pool { tokens: 700, shares: 700 };
        assert_eq!(pool.value(u64::MAX), Ok(u64::MAX));
        assert_eq!(pool.shares_for(123), Ok(123));
        assert_eq!(pool.deposit(5), Ok(5));
        assert_eq!(Pool { tokens: 0, shares: 0 }.value(5), Ok(0));
    }

    #[test]
    fn exits_burn_shares_rounding_up() {
        let pool = Pool { tokens: 2, shares: 3 };
        // 1 token is 1.5 shares: 2 are burned.
        assert_eq!(size_exit(&pool, 3, 1, UNSTAKE_ALL), Ok(Exit { shares: 2, amount: 1 }));
        // All: every share, for the rounded-down value.
        assert_eq!(size_exit(&pool, 3, UNSTAKE_ALL, UNSTAKE_ALL), Ok(Exit { shares: 3, amount: 2 }));
        assert_eq!(size_exit(&pool, 3, 2, UNSTAKE_ALL), Ok(Exit { shares: 3, amount: 2 }));
        assert_eq!(size_exit(&pool, 3, 3, UNSTAKE_ALL), Err(ErrorCode::InsufficientStake));
        assert_eq!(size_exit(&pool, 3, 0, UNSTAKE_ALL), Err(ErrorCode::ZeroAmount));
        assert_eq!(size_exit(&pool, 0, 1, UNSTAKE_ALL), Err(ErrorCode::InsufficientStake));
        // Part of a holding.
        let pool = Pool { tokens: 667, shares: 1_000 };
        assert_eq!(size_exit(&pool, 600, 100, UNSTAKE_ALL), Ok(Exit { shares: 150, amount: 100 }));
        assert_eq!(size_exit(&pool, 600, 400, UNSTAKE_ALL), Ok(Exit { shares: 600, amount: 400 }));
        assert_eq!(size_exit(&pool, 600, 401, UNSTAKE_ALL), Err(ErrorCode::InsufficientStake));
    }

    #[test]
    fn a_worthless_holding_can_always_leave() {
        let pool = Pool { tokens: 0, shares: 10 };
        assert_eq!(size_exit(&pool, 10, UNSTAKE_ALL, UNSTAKE_ALL), Ok(Exit { shares: 10, amount: 0 }));
        assert_eq!(size_exit(&pool, 10, 1, UNSTAKE_ALL), Err(ErrorCode::InsufficientStake));
    }

    #[test]
    fn slashing_rounds_in_the_stakers_favour() {
        let mut pool = Pool { tokens: 999, shares: 999 };
        assert_eq!(pool.slash(1), Ok(0));
        assert_eq!(pool.slash(5_000), Ok(499));
        assert_eq!(pool.tokens, 500);
        let mut pool = Pool { tokens: u64::MAX, shares: 1 };
        assert_eq!(pool.slash(10_000), Ok(u64::MAX));
    }

    #[test]
    fn costake_cap_is_exact() {
        assert!(within_costake_cap(500, 1_000, 5_000));
        assert!(!within_costake_cap(501, 1_000, 5_000));
        assert!(!within_costake_cap(1, 1, 5_000));
        assert!(within_costake_cap(0, 0, 0));
        assert!(within_costake_cap(u64::MAX / 2, u64::MAX, 5_000));
        assert!(!within_costake_cap(u64::MAX / 2 + 1, u64::MAX, 5_000));
        assert!(within_costake_cap(u64::MAX, u64::MAX, 10_000));
    }

    const E: Earners = Earners { share_bps: 2_500, costake_shares: 400, earning_shares: 400, owner_earns: true };

    fn w(v: u128) -> U128 {
        U128 { hi: (v >> 64) as u64, lo: v as u64 }
    }

    #[test]
    fn reward_split_by_share() {
        let s = split_reward(1_000, E, U128::ZERO, 0).unwrap();
        assert_eq!((s.owner, s.costakers, s.forfeited, s.carry), (750, 250, 0, 0));
        assert_eq!(s.reward_per_share, w(250 * REWARD_PER_SHARE_SCALE as u128 / 400));
        assert_eq!(earned(400, s.reward_per_share, U128::ZERO), 250);
        assert_eq!(earned(100, s.reward_per_share, U128::ZERO), 62);
    }

    #[test]
    fn the_costakers_part_never_goes_to_the_owner() {
        // No co-stake at all: the owner's terms are the whole reward.
        let none = Earners { costake_shares: 0, earning_shares: 0, ..E };
        let s = split_reward(1_000, none, w(7), 3).unwrap();
        assert_eq!((s.owner, s.costakers, s.forfeited, s.reward_per_share, s.carry), (1_000, 0, 0, w(7), 3));
        // Co-stake, but every co-staker leaving: their part is forfeited.
        let leaving = Earners { earning_shares: 0, ..E };
        let s = split_reward(1_000, leaving, w(7), 3).unwrap();
        assert_eq!((s.owner, s.costakers, s.forfeited, s.reward_per_share, s.carry), (750, 0, 250, w(7), 3));
        // Too small to move the accumulator: carried, then credited with the next reward.
        let huge = Earners { share_bps: 10_000, costake_shares: 3 * REWARD_PER_SHARE_SCALE, earning_shares: 3 * REWARD_PER_SHARE_SCALE, owner_earns: true };
        let s = split_reward(1, huge, w(7), 0).unwrap();
        assert_eq!((s.owner, s.costakers, s.reward_per_share, s.carry), (0, 1, w(7), 1));
        let s = split_reward(2, huge, s.reward_per_share, s.carry).unwrap();
        assert_eq!((s.owner, s.reward_per_share, s.carry), (0, w(8), 0));
        // The review's attack: dust co-stake and a sized reward no longer saturate anything.
        let dust = Earners { share_bps: 2_000, costake_shares: 1, earning_shares: 1, owner_earns: true };
        let s = split_reward(92_000_000, dust, U128::ZERO, 0).unwrap();
        assert_eq!(s.reward_per_share, w(18_400_000 * REWARD_PER_SHARE_SCALE as u128));
        let real = Earners { costake_shares: 1_000_000_001, earning_shares: 1_000_000_001, ..dust };
        let t = split_reward(100_000_000, real, s.reward_per_share, s.carry).unwrap();
        assert_eq!((t.owner, t.costakers, t.forfeited), (80_000_000, 20_000_000, 0));
        assert!(earned(1_000_000_000, t.reward_per_share, s.reward_per_share) >= 19_999_999);
        // The largest reward over one share fits; the owner still gets only its part.
        let one = Earners { share_bps: 10_000, costake_shares: 1, earning_shares: 1, owner_earns: true };
        let s = split_reward(u64::MAX, one, U128::ZERO, 0).unwrap();
        assert_eq!((s.owner, s.carry), (0, 0));
        assert_eq!(earned(1, s.reward_per_share, U128::ZERO), u64::MAX);
        // An accumulator at its limit carries the part instead.
        let s = split_reward(1_000, one, U128::MAX, 0).unwrap();
        assert_eq!((s.owner, s.reward_per_share, s.carry), (0, U128::MAX, 1_000));
    }

    #[test]
    fn a_node_over_its_cap_earns_its_owner_nothing() {
        let over = Earners { owner_earns: false, ..E };
        let s = split_reward(1_000, over, U128::ZERO, 0).unwrap();
        assert_eq!((s.owner, s.costakers, s.forfeited), (0, 250, 750));
    }

    #[test]
    fn earned_never_fails() {
        assert_eq!(earned(5, w(3), w(10)), 0); // a snapshot ahead of the accumulator
        assert_eq!(earned(u64::MAX, U128::MAX, U128::ZERO), 0); // not computable: dropped
        assert_eq!(earned(0, U128::MAX, U128::ZERO), 0);
    }

    #[test]
    fn jail_forfeits_by_when_the_root_was_posted() {
        // Never jailed, or unjailed.
        assert!(!jail_forfeits(100, 0, 0, 0));
        // Before the jail started: credited, whenever claimed.
        assert!(!jail_forfeits(99, 100, 200, 0));
        // During the jail.
        assert!(jail_forfeits(100, 100, 200, 0));
        assert!(jail_forfeits(199, 100, 200, 150));
        // After it, without a claim since it started: forfeited; with one: credited.
        assert!(jail_forfeits(250, 100, 200, 99));
        assert!(!jail_forfeits(250, 100, 200, 150));
    }

    fn params(min_stake: u64, cooldown: i64, exit_wait: i64, cap: u16) -> ConfigParams {
        ConfigParams::new([1; 32], [2; 32], [3; 32], [4; 32], min_stake, cooldown, exit_wait, cap, false)
    }

    #[test]
    fn every_setting_is_bounded() {
        const DAY: i64 = 86_400;
        assert_eq!(check_params(&params(1, 14 * DAY, 7 * DAY, 5_000)), Ok(()));
        assert_eq!(check_params(&params(1, MIN_UNSTAKE_COOLDOWN_SECS, MIN_COSTAKER_EXIT_WAIT_SECS, 0)), Ok(()));
        assert_eq!(check_params(&params(1, MAX_DURATION_SECS, MAX_DURATION_SECS, 5_000)), Ok(()));
        assert_eq!(check_params(&params(1, -1, 7 * DAY, 5_000)), Err(ErrorCode::InvalidDuration));
        assert_eq!(check_params(&params(1, 0, 7 * DAY, 5_000)), Err(ErrorCode::CooldownTooShort));
        assert_eq!(check_params(&params(1, MIN_UNSTAKE_COOLDOWN_SECS - 1, 7 * DAY, 5_000)), Err(ErrorCode::CooldownTooShort));
        assert_eq!(check_params(&params(1, 14 * DAY, 0, 5_000)), Err(ErrorCode::ExitWaitTooShort));
        assert_eq!(check_params(&params(1, MAX_DURATION_SECS + 1, 7 * DAY, 5_000)), Err(ErrorCode::DurationTooLong));
        assert_eq!(check_params(&params(1, 14 * DAY, MAX_DURATION_SECS + 1, 5_000)), Err(ErrorCode::DurationTooLong));
        assert_eq!(check_params(&params(1, 14 * DAY, 7 * DAY, 10_001)), Err(ErrorCode::InvalidBps));
        assert_eq!(check_params(&params(1, 14 * DAY, 7 * DAY, 5_001)), Err(ErrorCode::CostakeCapTooHigh));
        assert_eq!(check_params(&params(0, 14 * DAY, 7 * DAY, 5_000)), Err(ErrorCode::MinStakeZero));
        // The delay outlasts a co-staker's whole exit under the current settings.
        assert_eq!(change_delay(14 * DAY, 7 * DAY), Ok(22 * DAY));
        assert_eq!(change_delay(i64::MAX, 1), Err(ErrorCode::MathOverflow));
    }

    /// xorshift64*: small, deterministic, no crates.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// Random stakes, exits, slashes and rewards over a few holders: the pool's tokens
    /// always cover what every holding is worth, by less than one token per holder, and the
    /// co-stakers' claims never exceed what was reserved for them.
    #[test]
    fn random_operations_keep_the_pool_solvent() {
        let mut rng = Rng(0x5EED_1234_ABCD_0001);
        for _ in 0..2_000 {
            let mut pool = Pool::default();
            let mut holdings = [0u64; 4];
            let mut snapshots = [U128::ZERO; 4];
            let mut claimed = 0u64;
            let mut reserved = 0u64;
            let mut reward_per_share = U128::ZERO;
            let mut carry = 0u64;
            for _ in 0..40 {
                let who = rng.below(4) as usize;
                match rng.below(4) {
                    0 => {
                        let amount = rng.below(1_000_000) + 1;
                        if let Ok(shares) = pool.deposit(amount) {
                            claimed += earned(holdings[who], reward_per_share, snapshots[who]);
                            snapshots[who] = reward_per_share;
                            holdings[who] += shares;
                        }
                    }
                    1 => {
                        let worth = pool.value(holdings[who]).unwrap();
                        let amount = if rng.below(3) == 0 { UNSTAKE_ALL } else { rng.below(worth + 2) };
                        if let Ok(exit) = size_exit(&pool, holdings[who], amount, UNSTAKE_ALL) {
                            assert!(exit.amount <= worth);
                            assert!(exit.shares <= holdings[who]);
                            claimed += earned(holdings[who], reward_per_share, snapshots[who]);
                            snapshots[who] = reward_per_share;
                            pool.remove(exit.shares, exit.amount).unwrap();
                            holdings[who] -= exit.shares;
                        }
                    }
                    2 => {
                        pool.slash(rng.below(10_001) as u16).unwrap();
                    }
                    _ => {
                        let earning: u64 = holdings.iter().sum();
                        let earners = Earners { share_bps: 3_000, costake_shares: earning, earning_shares: earning, owner_earns: true };
                        let split = split_reward(rng.below(10_000_000), earners, reward_per_share, carry).unwrap();
                        reserved += split.costakers;
                        reward_per_share = split.reward_per_share;
                        carry = split.carry;
                    }
                }
                let total: u64 = holdings.iter().sum();
                assert_eq!(total, pool.shares);
                let worth: u64 = holdings.iter().map(|&h| pool.value(h).unwrap()).sum();
                assert!(worth <= pool.tokens);
                if pool.shares != 0 {
                    assert!(pool.tokens - worth < 4, "{pool:?} {holdings:?}");
                }
                let unclaimed: u64 =
                    (0..4).map(|i| earned(holdings[i], reward_per_share, snapshots[i])).sum();
                assert!(claimed + unclaimed + carry <= reserved);
            }
        }
    }
}
