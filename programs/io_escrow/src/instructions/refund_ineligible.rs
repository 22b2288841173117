//! `refund_ineligible`: the customer takes back what is left at once when the escrow's
//! node is jailed or no longer holds its minimum active stake (read from io_staking's own
//! accounts), so nobody stays locked to a punished supplier. The generated `exit()` closes
//! the account, its rent to the customer.

use framework::error::ProgramResult;
use framework::token::Payout;

use crate::books::{book_close, eligibility, now, remaining, ConfigSeed};
use crate::interface::{ErrorCode, EscrowClosed, RefundIneligibleAccounts, RefundIneligibleArgs, CLOSED_INELIGIBLE};

#[inline(always)]
pub fn process(accounts: &mut RefundIneligibleAccounts, _args: RefundIneligibleArgs) -> ProgramResult {
    let RefundIneligibleAccounts {
        config, payment_mint, escrow, staking_config, node, customer, customer_token, vault, mint, mint_token_program: token_program, ..
    } = accounts;
    if eligibility(staking_config, node, now()?).is_ok() {
        return Err(ErrorCode::NodeStillEligible.into());
    }
    let refund = remaining(escrow);
    book_close(payment_mint, refund, 0)?;

    let payer = Payout { authority: config.info(), seed: ConfigSeed, bump: config.bump(), decimals: payment_mint.decimals(), vault, to: customer_token, mint, token_program };
    payer.pay(refund)?;
    EscrowClosed {
        escrow: *escrow.key(),
        customer: *customer.key(),
        reason: CLOSED_INELIGIBLE,
        supplier_amount: 0,
        supplier_fee: 0,
        refund,
        settled: escrow.settled(),
    }
    .emit();
    Ok(())
}
