//! The protocol's arithmetic, kept apart from account handling so it can be tested on
//! the host.

use framework::math;

use crate::interface::{ErrorCode, BPS_DENOMINATOR, MAX_MULTIPLIER_BPS};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
