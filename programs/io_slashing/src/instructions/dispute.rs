//! `dispute`: the node's owner (declared: `node.owner`, the node an io_staking Node that
//! the proposal names) disputes a pending proposal before its challenge window ends, with
//! the sha256 of the counter-evidence. The proposal then waits for the admin's `resolve`.

use framework::error::ProgramResult;
use framework::sysvar::Clock;

use crate::interface::{DisputeAccounts, DisputeArgs, ErrorCode, SlashDisputed, STATUS_DISPUTED, STATUS_PENDING};

pub fn process(accounts: &mut DisputeAccounts, args: DisputeArgs) -> ProgramResult {
    let DisputeAccounts { proposal, node, owner, .. } = accounts;
    if proposal.status() != STATUS_PENDING {
        return Err(ErrorCode::NotPending.into());
    }
    if Clock::unix_timestamp()? >= proposal.challenge_ends_at() {
        return Err(ErrorCode::ChallengeWindowOver.into());
    }

    proposal.set_status(STATUS_DISPUTED);
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
