//! `resolve`: the appeal. Until its appeal window ends, the admin upholds a disputed
//! proposal (`execute_slash` may then run at once) or rejects it: it stops counting toward
//! the rolling cap, and io_staking's pending counter of the node drops (withdrawals resume
//! when it reaches zero).

use framework::error::ProgramResult;
use framework::sysvar::Clock;

use crate::interface::{
    DisputeResolved, ErrorCode, ResolveAccounts, ResolveArgs, STATUS_DISPUTED, STATUS_REJECTED,
    STATUS_UPHELD,
};
use crate::proposal::close_unexecuted;
use crate::staking::Staking;

pub fn process(accounts: &mut ResolveAccounts, args: ResolveArgs) -> ProgramResult {
    let ResolveAccounts {
        config,
        proposal,
        record,
        node,
        slasher,
        staking_program,
        staking_config,
        ..
    } = accounts;
    if proposal.status() != STATUS_DISPUTED {
        return Err(ErrorCode::NotDisputed.into());
    }
    // From the appeal window's end on, the appeal has lapsed in the owner's favour (anyone
    // may cancel it): the admin can no longer uphold it.
    let now = Clock::unix_timestamp()?;
    if now >= proposal.appeal_ends_at() {
        return Err(ErrorCode::AppealWindowOver.into());
    }

    if args.uphold {
        proposal.set_status(STATUS_UPHELD);
    } else {
        let staking = Staking::new(config, staking_program, staking_config, node, slasher);
        close_unexecuted(proposal, record, STATUS_REJECTED, now, &staking)?;
    }
    DisputeResolved {
        proposal: *proposal.key(),
        node: *node.key(),
        upheld: args.uphold,
        evidence_hash: *proposal.evidence_hash(),
        counter_evidence_hash: *proposal.counter_evidence_hash(),
    }
    .emit();
    Ok(())
}
