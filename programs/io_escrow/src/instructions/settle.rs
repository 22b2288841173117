//! `settle`: the coordinator pays the supplier `amount` out of one escrow, less the
//! supplier fee (which accrues in the mint's books): one token transfer. `seq` must be the
//! escrow's next sequence number, and the total settled stays within what is left and
//! within `min_charge + rate × time` agreed at opening.

use framework::error::ProgramResult;
use framework::token::Payout;

use crate::books::{book, now, settle_one, ConfigSeed};
use crate::interface::{ErrorCode, SettleAccounts, SettleArgs, Settled};

#[inline(always)]
pub fn process(accounts: &mut SettleAccounts, args: SettleArgs) -> ProgramResult {
    let SettleAccounts { config, payment_mint, escrow, payout, vault, mint, mint_token_program: token_program, .. } = accounts;
    if config.paused() {
        return Err(ErrorCode::Paused.into());
    }
    let fee = settle_one(escrow, args.amount, args.seq, now()?)?;
    book(payment_mint, args.amount, fee)?;

    let payer = Payout { authority: config.info(), seed: ConfigSeed, bump: config.bump(), decimals: payment_mint.decimals(), vault, to: payout, mint, token_program };
    // Note: the fee is below the amount.
    payer.pay(args.amount - fee)?;
    Settled { escrow: *escrow.key(), seq: args.seq, amount: args.amount, fee, settled: escrow.settled() }.emit();
    Ok(())
}
