//! `dispute`: the node's owner (declared: `node.owner`, the node an io_staking Node that
//! the proposal names) disputes a pending proposal before its challenge window ends, with
//! the sha256 of the counter-evidence. The proposal then waits for the admin's `resolve`
//! until its appeal window ends (fixed here); after that anyone may cancel it, so that an
//! unanswered appeal cannot hold the node's withdrawals forever.

use framework::error::ProgramResult;
use framework::sysvar::Clock;

use crate::interface::{
    DisputeAccounts, DisputeArgs, ErrorCode, SlashDisputed, STATUS_DISPUTED, STATUS_PENDING,
};

pub fn process(accounts: &mut DisputeAccounts, args: DisputeArgs) -> ProgramResult {
    let DisputeAccounts { config, proposal, node, owner, .. } = accounts;
    if proposal.status() != STATUS_PENDING {
        return Err(ErrorCode::NotPending.into());
    }
    if Clock::unix_timestamp()? >= proposal.challenge_ends_at() {
        return Err(ErrorCode::ChallengeWindowOver.into());
    }
    let appeal_ends = proposal
        .challenge_ends_at()
        .checked_add(config.params().appeal_window_secs())
        .ok_or(ErrorCode::MathOverflow)?;

    proposal.set_status(STATUS_DISPUTED);
    proposal.set_appeal_ends_at(appeal_ends);
    *proposal.counter_evidence_hash_mut() = args.counter_evidence_hash;
    SlashDisputed {
        proposal: *proposal.key(),
        node: *node.key(),
        owner: *owner.key(),
        evidence_hash: *proposal.evidence_hash(),
        counter_evidence_hash: args.counter_evidence_hash,
    }
    .emit();
    Ok(())
}
