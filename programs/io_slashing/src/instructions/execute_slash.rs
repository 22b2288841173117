//! `execute_slash`: anyone executes a proposal once its challenge window has passed
//! undisputed, or after the admin upheld it; never a disputed one before the appeal, nor
//! a closed one (so a proposal executes at most once). io_staking's `slash` takes the
//! proposal's bps of both of the node's pools (owner and co-stakers alike, unbonding stake
//! included), its pending counter drops, and an offense that jails jails the node for the
//! offense's duration. All three are CPIs signed by the ["slasher"] PDA.

use framework::error::ProgramResult;
use framework::sysvar::Clock;

use crate::interface::{
    ErrorCode, ExecuteSlashAccounts, ExecuteSlashArgs, SlashExecuted, STATUS_DISPUTED,
    STATUS_EXECUTED, STATUS_PENDING, STATUS_UPHELD,
};
use crate::staking::{SlashTokens, Staking};

pub fn process(accounts: &mut ExecuteSlashAccounts, _args: ExecuteSlashArgs) -> ProgramResult {
    let ExecuteSlashAccounts {
        config,
        proposal,
        record,
        node,
        slasher,
        staking_program,
        staking_config,
        stake_vault,
        stake_mint,
        treasury,
        stake_token_program,
        ..
    } = accounts;
    if config.paused() {
        return Err(ErrorCode::Paused.into());
    }
    let now = Clock::unix_timestamp()?;
    match proposal.status() {
        STATUS_PENDING if now < proposal.challenge_ends_at() => {
            return Err(ErrorCode::ChallengeWindowOpen.into())
        }
        STATUS_PENDING | STATUS_UPHELD => {}
        STATUS_DISPUTED => return Err(ErrorCode::DisputeUnresolved.into()),
        _ => return Err(ErrorCode::ProposalClosed.into()),
    }

    proposal.set_status(STATUS_EXECUTED);
    proposal.set_closed_at(now);
    // Note: at most one execution per proposal, each paid for in rent: no u32 overflow.
    let executed = record.executed() + 1;
    record.set_executed(executed);
    let jail_secs = config.params().offenses()[proposal.offense() as usize].jail_secs();

    let staking = Staking::new(config, staking_program, staking_config, node, slasher);
    let tokens =
        SlashTokens { stake_vault, stake_mint, treasury, token_program: stake_token_program };
    staking.slash(proposal.bps(), &tokens)?;
    staking.lower_pending()?;
    let jailed_until = if jail_secs > 0 {
        let until = now.checked_add(jail_secs).ok_or(ErrorCode::MathOverflow)?;
        staking.jail(until)?;
        until
    } else {
        0
    };

    SlashExecuted {
        proposal: *proposal.key(),
        node: *node.key(),
        offense: proposal.offense(),
        bps: proposal.bps(),
        evidence_hash: *proposal.evidence_hash(),
        jailed_until,
    }
    .emit();
    Ok(())
}
