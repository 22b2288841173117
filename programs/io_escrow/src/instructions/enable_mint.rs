//! `enable_mint`: the admin accepts a payment mint; the generated `parse()` refused a
//! Token-2022 mint with an extension that changes what a transfer does (the books must
//! match what the vault receives and pays) and created the mint's books (`PaymentMint`)
//! and its pooled vault, owned by the config PDA.

use framework::error::ProgramResult;
use framework::token;

use crate::interface::{EnableMintAccounts, EnableMintArgs, MintEnabled};

#[inline(always)]
pub fn process(accounts: &mut EnableMintAccounts, _args: EnableMintArgs) -> ProgramResult {
    let EnableMintAccounts { payment_mint, vault, mint, mint_token_program: token_program, .. } = accounts;
    let decimals = token::mint_decimals(mint, token_program.key())?;

    payment_mint.set_decimals(decimals);
    MintEnabled { mint: *mint.key(), token_program: *token_program.key(), vault: *vault.key(), decimals }.emit();
    Ok(())
}
