//! `refund_expired`: the customer takes back what is left once `expires_at + grace` has
//! come and the coordinator never closed the escrow, so a dead coordinator locks nobody
//! out. The generated `exit()` closes the account, its rent to the customer.

use framework::error::ProgramResult;

use crate::books::{now, Refund};
use crate::interface::{ErrorCode, RefundExpiredAccounts, RefundExpiredArgs, CLOSED_EXPIRED};

#[inline(always)]
pub fn process(accounts: &mut RefundExpiredAccounts, _args: RefundExpiredArgs) -> ProgramResult {
    let RefundExpiredAccounts { config, payment_mint, escrow, customer, customer_token, vault, mint, mint_token_program: token_program, .. } = accounts;
    if now()? < escrow.refund_after() {
        return Err(ErrorCode::NotExpired.into());
    }
    let refund = Refund { config, payment_mint, escrow, customer, customer_token, vault, mint, token_program };
    refund.run(CLOSED_EXPIRED)
}
