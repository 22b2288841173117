//! The protocol's arithmetic, kept apart from account handling so it can be tested on
//! the host: minimum stake, share pools, slashing, the reward split and accumulator.
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

use framework::math;

use crate::interface::{
    ErrorCode, Pool as PoolData, BPS_DENOMINATOR, MAX_MULTIPLIER_BPS, REWARD_PER_SHARE_SCALE,
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
        let taken = math::bps(self.tokens, bps as u64).ok_or(ErrorCode::MathOverflow)?;
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

/// How a node's reward is divided.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct RewardSplit {
    /// Added to the owner's claimable rewards.
    pub owner: u64,
    /// Reserved for the earning co-stakers (what they can claim in total is at most this).
    pub costakers: u64,
    /// The node's new reward-per-share accumulator.
    pub reward_per_share: u64,
}

/// Splits `amount` by the co-staker share `share_bps` between the owner and the co-stakers'
/// accumulator (`reward_per_share`, scaled by REWARD_PER_SHARE_SCALE, over `earning_shares`).
///
/// The co-staker part is rounded down, and so is each co-staker's claim, so the claims
/// never add up to more than was reserved. When no co-staker earns, or the part is too
/// small to move the accumulator, or the accumulator would overflow (only with dust
/// co-stake against huge rewards), the whole amount goes to the owner: nothing is stranded.
pub fn split_reward(amount: u64, share_bps: u16, earning_shares: u64, reward_per_share: u64) -> RewardSplit {
    let to_owner = RewardSplit { owner: amount, costakers: 0, reward_per_share };
    if earning_shares == 0 {
        return to_owner;
    }
    let Some(costakers) = math::bps(amount, share_bps as u64) else {
        return to_owner;
    };
    let increase = match math::mul_div_floor(costakers, REWARD_PER_SHARE_SCALE, earning_shares) {
        Some(0) | None => return to_owner,
        Some(increase) => increase,
    };
    let Some(reward_per_share) = math::checked_add(reward_per_share, increase) else {
        return to_owner;
    };
    // Note: costakers = amount * share_bps / 10 000 <= amount.
    RewardSplit { owner: amount - costakers, costakers, reward_per_share }
}

/// Rewards `shares` earned while the accumulator moved from `snapshot` to
/// `reward_per_share`, rounded down.
///
/// Never fails, so that leaving never depends on reward bookkeeping: the result is at most
/// what was reserved for these shares (the shares were part of every denominator since the
/// snapshot), which fits in u64; were it ever not computable, it is dropped (it stays in the
/// reward vault) rather than blocking the caller.
pub fn earned(shares: u64, reward_per_share: u64, snapshot: u64) -> u64 {
    let Some(delta) = math::checked_sub(reward_per_share, snapshot) else {
        return 0;
    };
    math::mul_div_floor(shares, delta, REWARD_PER_SHARE_SCALE).unwrap_or(0)
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

    #[test]
    fn reward_split_by_share() {
        let s = split_reward(1_000, 2_500, 400, 0);
        assert_eq!(s.owner, 750);
        assert_eq!(s.costakers, 250);
        assert_eq!(s.reward_per_share, 250 * REWARD_PER_SHARE_SCALE / 400);
        assert_eq!(earned(400, s.reward_per_share, 0), 250);
        assert_eq!(earned(100, s.reward_per_share, 0), 62);
    }

    #[test]
    fn rewards_go_to_the_owner_when_no_costaker_earns() {
        let s = split_reward(1_000, 2_500, 0, 7);
        assert_eq!(s, RewardSplit { owner: 1_000, costakers: 0, reward_per_share: 7 });
        // Too small to move the accumulator.
        let s = split_reward(1, 10_000, REWARD_PER_SHARE_SCALE + 1, 7);
        assert_eq!(s, RewardSplit { owner: 1, costakers: 0, reward_per_share: 7 });
        // The accumulator would overflow.
        let s = split_reward(u64::MAX, 10_000, 1, 0);
        assert_eq!(s, RewardSplit { owner: u64::MAX, costakers: 0, reward_per_share: 0 });
        let s = split_reward(1_000_000, 10_000, 1, u64::MAX - 1);
        assert_eq!(s.owner, 1_000_000);
    }

    #[test]
    fn earned_never_fails() {
        assert_eq!(earned(5, 3, 10), 0); // a snapshot ahead of the accumulator
        assert_eq!(earned(u64::MAX, u64::MAX, 0), 0); // not computable: dropped
        assert_eq!(earned(0, u64::MAX, 0), 0);
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
            let mut snapshots = [0u64; 4];
            let mut claimed = 0u64;
            let mut reserved = 0u64;
            let mut reward_per_share = 0u64;
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
                        let split = split_reward(rng.below(10_000_000), 3_000, earning, reward_per_share);
                        reserved += split.costakers;
                        reward_per_share = split.reward_per_share;
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
                assert!(claimed + unclaimed <= reserved);
            }
        }
    }
}
