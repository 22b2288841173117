//! `top_up`: the customer adds `amount` to an open escrow; the customer fee is taken at
//! the escrow's own rate (fixed at opening), so that the escrow's customer fees stay the
//! fee of everything paid in.

use framework::error::ProgramResult;
use framework::math;

use crate::books::{deposit, fee};
use crate::interface::{ErrorCode, ToppedUp, TopUpAccounts, TopUpArgs};

#[inline(always)]
pub fn process(accounts: &mut TopUpAccounts, args: TopUpArgs) -> ProgramResult {
    let TopUpAccounts { config, payment_mint, escrow, customer, customer_token, vault, mint, mint_token_program: token_program, .. } = accounts;
    if config.paused() {
        return Err(ErrorCode::Paused.into());
    }
    if args.amount == 0 {
        return Err(ErrorCode::ZeroAmount.into());
    }
    // The fee of everything paid in, less what was taken of it before: top-ups that each
    // rounded down would together pay less than one deposit of their sum.
    let paid = math::checked_add(escrow.deposited(), escrow.customer_fees())
        .and_then(|before| math::checked_add(before, args.amount))
        .ok_or(ErrorCode::MathOverflow)?;
    let customer_fees = fee(paid, escrow.customer_fee_bps());
    // Note: customer_fees was fee(paid before), at most fee(paid), and the difference is
    // at most ceil(amount × bps / 10 000) <= amount.
    let fee = customer_fees - escrow.customer_fees();
    let net = args.amount - fee;
    let deposited = math::checked_add(escrow.deposited(), net).ok_or(ErrorCode::MathOverflow)?;
    let owed = math::checked_add(payment_mint.owed(), net).ok_or(ErrorCode::MathOverflow)?;
    let accrued = math::checked_add(payment_mint.fees_accrued(), fee).ok_or(ErrorCode::MathOverflow)?;
    escrow.set_deposited(deposited);
    escrow.set_customer_fees(customer_fees);
    payment_mint.set_owed(owed);
    payment_mint.set_fees_accrued(accrued);
    deposit(customer_token, customer, vault, mint, token_program, args.amount, payment_mint.decimals())?;

    ToppedUp { escrow: *escrow.key(), amount: args.amount, fee, deposited }.emit();
    Ok(())
}
