//! The account constraints that every instruction's generated `parse()` runs, one
//! function per kind of constraint, in the vocabulary of Anchor's `#[account(...)]`.
//!
//! The one-compare checks (signer, `mut`, key comparisons) and the typed loads are
//! inlined, their failure paths out of line; [`compact`] has them out of line too, for the
//! instructions whose interface definition declares `"checks": "compact"` (size over
//! compute units). The larger ones (token accounts, mints) are out of line and not
//! generic, so that a program holds one copy however many instructions declare them. A failure logs the way Anchor's does ("AnchorError
//! caused by account: <name>. ...", with the two keys of a failed key comparison as
//! "Left:" / "Right:") and returns the error marked as logged.
//!
//! `account` is the account's name in the interface definition, as `&"name"`: one pointer,
//! so that every check fits in BPF's five argument registers.

use crate::account::AccountInfo;
use crate::error::{anchor, ErrorInfo, ProgramError, ProgramResult};
use crate::log::log_constraint_error;
use crate::pubkey::{keys_eq, Pubkey};
use crate::state::{self, Account, AccountMut, AccountState};
use crate::token;

/// An account's name in the interface definition, for the error log line.
pub type Name = &'static &'static str;

/// Logs a failed constraint and returns its error, marked as logged.
#[cold]
#[inline(never)]
pub fn fail(error: &ErrorInfo, account: Name, keys: Option<(&Pubkey, &Pubkey)>) -> ProgramError {
    let account = core::hint::black_box(account);
    log_constraint_error(account, error, keys.as_ref());
    error.error().logged()
}

/// Logs an error returned by a framework function on behalf of `account` (when it is one
/// of Anchor's) and returns it, marked as logged.
#[cold]
#[inline(never)]
pub fn fail_with(error: ProgramError, account: Name) -> ProgramError {
    match error.custom_code().and_then(anchor::info) {
        Some(info) => fail(info, account, None),
        None => error,
    }
}

/// `Signer`: the account signed the transaction.
#[inline(always)]
pub fn signer(info: &AccountInfo, account: Name) -> ProgramResult {
    if !info.is_signer() {
        return Err(fail(&anchor::ACCOUNT_NOT_SIGNER_INFO, account, None));
    }
    Ok(())
}

/// `mut`: the account is writable in this transaction.
#[inline(always)]
pub fn writable(info: &AccountInfo, account: Name) -> ProgramResult {
    if !info.is_writable() {
        return Err(fail(&anchor::CONSTRAINT_MUT_INFO, account, None));
    }
    Ok(())
}

/// `Program<T>`: the account is the program `expected`.
#[inline(always)]
pub fn program(info: &AccountInfo, expected: &Pubkey, account: Name) -> ProgramResult {
    if !keys_eq(info.key(), expected) {
        return Err(fail(&anchor::INVALID_PROGRAM_ID_INFO, account, Some((info.key(), expected))));
    }
    Ok(())
}

/// `Interface<TokenInterface>`: the account is SPL Token or Token-2022.
#[inline(never)]
pub fn token_program(info: &AccountInfo, account: Name) -> ProgramResult {
    if !token::is_token_program(info.key()) {
        return Err(fail(&anchor::INVALID_PROGRAM_ID_INFO, account, None));
    }
    Ok(())
}

/// `address = expected`: the account is the one at `expected`.
#[inline(always)]
pub fn address(info: &AccountInfo, expected: &Pubkey, account: Name) -> ProgramResult {
    if !keys_eq(info.key(), expected) {
        return Err(fail(&anchor::CONSTRAINT_ADDRESS_INFO, account, Some((info.key(), expected))));
    }
    Ok(())
}

/// `has_one = target` (with `error`: Anchor's ConstraintHasOne, or the program's own):
/// the key an account of ours stores is `target`'s. `account` names the holder.
#[inline(always)]
pub fn has_one(stored: &Pubkey, target: &AccountInfo, account: Name, error: &ErrorInfo) -> ProgramResult {
    if !keys_eq(stored, target.key()) {
        return Err(fail(error, account, Some((stored, target.key()))));
    }
    Ok(())
}

/// `token::mint`, `token::authority`, `token::token_program`: an initialized token account
/// of `token_program` for `mint`, owned by `authority` (when given). Compared in place.
#[inline(never)]
pub fn token_account(
    info: &AccountInfo,
    token_program: &Pubkey,
    mint: &Pubkey,
    authority: Option<&Pubkey>,
    account: Name,
) -> ProgramResult {
    if !info.is_owned_by(token_program) {
        return Err(fail(&anchor::ACCOUNT_OWNED_BY_WRONG_PROGRAM_INFO, account, None));
    }
    let data = info.try_borrow_data()?;
    let (Some(stored_mint), Some(stored_owner), true) = (
        data.first_chunk::<32>(),
        data.get(32..).and_then(|rest| rest.first_chunk::<32>()),
        token::is_initialized_account(&data),
    ) else {
        return Err(fail(&anchor::ACCOUNT_NOT_INITIALIZED_INFO, account, None));
    };
    if !keys_eq(stored_mint, mint) {
        return Err(fail(&anchor::CONSTRAINT_TOKEN_MINT_INFO, account, Some((stored_mint, mint))));
    }
    if let Some(authority) = authority {
        if !keys_eq(stored_owner, authority) {
            return Err(fail(&anchor::CONSTRAINT_TOKEN_OWNER_INFO, account, Some((stored_owner, authority))));
        }
    }
    Ok(())
}

/// What a program accepts of a mint beyond a plain transfer, with its own errors for the
/// rest: Token-2022 extensions outside `allowed`, and a freeze authority unless allowed.
pub struct MintPolicy {
    pub allowed: &'static [u16],
    pub allow_freeze_authority: bool,
    pub extension_error: &'static ErrorInfo,
    pub freeze_error: &'static ErrorInfo,
}

/// `mint::token_program` with a [`MintPolicy`]: an initialized mint of `token_program`
/// whose extensions and freeze authority the policy accepts.
#[inline(never)]
pub fn mint_with_policy(info: &AccountInfo, token_program: &Pubkey, policy: &MintPolicy, account: Name) -> ProgramResult {
    let checked = token::check_mint(info, token_program, policy.allowed, policy.allow_freeze_authority)
        .map_err(|error| fail_with(error, account))?;
    match checked {
        Ok(()) => Ok(()),
        Err(token::MintRefusal::FreezeAuthority) => Err(fail(policy.freeze_error, account, None)),
        Err(_) => Err(fail(policy.extension_error, account, None)),
    }
}

/// `mint::token_program`: an initialized mint of `token_program`.
#[inline(never)]
pub fn mint(info: &AccountInfo, token_program: &Pubkey, account: Name) -> ProgramResult {
    token::mint_decimals(info, token_program).map(|_| ()).map_err(|error| fail_with(error, account))
}

/// `Account<T>`: an account of ours of type `T` (owner, discriminator, length), for reading.
#[inline(always)]
pub fn account<'a, T: AccountState>(
    info: &'a AccountInfo,
    program_id: &Pubkey,
    account: Name,
) -> ProgramResult<Account<'a, T>> {
    state::load::<T>(info, program_id).map_err(|error| fail_with(error, account))
}

/// `Account<T>` with `mut`: the same, for writing.
#[inline(always)]
pub fn account_mut<'a, T: AccountState>(
    info: &'a AccountInfo,
    program_id: &Pubkey,
    account: Name,
) -> ProgramResult<AccountMut<'a, T>> {
    state::load_mut::<T>(info, program_id).map_err(|error| fail_with(error, account))
}

/// The same checks out of line, for instructions declared `"checks": "compact"` and for
/// the IDL instructions: one copy of each in the program and a call at each use, which
/// makes the program smaller and the instruction a few compute units dearer.
pub mod compact {
    use super::*;

    #[inline(never)]
    pub fn signer(info: &AccountInfo, account: Name) -> ProgramResult {
        super::signer(info, account)
    }

    #[inline(never)]
    pub fn writable(info: &AccountInfo, account: Name) -> ProgramResult {
        super::writable(info, account)
    }

    #[inline(never)]
    pub fn program(info: &AccountInfo, expected: &Pubkey, account: Name) -> ProgramResult {
        super::program(info, expected, account)
    }

    #[inline(never)]
    pub fn address(info: &AccountInfo, expected: &Pubkey, account: Name) -> ProgramResult {
        super::address(info, expected, account)
    }

    #[inline(never)]
    pub fn has_one(stored: &Pubkey, target: &AccountInfo, account: Name, error: &ErrorInfo) -> ProgramResult {
        super::has_one(stored, target, account, error)
    }

    #[inline(never)]
    pub fn account<'a, T: AccountState>(info: &'a AccountInfo, program_id: &Pubkey, account: Name) -> ProgramResult<Account<'a, T>> {
        super::account(info, program_id, account)
    }

    #[inline(never)]
    pub fn account_mut<'a, T: AccountState>(
        info: &'a AccountInfo,
        program_id: &Pubkey,
        account: Name,
    ) -> ProgramResult<AccountMut<'a, T>> {
        super::account_mut(info, program_id, account)
    }
}
