//! SPL Token and Token-2022: account and mint views, the mint extension allow-list
//! ([`check_mint`]), `InitializeAccount3`, `TransferChecked`, `BurnChecked`, and
//! [`Payout`], a transfer out of a vault that a PDA of the calling program owns.
//!
//! Both programs share the base layouts below, so one view serves both; the account's
//! owner says which program it belongs to, and CPIs go to that program.
//!
//! The token program's own account is not among the account infos a CPI passes: the
//! runtime finds the callee among the calling instruction's accounts, and each extra info
//! costs compute units to build and to translate.

use crate::account::AccountInfo;
use crate::cpi::{invoke_signed, invoke_signed_cold, AccountMeta, Instruction, Seed, Signer};
use crate::error::{anchor, ProgramError, ProgramResult};
use crate::pubkey::{keys_eq, Pubkey, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID};

const TRANSFER_CHECKED: u8 = 12;
const BURN_CHECKED: u8 = 15;
const INITIALIZE_ACCOUNT3: u8 = 18;

/// Base token account layout: mint, owner, amount, delegate, state, ...
pub const TOKEN_ACCOUNT_LEN: usize = 165;
/// Base mint layout: mint authority, supply, decimals, is_initialized, freeze authority.
pub const MINT_LEN: usize = 82;
const ACCOUNT_STATE: usize = 108;
const ACCOUNT_STATE_INITIALIZED: u8 = 1;
const MINT_DECIMALS: usize = 44;
const MINT_INITIALIZED: usize = 45;

/// True for the SPL Token and the Token-2022 program ids.
#[inline(always)]
pub fn is_token_program(key: &Pubkey) -> bool {
    keys_eq(key, &TOKEN_PROGRAM_ID) || keys_eq(key, &TOKEN_2022_PROGRAM_ID)
}

/// What our programs read of a token account.
#[derive(Clone, Copy)]
pub struct TokenAccount {
    pub mint: Pubkey,
    pub owner: Pubkey,
    pub amount: u64,
}

impl TokenAccount {
    /// Reads an initialized token account owned by `token_program`.
    pub fn read(account: &AccountInfo, token_program: &Pubkey) -> ProgramResult<TokenAccount> {
        if !account.is_owned_by(token_program) {
            return Err(anchor::ACCOUNT_OWNED_BY_WRONG_PROGRAM);
        }
        let data = account.try_borrow_data()?;
        if data.len() < TOKEN_ACCOUNT_LEN || data[ACCOUNT_STATE] != ACCOUNT_STATE_INITIALIZED {
            return Err(anchor::ACCOUNT_NOT_INITIALIZED);
        }
        let mut mint = [0u8; 32];
        let mut owner = [0u8; 32];
        let mut amount = [0u8; 8];
        mint.copy_from_slice(&data[0..32]);
        owner.copy_from_slice(&data[32..64]);
        amount.copy_from_slice(&data[64..72]);
        Ok(TokenAccount { mint, owner, amount: u64::from_le_bytes(amount) })
    }
}

/// True for the data of an initialized token account (of either token program).
#[inline(always)]
pub fn is_initialized_account(data: &[u8]) -> bool {
    data.len() >= TOKEN_ACCOUNT_LEN && data[ACCOUNT_STATE] == ACCOUNT_STATE_INITIALIZED
}

/// Reads the decimals of an initialized mint owned by `token_program`.
pub fn mint_decimals(mint: &AccountInfo, token_program: &Pubkey) -> ProgramResult<u8> {
    if !mint.is_owned_by(token_program) {
        return Err(anchor::ACCOUNT_OWNED_BY_WRONG_PROGRAM);
    }
    let data = mint.try_borrow_data()?;
    if data.len() < MINT_LEN || data[MINT_INITIALIZED] == 0 {
        return Err(anchor::ACCOUNT_NOT_INITIALIZED);
    }
    Ok(data[MINT_DECIMALS])
}

/// Token-2022 mint extensions (`ExtensionType`) that change nothing a transfer, a burn
/// or a balance does: metadata and group pointers and the data they point to. Everything
/// else is refused by [`check_mint`] unless a caller allows it: a permanent delegate (12)
/// can move anyone's tokens, a close authority (3) can close the mint, a transfer fee (1),
/// hook (14), memo rule, pause (26), frozen default state (6), non-transferability (9) or
/// confidential balances (4) change what a transfer does, and interest (10) or a scaled UI
/// amount (25) change what a balance reads as.
pub const HARMLESS_MINT_EXTENSIONS: [u16; 6] = [
    EXT_METADATA_POINTER,
    EXT_TOKEN_METADATA,
    EXT_GROUP_POINTER,
    EXT_TOKEN_GROUP,
    EXT_GROUP_MEMBER_POINTER,
    EXT_TOKEN_GROUP_MEMBER,
];
pub const EXT_METADATA_POINTER: u16 = 18;
pub const EXT_TOKEN_METADATA: u16 = 19;
pub const EXT_GROUP_POINTER: u16 = 20;
pub const EXT_TOKEN_GROUP: u16 = 21;
pub const EXT_GROUP_MEMBER_POINTER: u16 = 22;
pub const EXT_TOKEN_GROUP_MEMBER: u16 = 23;

/// Where Token-2022 puts the account type byte (after the base layout padded to the token
/// account size) and where its TLV extension entries start.
const ACCOUNT_TYPE_OFFSET: usize = TOKEN_ACCOUNT_LEN;
const ACCOUNT_TYPE_MINT: u8 = 1;
const EXTENSIONS_OFFSET: usize = ACCOUNT_TYPE_OFFSET + 1;
const MINT_FREEZE_AUTHORITY_TAG: usize = 46;

/// Why [`check_mint`] refuses a mint.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MintRefusal {
    /// The mint has a freeze authority and the caller does not accept one.
    FreezeAuthority,
    /// A Token-2022 extension (its `ExtensionType`) outside the allow-list.
    Extension(u16),
    /// Data that is neither a base mint nor a well-formed Token-2022 mint with extensions.
    Malformed,
}

/// Checks what a mint can do beyond a plain transfer: every Token-2022 extension it
/// carries must be in `allowed` (e.g. [`HARMLESS_MINT_EXTENSIONS`]), and it has no freeze
/// authority unless `allow_freeze_authority` (a program that allows one trusts that key
/// not to freeze its vaults). The outer result is the account checks (owner, initialized);
/// the inner one is the verdict, for the caller to name in its own error.
pub fn check_mint(
    mint: &AccountInfo,
    token_program: &Pubkey,
    allowed: &[u16],
    allow_freeze_authority: bool,
) -> ProgramResult<Result<(), MintRefusal>> {
    if !mint.is_owned_by(token_program) {
        return Err(anchor::ACCOUNT_OWNED_BY_WRONG_PROGRAM);
    }
    let data = mint.try_borrow_data()?;
    if data.len() < MINT_LEN || data[MINT_INITIALIZED] == 0 {
        return Err(anchor::ACCOUNT_NOT_INITIALIZED);
    }
    let token_2022 = keys_eq(token_program, &TOKEN_2022_PROGRAM_ID);
    Ok(check_mint_data(&data, token_2022, allowed, allow_freeze_authority))
}

/// `list.contains(&kind)` as one compare per entry: `contains` compares in unrolled
/// chunks, some sixty instructions for lists of a few entries, checked once per mint.
#[inline(always)]
fn is_listed(list: &[u16], kind: u16) -> bool {
    let mut rest = list;
    while let Some((&first, tail)) = rest.split_first() {
        if first == kind {
            return true;
        }
        rest = tail;
    }
    false
}

/// [`check_mint`] over the bytes of an initialized mint.
pub fn check_mint_data(data: &[u8], token_2022: bool, allowed: &[u16], allow_freeze_authority: bool) -> Result<(), MintRefusal> {
    if data.len() < MINT_LEN {
        return Err(MintRefusal::Malformed);
    }
    let freeze = if !allow_freeze_authority && data[MINT_FREEZE_AUTHORITY_TAG] != 0 {
        Err(MintRefusal::FreezeAuthority)
    } else {
        Ok(())
    };
    if data.len() == MINT_LEN {
        return freeze;
    }
    // Only Token-2022 mints are longer than the base layout, by their extensions, which are
    // checked first (the more specific reason: a frozen default state needs a freeze
    // authority).
    if !token_2022 || data.len() < EXTENSIONS_OFFSET || data[ACCOUNT_TYPE_OFFSET] != ACCOUNT_TYPE_MINT {
        return Err(MintRefusal::Malformed);
    }
    let mut offset = EXTENSIONS_OFFSET;
    // Each entry: u16 type, u16 length, then `length` bytes. A zero type is unused space.
    while let Some(header) = data.get(offset..offset + 4) {
        let kind = u16::from_le_bytes([header[0], header[1]]);
        let len = u16::from_le_bytes([header[2], header[3]]) as usize;
        if kind == 0 {
            break;
        }
        if !is_listed(allowed, kind) {
            return Err(MintRefusal::Extension(kind));
        }
        offset += 4 + len;
        if offset > data.len() {
            return Err(MintRefusal::Malformed);
        }
    }
    freeze
}

fn amount_data(tag: u8, amount: u64, decimals: u8) -> [u8; 10] {
    let mut data = [0u8; 10];
    data[0] = tag;
    data[1..9].copy_from_slice(&amount.to_le_bytes());
    data[9] = decimals;
    data
}

#[inline(always)]
fn check_program(token_program: &AccountInfo) -> ProgramResult {
    if !is_token_program(token_program.key()) {
        return Err(ProgramError::INCORRECT_PROGRAM_ID);
    }
    Ok(())
}

/// [`check_program`] out of line, for the instructions off the hot paths: its two key
/// compares are some thirty instructions.
#[inline(never)]
fn check_program_cold(token_program: &AccountInfo) -> ProgramResult {
    check_program(token_program)
}

/// `InitializeAccount3`: makes `account` (already allocated with [`TOKEN_ACCOUNT_LEN`]
/// bytes and assigned to the token program) a token account of `mint` owned by `owner`.
/// The owner is instruction data, so a PDA owner need not sign or be passed.
pub struct InitializeAccount3<'a> {
    pub token_program: &'a AccountInfo,
    pub account: &'a AccountInfo,
    pub mint: &'a AccountInfo,
    pub owner: &'a Pubkey,
}

impl InitializeAccount3<'_> {
    pub fn invoke(&self) -> ProgramResult {
        check_program_cold(self.token_program)?;
        let mut data = [0u8; 33];
        data[0] = INITIALIZE_ACCOUNT3;
        data[1..].copy_from_slice(self.owner);
        let metas = [AccountMeta::writable(self.account), AccountMeta::readonly(self.mint)];
        let ix = Instruction { program_id: self.token_program.key(), accounts: &metas, data: &data };
        invoke_signed_cold(&ix, [self.account, self.mint], &[])
    }
}

/// `TransferChecked` of `amount` from `from` to `to`, authorized by `authority` (a
/// signer, or a PDA signing through `signers`). Works for SPL Token and Token-2022.
pub struct TransferChecked<'a> {
    pub token_program: &'a AccountInfo,
    pub from: &'a AccountInfo,
    pub mint: &'a AccountInfo,
    pub to: &'a AccountInfo,
    pub authority: &'a AccountInfo,
    pub amount: u64,
    pub decimals: u8,
}

impl TransferChecked<'_> {
    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        check_program(self.token_program)?;
        let data = amount_data(TRANSFER_CHECKED, self.amount, self.decimals);
        let metas = [
            AccountMeta::writable(self.from),
            AccountMeta::readonly(self.mint),
            AccountMeta::writable(self.to),
            AccountMeta::readonly_signer(self.authority),
        ];
        let ix = Instruction { program_id: self.token_program.key(), accounts: &metas, data: &data };
        invoke_signed(&ix, [self.from, self.mint, self.to, self.authority], signers)
    }
}

/// The constant seed of the calling program's PDA `[SEED, bump]` that owns token vaults
/// (each program's config), as a unit type that each program defines: a [`Payout`]
/// names its seed by type, so that it carries no seed at run time.
pub trait VaultSeed {
    const SEED: &'static [u8];
}

/// Pays out of `vault`, which the PDA `authority` (`[S::SEED, bump]`) owns, by a
/// `TransferChecked` it signs. Nothing happens for a zero amount.
pub struct Payout<'a, S> {
    pub authority: &'a AccountInfo,
    pub seed: S,
    pub bump: u8,
    pub decimals: u8,
    pub vault: &'a AccountInfo,
    pub to: &'a AccountInfo,
    pub mint: &'a AccountInfo,
    pub token_program: &'a AccountInfo,
}

impl<S: VaultSeed> Payout<'_, S> {
    pub fn pay(&self, amount: u64) -> ProgramResult {
        if amount == 0 {
            return Ok(());
        }
        let bump = [self.bump];
        let seeds = [Seed::from(S::SEED), Seed::from(&bump)];
        let transfer = TransferChecked {
            token_program: self.token_program,
            from: self.vault,
            mint: self.mint,
            to: self.to,
            authority: self.authority,
            amount,
            decimals: self.decimals,
        };
        transfer.invoke_signed(&[Signer::from(&seeds[..])])
    }
}

/// `BurnChecked` of `amount` from `from`, authorized by `authority`.
pub struct BurnChecked<'a> {
    pub token_program: &'a AccountInfo,
    pub from: &'a AccountInfo,
    pub mint: &'a AccountInfo,
    pub authority: &'a AccountInfo,
    pub amount: u64,
    pub decimals: u8,
}

impl BurnChecked<'_> {
    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        check_program_cold(self.token_program)?;
        let data = amount_data(BURN_CHECKED, self.amount, self.decimals);
        let metas = [
            AccountMeta::writable(self.from),
            AccountMeta::writable(self.mint),
            AccountMeta::readonly_signer(self.authority),
        ];
        let ix = Instruction { program_id: self.token_program.key(), accounts: &metas, data: &data };
        invoke_signed_cold(&ix, [self.from, self.mint, self.authority], signers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Token-2022 mint image with the given (type, length) extensions.
    fn mint(freeze: bool, extensions: &[(u16, u16)]) -> [u8; 1024] {
        let mut data = [0u8; 1024];
        data[MINT_INITIALIZED] = 1;
        data[MINT_FREEZE_AUTHORITY_TAG] = freeze as u8;
        data[ACCOUNT_TYPE_OFFSET] = ACCOUNT_TYPE_MINT;
        let mut offset = EXTENSIONS_OFFSET;
        for &(kind, len) in extensions {
            data[offset..offset + 2].copy_from_slice(&kind.to_le_bytes());
            data[offset + 2..offset + 4].copy_from_slice(&len.to_le_bytes());
            offset += 4 + len as usize;
        }
        data
    }

    fn len_of(extensions: &[(u16, u16)]) -> usize {
        EXTENSIONS_OFFSET + extensions.iter().map(|&(_, l)| 4 + l as usize).sum::<usize>()
    }

    fn check(freeze: bool, extensions: &[(u16, u16)]) -> Result<(), MintRefusal> {
        let data = mint(freeze, extensions);
        check_mint_data(&data[..len_of(extensions)], true, &HARMLESS_MINT_EXTENSIONS, false)
    }

    #[test]
    fn base_mints() {
        let data = mint(false, &[]);
        assert_eq!(check_mint_data(&data[..MINT_LEN], false, &HARMLESS_MINT_EXTENSIONS, false), Ok(()));
        assert_eq!(check_mint_data(&data[..MINT_LEN], true, &[], false), Ok(()));
        let frozen = mint(true, &[]);
        assert_eq!(check_mint_data(&frozen[..MINT_LEN], false, &[], false), Err(MintRefusal::FreezeAuthority));
        assert_eq!(check_mint_data(&frozen[..MINT_LEN], false, &[], true), Ok(()));
        // A classic SPL Token mint is never longer than the base layout.
        assert_eq!(check_mint_data(&data[..200], false, &HARMLESS_MINT_EXTENSIONS, false), Err(MintRefusal::Malformed));
        assert_eq!(check_mint_data(&data[..81], true, &[], true), Err(MintRefusal::Malformed));
    }

    #[test]
    fn every_extension_outside_the_allow_list_is_refused() {
        // Transfer fee, close authority, confidential transfer, default state, non-
        // transferable, interest, permanent delegate, transfer hook, confidential fee,
        // confidential mint/burn, scaled UI amount, pausable, and types not yet known.
        for (kind, len) in [(1, 108), (3, 32), (4, 65), (6, 1), (9, 0), (10, 52), (12, 32), (14, 64), (16, 129), (24, 196), (25, 56), (26, 33), (99, 0)] {
            assert_eq!(check(false, &[(kind, len)]), Err(MintRefusal::Extension(kind)), "{kind}");
            // Also behind an allowed one.
            assert_eq!(check(false, &[(EXT_METADATA_POINTER, 64), (kind, len)]), Err(MintRefusal::Extension(kind)));
        }
    }

    #[test]
    fn allowed_extensions_pass() {
        let all = [(18, 64), (19, 90), (20, 64), (21, 80), (22, 64), (23, 72)];
        assert_eq!(check(false, &all), Ok(()));
        assert_eq!(check(true, &all), Err(MintRefusal::FreezeAuthority));
        assert_eq!(check(true, &[(6, 1)]), Err(MintRefusal::Extension(6)));
        // Unused space after the entries (a zero type) ends them.
        let data = mint(false, &[(18, 64)]);
        assert_eq!(check_mint_data(&data[..len_of(&[(18, 64)]) + 10], true, &HARMLESS_MINT_EXTENSIONS, false), Ok(()));
    }

    #[test]
    fn malformed_extension_data_is_refused() {
        let data = mint(false, &[(18, 64)]);
        // An entry running past the end of the account.
        assert_eq!(check_mint_data(&data[..len_of(&[(18, 64)]) - 1], true, &HARMLESS_MINT_EXTENSIONS, false), Err(MintRefusal::Malformed));
        // Not a mint's account type.
        let mut data = mint(false, &[]);
        data[ACCOUNT_TYPE_OFFSET] = 2;
        assert_eq!(check_mint_data(&data[..200], true, &HARMLESS_MINT_EXTENSIONS, false), Err(MintRefusal::Malformed));
        // Between the base layout and the account type byte.
        assert_eq!(check_mint_data(&data[..120], true, &HARMLESS_MINT_EXTENSIONS, false), Err(MintRefusal::Malformed));
    }
}
