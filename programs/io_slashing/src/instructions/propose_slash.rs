//! `propose_slash`: a reporter proposes to slash `bps` of a node (an io_staking Node, owner
//! and type declared) for `offense`, with the sha256 of the evidence. Refused while paused,
//! for a signer outside the reporter set, an unknown offense, bps of 0 or above the
//! offense's cap, a sequence number other than the node's next, or when the node's
//! counted proposals within the rolling window would exceed the rolling cap. The proposal
//! is open to dispute until `now + challenge window` (fixed here). io_staking then counts
//! it as pending, which freezes the node's withdrawals until it is closed.

use framework::error::ProgramResult;
use framework::pubkey::keys_eq;
use framework::sysvar::Clock;

use crate::interface::{
    ErrorCode, ProposeSlashAccounts, ProposeSlashArgs, SlashProposed, WindowEntry, OFFENSE_KINDS,
};
use crate::rules;
use crate::staking::Staking;

pub fn process(accounts: &mut ProposeSlashAccounts, args: ProposeSlashArgs) -> ProgramResult {
    let ProposeSlashAccounts {
        config,
        record,
        proposal,
        node,
        reporter,
        slasher,
        staking_program,
        staking_config,
        ..
    } = accounts;
    if config.paused() {
        return Err(ErrorCode::Paused.into());
    }
    let reporters = &config.reporters()[..config.reporter_count() as usize];
    if !reporters.iter().any(|r| keys_eq(r, reporter.key())) {
        return Err(ErrorCode::NotReporter.into());
    }
    if args.offense >= OFFENSE_KINDS {
        return Err(ErrorCode::UnknownOffense.into());
    }
    let params = config.params();
    if args.bps == 0 {
        return Err(ErrorCode::InvalidBps.into());
    }
    if args.bps > params.offenses()[args.offense as usize].max_bps() {
        return Err(ErrorCode::OffenseCapExceeded.into());
    }
    if args.seq != record.next_seq() {
        return Err(ErrorCode::WrongSequence.into());
    }

    let now = Clock::unix_timestamp()?;
    let entry = WindowEntry::new(args.seq, now, args.bps);
    rules::admit(
        record.window_mut(),
        entry,
        params.rolling_window_secs(),
        params.max_rolling_bps(),
    )?;
    // Note: one proposal per sequence number, each paid for in rent: no u64 overflow.
    record.set_next_seq(args.seq + 1);
    let ends = now.checked_add(params.challenge_window_secs()).ok_or(ErrorCode::MathOverflow)?;
    proposal.set_offense(args.offense);
    proposal.set_bps(args.bps);
    proposal.set_seq(args.seq);
    *proposal.evidence_hash_mut() = args.evidence_hash;
    proposal.set_created_at(now);
    proposal.set_challenge_ends_at(ends);

    let staking = Staking::new(config, staking_program, staking_config, node, slasher);
    staking.raise_pending()?;

    SlashProposed {
        proposal: *proposal.key(),
        node: *node.key(),
        seq: args.seq,
        reporter: *reporter.key(),
        offense: args.offense,
        bps: args.bps,
        evidence_hash: args.evidence_hash,
        challenge_ends_at: ends,
    }
    .emit();
    Ok(())
}
