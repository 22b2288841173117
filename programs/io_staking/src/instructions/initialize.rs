//! `initialize`: creates the config, the reward state and the two token vaults (stake,
//! rewards), both owned by the config PDA. Only the program's upgrade authority may call
//! it, and only once (both declared: the ProgramData constraint, and `init`).

use framework::error::ProgramResult;
use framework::token;

use crate::interface::{ConfigInitialized, InitializeAccounts, InitializeArgs};
use crate::settings::{apply_params, check_params, check_treasury};

#[inline(always)]
pub fn process(accounts: &mut InitializeAccounts, args: InitializeArgs) -> ProgramResult {
    let InitializeAccounts {
        config,
        reward_state,
        stake_vault,
        reward_vault,
        stake_mint,
        treasury,
        stake_token_program: token_program,
        ..
    } = accounts;
    let params = args.params;
    check_params(&params)?;
    check_treasury(&params, treasury)?;
    let decimals = token::mint_decimals(stake_mint, token_program.key())?;

    config.set_mint_decimals(decimals);
    *config.admin_mut() = args.admin;
    *config.stake_mint_mut() = *stake_mint.key();
    *config.stake_token_program_mut() = *token_program.key();
    *config.stake_vault_mut() = *stake_vault.key();
    *config.reward_vault_mut() = *reward_vault.key();
    *config.reward_state_mut() = *reward_state.key();
    apply_params(config, &params);

    ConfigInitialized {
        config: *config.key(),
        admin: args.admin,
        stake_mint: *stake_mint.key(),
        token_program: *token_program.key(),
        params,
    }
    .emit();
    Ok(())
}
