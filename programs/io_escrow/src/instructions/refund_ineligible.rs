//! `refund_ineligible`: the customer takes back what is left at once when the escrow's
//! node is jailed or no longer holds its minimum active stake (read from io_staking's own
//! accounts), or was closed and reopened by another owner since the escrow opened, so
//! nobody stays locked to a punished or departed supplier. The generated `exit()` closes
//! the account, its rent to the customer.

use framework::error::ProgramResult;

use crate::books::{eligibility, now, Refund};
use crate::interface::{ErrorCode, RefundIneligibleAccounts, RefundIneligibleArgs, CLOSED_INELIGIBLE};

#[inline(always)]
pub fn process(accounts: &mut RefundIneligibleAccounts, _args: RefundIneligibleArgs) -> ProgramResult {
    let RefundIneligibleAccounts {
        config, payment_mint, escrow, staking_config, node, customer, customer_token, vault, mint, mint_token_program: token_program, ..
    } = accounts;
    // A node registered (reopened by a new owner) after the escrow opened is not the
    // supplier the customer chose, though the escrow still pays its old owner's account.
    let reopened = node.registered_at() > escrow.opened_at();
    if !reopened && eligibility(staking_config, node, now()?).is_ok() {
        return Err(ErrorCode::NodeStillEligible.into());
    }
    let refund = Refund { config, payment_mint, escrow, customer, customer_token, vault, mint, token_program };
    refund.run(CLOSED_INELIGIBLE)
}
