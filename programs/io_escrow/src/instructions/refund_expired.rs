//! `refund_expired`: the customer takes back what is left once `expires_at + grace` has
//! come and the coordinator never closed the escrow, so a dead coordinator locks nobody
//! out. The generated `exit()` closes the account, its rent to the customer.

use framework::error::ProgramResult;
use framework::token::Payout;

use crate::books::{book_close, now, remaining, ConfigSeed};
use crate::interface::{ErrorCode, EscrowClosed, RefundExpiredAccounts, RefundExpiredArgs, CLOSED_EXPIRED};

#[inline(always)]
pub fn process(accounts: &mut RefundExpiredAccounts, _args: RefundExpiredArgs) -> ProgramResult {
    let RefundExpiredAccounts { config, payment_mint, escrow, customer, customer_token, vault, mint, mint_token_program: token_program, .. } = accounts;
    if now()? < escrow.refund_after() {
        return Err(ErrorCode::NotExpired.into());
    }
    let refund = remaining(escrow);
    book_close(payment_mint, refund, 0)?;

    let payer = Payout { authority: config.info(), seed: ConfigSeed, bump: config.bump(), decimals: payment_mint.decimals(), vault, to: customer_token, mint, token_program };
    payer.pay(refund)?;
    EscrowClosed {
        escrow: *escrow.key(),
        customer: *customer.key(),
        reason: CLOSED_EXPIRED,
        supplier_amount: 0,
        supplier_fee: 0,
        refund,
        settled: escrow.settled(),
    }
    .emit();
    Ok(())
}
