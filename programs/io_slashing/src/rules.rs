//! The rules that are arithmetic: the rolling cap over a node's window of proposals, and
//! the bounds of the settings. Pure functions over the generated types, host-tested.

use crate::interface::{
    ErrorCode, SlashingParams, WindowEntry, BPS_DENOMINATOR, MAX_DURATION_SECS,
    MIN_CHALLENGE_WINDOW_SECS,
};

/// Whether an entry made at `created_at` still counts at `now`: it counts for
/// `rolling_secs` seconds, so from `created_at + rolling_secs` on it no longer does.
#[inline(always)]
fn counts(entry: &WindowEntry, now: i64, rolling_secs: i64) -> bool {
    entry.bps() != 0 && now.saturating_sub(entry.created_at()) < rolling_secs
}

/// Admits a proposal (`entry`: its sequence number, creation time and bps) into a node's
/// window, or refuses it: the bps of every proposal that counts at its creation time
/// (pending or executed, created within the rolling window) plus its own may not exceed
/// `max_bps`. Entries that no longer count free their slots. (Five arguments at most:
/// BPF passes no arguments on the stack.)
pub fn admit(
    window: &mut [WindowEntry],
    entry: WindowEntry,
    rolling_secs: i64,
    max_bps: u16,
) -> Result<(), ErrorCode> {
    let now = entry.created_at();
    let mut total = entry.bps() as u32;
    let mut free = None;
    for (i, held) in window.iter_mut().enumerate() {
        if counts(held, now, rolling_secs) {
            // Note: at most 16 entries of at most 10 000 each: no overflow in u32.
            total += held.bps() as u32;
        } else {
            *held = WindowEntry::new(0, 0, 0);
            free = free.or(Some(i));
        }
    }
    if total > max_bps as u32 {
        return Err(ErrorCode::RollingCapExceeded);
    }
    let Some(slot) = free else {
        return Err(ErrorCode::TooManyProposals);
    };
    window[slot] = entry;
    Ok(())
}

/// A cancelled or rejected proposal no longer counts toward the cap.
#[inline(never)]
pub fn release(window: &mut [WindowEntry], seq: u64) {
    for entry in window.iter_mut() {
        if entry.bps() != 0 && entry.seq() == seq {
            *entry = WindowEntry::new(0, 0, 0);
        }
    }
}

/// The settings' bounds: a challenge window of at least the minimum, positive appeal
/// and rolling windows, a rolling cap of 1..=10 000 bps, offense caps of at most 10 000 bps, and
/// jail durations that are not negative; no duration above MAX_DURATION_SECS, so that no
/// window freezes a node's withdrawals for longer and `now + jail` cannot overflow. (Out of
/// line: initialize and update_config share one copy.)
#[inline(never)]
pub fn validate(params: &SlashingParams) -> Result<(), ErrorCode> {
    let too_long = |secs: i64| secs > MAX_DURATION_SECS;
    if params.challenge_window_secs() < MIN_CHALLENGE_WINDOW_SECS
        || params.appeal_window_secs() <= 0
        || params.rolling_window_secs() <= 0
        || too_long(params.challenge_window_secs())
        || too_long(params.appeal_window_secs())
        || too_long(params.rolling_window_secs())
    {
        return Err(ErrorCode::InvalidDuration);
    }
    if params.max_rolling_bps() == 0 || params.max_rolling_bps() as u64 > BPS_DENOMINATOR {
        return Err(ErrorCode::InvalidBps);
    }
    for offense in params.offenses() {
        if offense.max_bps() as u64 > BPS_DENOMINATOR {
            return Err(ErrorCode::InvalidBps);
        }
        if offense.jail_secs() < 0 || too_long(offense.jail_secs()) {
            return Err(ErrorCode::InvalidDuration);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interface::OffensePolicy;

    fn window() -> [WindowEntry; 16] {
        [WindowEntry::new(0, 0, 0); 16]
    }

    #[test]
    fn admits_up_to_the_cap_and_forgets_after_the_window() {
        let mut w = window();
        admit(&mut w, WindowEntry::new(0, 100, 600), 50, 1_000).unwrap();
        admit(&mut w, WindowEntry::new(1, 120, 400), 50, 1_000).unwrap();
        assert_eq!(
            admit(&mut w, WindowEntry::new(2, 149, 1), 50, 1_000),
            Err(ErrorCode::RollingCapExceeded)
        );
        // At 150 the first entry (created at 100) stops counting; the second still does.
        admit(&mut w, WindowEntry::new(2, 150, 600), 50, 1_000).unwrap();
        assert_eq!(
            admit(&mut w, WindowEntry::new(3, 169, 1), 50, 1_000),
            Err(ErrorCode::RollingCapExceeded)
        );
        admit(&mut w, WindowEntry::new(3, 170, 400), 50, 1_000).unwrap();
    }

    #[test]
    fn released_entries_stop_counting() {
        let mut w = window();
        admit(&mut w, WindowEntry::new(7, 0, 1_000), 50, 1_000).unwrap();
        assert_eq!(
            admit(&mut w, WindowEntry::new(8, 1, 1), 50, 1_000),
            Err(ErrorCode::RollingCapExceeded)
        );
        release(&mut w, 7);
        admit(&mut w, WindowEntry::new(8, 1, 1_000), 50, 1_000).unwrap();
    }

    #[test]
    fn a_full_window_refuses_more_proposals() {
        let mut w = window();
        for seq in 0..16 {
            admit(&mut w, WindowEntry::new(seq, 0, 1), 50, 10_000).unwrap();
        }
        assert_eq!(
            admit(&mut w, WindowEntry::new(16, 0, 1), 50, 10_000),
            Err(ErrorCode::TooManyProposals)
        );
        admit(&mut w, WindowEntry::new(16, 50, 1), 50, 10_000).unwrap();
    }

    #[test]
    fn settings_bounds() {
        let ok = SlashingParams::new(
            MIN_CHALLENGE_WINDOW_SECS,
            1,
            1,
            1,
            [OffensePolicy::new(10_000, 0); 4],
        );
        assert_eq!(validate(&ok), Ok(()));
        let short = SlashingParams::new(
            MIN_CHALLENGE_WINDOW_SECS - 1,
            1,
            1,
            1,
            [OffensePolicy::new(0, 0); 4],
        );
        assert_eq!(validate(&short), Err(ErrorCode::InvalidDuration));
        let cap = SlashingParams::new(
            MIN_CHALLENGE_WINDOW_SECS,
            1,
            1,
            10_001,
            [OffensePolicy::new(0, 0); 4],
        );
        assert_eq!(validate(&cap), Err(ErrorCode::InvalidBps));
        let jail =
            SlashingParams::new(MIN_CHALLENGE_WINDOW_SECS, 1, 1, 1, [OffensePolicy::new(0, -1); 4]);
        assert_eq!(validate(&jail), Err(ErrorCode::InvalidDuration));
    }

    #[test]
    fn no_duration_above_a_year() {
        let max = MAX_DURATION_SECS;
        let longest = SlashingParams::new(max, max, max, 1, [OffensePolicy::new(0, max); 4]);
        assert_eq!(validate(&longest), Ok(()));
        for at in 0..4 {
            let mut d = [max; 4];
            d[at] = max + 1;
            let params = SlashingParams::new(d[0], d[1], d[2], 1, [OffensePolicy::new(0, d[3]); 4]);
            assert_eq!(validate(&params), Err(ErrorCode::InvalidDuration), "{at}");
        }
    }
}
