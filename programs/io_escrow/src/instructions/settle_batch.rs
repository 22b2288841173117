//! `settle_batch`: settles many escrows of one node in one instruction, with one token
//! transfer of their sum. The escrows are the remaining accounts, one per entry and in
//! its order; each is checked here as the interface checks a named one (writable, owner,
//! discriminator, `has_one` node, mint and payout), and none may appear twice. Any failed
//! entry fails the whole batch.

use framework::account::all_distinct_after;
use framework::check;
use framework::error::{anchor, ProgramResult};
use framework::math;
use framework::token::Payout;

use crate::books::{book, now, settle_one, ConfigSeed};
use crate::interface::{BatchSettled, ErrorCode, Escrow, SettleBatchAccounts, SettleBatchArgs, ERRORS};

const ESCROW: check::Name = &"escrow";

#[inline(always)]
pub fn process(accounts: &mut SettleBatchAccounts, args: SettleBatchArgs) -> ProgramResult {
    let SettleBatchAccounts { program_id, config, payment_mint, node, payout, vault, mint, mint_token_program: token_program, remaining, .. } =
        accounts;
    if config.paused() {
        return Err(ErrorCode::Paused.into());
    }
    let entries = args.entries;
    if entries.is_empty() || entries.len() != remaining.len() {
        return Err(ErrorCode::BatchMismatch.into());
    }
    // The runtime passes a repeated account as a reference back to its first entry, so
    // distinct escrows, none of them a named account, lie after the last named one.
    if !all_distinct_after(token_program, remaining) {
        return Err(ErrorCode::DuplicateEscrow.into());
    }
    let now = now()?;
    let another_node = &ERRORS[ErrorCode::EscrowOfAnotherNode as usize - 6000];
    let wrong_payout = &ERRORS[ErrorCode::WrongPayout as usize - 6000];

    let mut total = 0u64;
    let mut fees = 0u64;
    for (info, entry) in remaining.iter().zip(entries.iter()) {
        check::writable(info, ESCROW)?;
        let mut escrow = check::account_mut::<Escrow>(info, program_id, ESCROW)?;
        check::has_one(escrow.node(), node, ESCROW, another_node)?;
        check::has_one(escrow.mint(), mint, ESCROW, &anchor::CONSTRAINT_HAS_ONE_INFO)?;
        check::has_one(escrow.payout(), payout, ESCROW, wrong_payout)?;
        let fee = settle_one(&mut escrow, entry.amount(), entry.seq(), now)?;
        total = math::checked_add(total, entry.amount()).ok_or(ErrorCode::MathOverflow)?;
        // Note: each fee is below its amount, whose sum did not overflow.
        fees += fee;
    }
    book(payment_mint, total, fees)?;

    let payer = Payout { authority: config.info(), seed: ConfigSeed, bump: config.bump(), decimals: payment_mint.decimals(), vault, to: payout, mint, token_program };
    payer.pay(total - fees)?;
    BatchSettled { node: *node.key(), payout: *payout.key(), escrows: entries.len() as u32, amount: total, fee: fees }.emit();
    Ok(())
}
