//! Checks and helpers shared by the handlers: stored keys (Anchor's `has_one`), token
//! accounts, the clock, and payouts from the config's vaults.

use framework::account::AccountInfo;
use framework::cpi::{Seed, Signer};
use framework::error::{anchor, ProgramResult};
use framework::pubkey::{keys_eq, Pubkey};
use framework::sysvar::Clock;
use framework::token::{self, MintRefusal, TokenAccount, TransferChecked, HARMLESS_MINT_EXTENSIONS};

use crate::interface::{ErrorCode, Node, StakingConfig, CONFIG_SEED};

/// Anchor's `has_one`: `account` is the one whose key the state stores.
#[inline(always)]
pub fn has_one(stored: &Pubkey, account: &AccountInfo) -> ProgramResult {
    if !keys_eq(stored, account.key()) {
        return Err(anchor::CONSTRAINT_HAS_ONE);
    }
    Ok(())
}

/// The token program is the one that owns the stake mint (Anchor's `Program` check).
#[inline(always)]
pub fn token_program(config: &StakingConfig, program: &AccountInfo) -> ProgramResult {
    if !keys_eq(config.token_program(), program.key()) {
        return Err(anchor::INVALID_PROGRAM_ID);
    }
    Ok(())
}

/// The accounts every token movement of stake needs: the config's mint and token program.
#[inline(always)]
pub fn mint_and_program(config: &StakingConfig, mint: &AccountInfo, program: &AccountInfo) -> ProgramResult {
    has_one(config.stake_mint(), mint)?;
    token_program(config, program)
}

/// A token account of the stake mint owned by `owner` (Anchor's `token::mint`,
/// `token::authority`).
#[inline(always)]
pub fn owned_token_account(config: &StakingConfig, account: &AccountInfo, owner: &Pubkey) -> ProgramResult {
    TokenAccount::check(account, config.token_program(), config.stake_mint(), owner)
}

/// The stake mint is one whose transfers do what they say: no Token-2022 extension outside
/// the allow-list (no permanent delegate, close authority, fee, hook, pause, ...), and no
/// freeze authority (the vaults hold stake for weeks; a frozen vault would trap all of it).
pub fn stake_mint(mint: &AccountInfo, token_program: &Pubkey) -> ProgramResult {
    match token::check_mint(mint, token_program, &HARMLESS_MINT_EXTENSIONS, false)? {
        Ok(()) => Ok(()),
        Err(MintRefusal::FreezeAuthority) => Err(ErrorCode::MintFreezeAuthority.into()),
        Err(MintRefusal::Extension(_) | MintRefusal::Malformed) => Err(ErrorCode::MintExtensionNotAllowed.into()),
    }
}

/// The cluster's unix time, from the syscall (a passed-in clock could be forged).
#[inline(always)]
pub fn now() -> ProgramResult<i64> {
    Clock::unix_timestamp()
}

/// `now + seconds`, for unlock times.
#[inline(always)]
pub fn later(now: i64, seconds: i64) -> ProgramResult<i64> {
    now.checked_add(seconds).ok_or(ErrorCode::MathOverflow.into())
}

#[inline(always)]
pub fn is_jailed(node: &Node, now: i64) -> bool {
    node.jailed_until() > now
}

/// Whether the node is jailed now; reads the clock only for a node ever jailed (a never
/// jailed or unjailed node holds 0), which spares most calls the syscall.
#[inline(always)]
pub fn jailed_now(node: &Node) -> ProgramResult<bool> {
    if node.jailed_until() == 0 {
        return Ok(false);
    }
    Ok(is_jailed(node, now()?))
}

/// Refuses new stake while the program is paused.
#[inline(always)]
pub fn not_paused(config: &StakingConfig) -> ProgramResult {
    if config.paused() {
        return Err(ErrorCode::Paused.into());
    }
    Ok(())
}

/// Pays `amount` out of one of the config's vaults, signed by the config PDA (which owns
/// both vaults) with its stored bump.
pub struct Payout<'a> {
    pub config: &'a AccountInfo,
    pub bump: u8,
    pub decimals: u8,
    pub vault: &'a AccountInfo,
    pub to: &'a AccountInfo,
    pub mint: &'a AccountInfo,
    pub token_program: &'a AccountInfo,
    pub amount: u64,
}

impl Payout<'_> {
    pub fn invoke(&self) -> ProgramResult {
        let bump = [self.bump];
        let seeds = [Seed::from(CONFIG_SEED), Seed::from(&bump)];
        let transfer = TransferChecked {
            token_program: self.token_program,
            from: self.vault,
            mint: self.mint,
            to: self.to,
            authority: self.config,
            amount: self.amount,
            decimals: self.decimals,
        };
        transfer.invoke_signed(&[Signer::from(&seeds[..])])
    }
}
