//! `initialize`: creates the config, the reward state and the two token vaults (stake,
//! rewards), both owned by the config PDA. Only the program's upgrade authority may call
//! it, and only once.

use framework::account::AccountInfo;
use framework::cpi::{Seed, Signer};
use framework::error::{anchor, ProgramResult};
use framework::pubkey::{find_program_address, keys_eq, Pubkey};
use framework::singleton::CreateSingleton;
use framework::state::{self, AccountState};
use framework::system::CreateAccount;
use framework::token::{self, InitializeAccount3, TokenAccount, TOKEN_ACCOUNT_LEN};

use crate::interface::{
    ConfigInitialized, ConfigParams, ErrorCode, InitializeAccounts, InitializeArgs, RewardState, StakingConfig,
    ACCOUNT_VERSION, CONFIG_SEED, REWARDS_SEED, REWARD_VAULT_SEED, STAKE_VAULT_SEED,
};

pub fn process(program_id: &Pubkey, accounts: &InitializeAccounts, args: InitializeArgs) -> ProgramResult {
    let InitializeAccounts {
        config,
        reward_state,
        stake_vault,
        reward_vault,
        stake_mint,
        treasury,
        authority,
        program_data,
        stake_token_program,
        system_program,
        ..
    } = accounts;
    let params = args.params;

    // Only the deployer, once, at the canonical PDA ["config"].
    let singleton = CreateSingleton {
        program_id,
        account: config,
        authority,
        program_data,
        system_program,
        seed: CONFIG_SEED,
        not_authority: ErrorCode::NotUpgradeAuthority.into(),
    };
    let (mut state, bump) = singleton.create::<StakingConfig>()?;

    // The mint belongs to the token program given (SPL Token or Token-2022).
    if !token::is_token_program(stake_token_program.key()) {
        return Err(anchor::INVALID_PROGRAM_ID);
    }
    let decimals = token::mint_decimals(stake_mint, stake_token_program.key())?;
    crate::checks::stake_mint(stake_mint, stake_token_program.key())?;
    check_params(&params)?;
    check_treasury(treasury, stake_mint.key(), stake_token_program.key(), params.treasury())?;

    let new = NewAccount { program_id, payer: authority, system_program };
    let rewards_bump = new.create(reward_state, REWARDS_SEED, RewardState::LEN, program_id)?;
    {
        let mut rewards = state::init::<RewardState>(reward_state, program_id)?;
        rewards.set_version(ACCOUNT_VERSION);
        rewards.set_bump(rewards_bump);
    }
    for (vault, seed) in [(stake_vault, STAKE_VAULT_SEED), (reward_vault, REWARD_VAULT_SEED)] {
        new.create(vault, seed, TOKEN_ACCOUNT_LEN, stake_token_program.key())?;
        let init = InitializeAccount3 { token_program: stake_token_program, account: vault, mint: stake_mint, owner: config.key() };
        init.invoke()?;
    }

    state.set_version(ACCOUNT_VERSION);
    state.set_bump(bump);
    state.set_mint_decimals(decimals);
    *state.admin_mut() = args.admin;
    *state.stake_mint_mut() = *stake_mint.key();
    *state.token_program_mut() = *stake_token_program.key();
    *state.stake_vault_mut() = *stake_vault.key();
    *state.reward_vault_mut() = *reward_vault.key();
    *state.reward_state_mut() = *reward_state.key();
    apply_params(&mut state, &params);

    ConfigInitialized {
        config: *config.key(),
        admin: args.admin,
        stake_mint: *stake_mint.key(),
        token_program: *stake_token_program.key(),
        params,
    }
    .emit();
    Ok(())
}

/// Creates the canonical PDA of one seed, paid by `payer`; returns its bump.
struct NewAccount<'a> {
    program_id: &'a Pubkey,
    payer: &'a AccountInfo,
    system_program: &'a AccountInfo,
}

impl NewAccount<'_> {
    // Note: inlined, as its six argument registers exceed what BPF calls can pass.
    #[inline(always)]
    fn create(&self, account: &AccountInfo, seed: &[u8], space: usize, owner: &Pubkey) -> ProgramResult<u8> {
        let (address, bump) = find_program_address(&[seed], self.program_id)?;
        if !keys_eq(account.key(), &address) {
            return Err(anchor::CONSTRAINT_SEEDS);
        }
        let bump_seed = [bump];
        let seeds = [Seed::from(seed), Seed::from(&bump_seed)];
        let create = CreateAccount { system_program: self.system_program, payer: self.payer, account, space, owner };
        create.invoke_signed(&[Signer::from(&seeds[..])])?;
        Ok(bump)
    }
}

/// Validates settings shared by `initialize` and `update_config`: every one is bounded
/// (`rules::check_params`).
pub fn check_params(params: &ConfigParams) -> ProgramResult {
    crate::rules::check_params(params)?;
    Ok(())
}

/// The treasury named in the settings is this account, a token account of the stake mint.
pub fn check_treasury(treasury: &AccountInfo, mint: &Pubkey, token_program: &Pubkey, named: &Pubkey) -> ProgramResult {
    if !keys_eq(treasury.key(), named) {
        return Err(anchor::CONSTRAINT_ADDRESS);
    }
    let account = TokenAccount::read(treasury, token_program)?;
    if !keys_eq(&account.mint, mint) {
        return Err(anchor::CONSTRAINT_TOKEN_MINT);
    }
    Ok(())
}

pub fn apply_params(config: &mut StakingConfig, params: &ConfigParams) {
    *config.reward_authority_mut() = *params.reward_authority();
    *config.pause_authority_mut() = *params.pause_authority();
    *config.slasher_mut() = *params.slasher();
    *config.treasury_mut() = *params.treasury();
    config.set_min_stake_per_gpu(params.min_stake_per_gpu());
    config.set_unstake_cooldown_secs(params.unstake_cooldown_secs());
    config.set_costaker_exit_wait_secs(params.costaker_exit_wait_secs());
    config.set_max_costake_bps(params.max_costake_bps());
    config.set_slash_burn(params.slash_burn());
}
