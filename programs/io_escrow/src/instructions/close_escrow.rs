//! `close_escrow`: the coordinator closes an escrow, optionally with a final settlement
//! (`amount > 0`, checked as `settle` checks one). The supplier gets at least
//! `min(min_charge, deposited)` (io.net's non-refundable first hour), the customer the
//! rest; the generated `exit()` then closes the account, its rent to the customer.
//! Closing works while paused, except for a final settlement.

use framework::error::ProgramResult;
use framework::token::Payout;

use crate::books::{book_close, fee, now, remaining, settle_one, ConfigSeed};
use crate::interface::{CloseEscrowAccounts, CloseEscrowArgs, ErrorCode, EscrowClosed, CLOSED_BY_COORDINATOR};

#[inline(always)]
pub fn process(accounts: &mut CloseEscrowAccounts, args: CloseEscrowArgs) -> ProgramResult {
    let CloseEscrowAccounts { config, payment_mint, escrow, payout, customer, customer_token, vault, mint, mint_token_program: token_program, .. } =
        accounts;
    let mut supplier_amount = 0u64;
    let mut supplier_fee = 0u64;
    if args.amount > 0 {
        if config.paused() {
            return Err(ErrorCode::Paused.into());
        }
        supplier_fee = settle_one(escrow, args.amount, args.seq, now()?)?;
        supplier_amount = args.amount;
    }
    // The minimum charge, owed whatever the usage was.
    let floor = if escrow.min_charge() < escrow.deposited() { escrow.min_charge() } else { escrow.deposited() };
    if escrow.settled() < floor {
        let extra = floor - escrow.settled();
        // Note: as in `settle_one`, the supplier fees become fee(settled), at least what
        // they were.
        let supplier_fees = fee(floor, escrow.supplier_fee_bps());
        let extra_fee = supplier_fees - escrow.supplier_fees();
        escrow.set_settled(floor);
        escrow.set_supplier_fees(supplier_fees);
        // Note: all of these are parts of `deposited`, which fits.
        supplier_amount += extra;
        supplier_fee += extra_fee;
    }
    let refund = remaining(escrow);
    // Note: the supplier's part and the refund are what was left before this call.
    book_close(payment_mint, supplier_amount + refund, supplier_fee)?;

    let decimals = payment_mint.decimals();
    let supplier = Payout { authority: config.info(), seed: ConfigSeed, bump: config.bump(), decimals, vault, to: payout, mint, token_program };
    supplier.pay(supplier_amount - supplier_fee)?;
    let customer_payout = Payout { to: customer_token, ..supplier };
    customer_payout.pay(refund)?;

    EscrowClosed {
        escrow: *escrow.key(),
        customer: *customer.key(),
        reason: CLOSED_BY_COORDINATOR,
        supplier_amount,
        supplier_fee,
        refund,
        settled: escrow.settled(),
    }
    .emit();
    Ok(())
}
