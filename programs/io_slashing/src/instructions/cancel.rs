//! `cancel`: the proposal's reporter or the admin withdraws it before execution (pending,
//! disputed or upheld); anyone may, once a dispute has waited unresolved until its appeal
//! window ended. It stops counting toward the rolling cap, and io_staking's pending
//! counter of the node drops.

use framework::error::ProgramResult;
use framework::pubkey::keys_eq;
use framework::sysvar::Clock;

use crate::interface::{
    CancelAccounts, CancelArgs, ErrorCode, SlashCancelled, STATUS_CANCELLED, STATUS_DISPUTED,
    STATUS_UPHELD,
};
use crate::proposal::close_unexecuted;
use crate::staking::Staking;

pub fn process(accounts: &mut CancelAccounts, _args: CancelArgs) -> ProgramResult {
    let CancelAccounts {
        config,
        proposal,
        record,
        node,
        authority,
        slasher,
        staking_program,
        staking_config,
        ..
    } = accounts;
    // Pending, disputed and upheld (0, 1, 2) are open; the rest are closed.
    if proposal.status() > STATUS_UPHELD {
        return Err(ErrorCode::ProposalClosed.into());
    }
    let now = Clock::unix_timestamp()?;
    let lapsed = proposal.status() == STATUS_DISPUTED && now >= proposal.appeal_ends_at();
    if !lapsed
        && !keys_eq(authority.key(), proposal.reporter())
        && !keys_eq(authority.key(), config.admin())
    {
        return Err(ErrorCode::NotReporterOrAdmin.into());
    }

    let staking = Staking::new(config, staking_program, staking_config, node, slasher);
    close_unexecuted(proposal, record, STATUS_CANCELLED, now, &staking)?;

    SlashCancelled {
        proposal: *proposal.key(),
        node: *node.key(),
        by: *authority.key(),
        evidence_hash: *proposal.evidence_hash(),
    }
    .emit();
    Ok(())
}
