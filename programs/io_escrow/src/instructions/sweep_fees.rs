//! `sweep_fees`: anyone moves a mint's accrued fees to the treasury's token account of
//! that mint (the declared token constraint names `config.treasury` as its owner).

use framework::error::ProgramResult;
use framework::math;
use framework::token::Payout;

use crate::books::ConfigSeed;
use crate::interface::{ErrorCode, FeesSwept, SweepFeesAccounts, SweepFeesArgs};

#[inline(always)]
pub fn process(accounts: &mut SweepFeesAccounts, _args: SweepFeesArgs) -> ProgramResult {
    let SweepFeesAccounts { config, payment_mint, treasury_token, vault, mint, mint_token_program: token_program, .. } = accounts;
    let amount = payment_mint.fees_accrued();
    if amount == 0 {
        return Err(ErrorCode::NothingToSweep.into());
    }
    let swept = math::checked_add(payment_mint.fees_swept(), amount).ok_or(ErrorCode::MathOverflow)?;
    payment_mint.set_fees_accrued(0);
    payment_mint.set_fees_swept(swept);

    let payer = Payout { authority: config.info(), seed: ConfigSeed, bump: config.bump(), decimals: payment_mint.decimals(), vault, to: treasury_token, mint, token_program };
    payer.pay(amount)?;
    FeesSwept { mint: *mint.key(), treasury_token: *treasury_token.key(), amount }.emit();
    Ok(())
}
