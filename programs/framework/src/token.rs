//! SPL Token and Token-2022: account and mint views, `InitializeAccount3`,
//! `TransferChecked`, `BurnChecked`.
//!
//! Both programs share the base layouts below, so one view serves both; the account's
//! owner says which program it belongs to, and CPIs go to that program.
//!
//! The token program's own account is not among the account infos a CPI passes: the
//! runtime finds the callee among the calling instruction's accounts, and each extra info
//! costs compute units to build and to translate.

use crate::account::AccountInfo;
use crate::cpi::{invoke_signed, AccountMeta, Instruction, Signer};
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

fn amount_data(tag: u8, amount: u64, decimals: u8) -> [u8; 10] {
    let mut data = [0u8; 10];
    data[0] = tag;
    data[1..9].copy_from_slice(&amount.to_le_bytes());
    data[9] = decimals;
    data
}

fn check_program(token_program: &AccountInfo) -> ProgramResult {
    if !is_token_program(token_program.key()) {
        return Err(ProgramError::INCORRECT_PROGRAM_ID);
    }
    Ok(())
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
        check_program(self.token_program)?;
        let mut data = [0u8; 33];
        data[0] = INITIALIZE_ACCOUNT3;
        data[1..].copy_from_slice(self.owner);
        let metas = [AccountMeta::writable(self.account), AccountMeta::readonly(self.mint)];
        let ix = Instruction { program_id: self.token_program.key(), accounts: &metas, data: &data };
        invoke_signed(&ix, [self.account, self.mint], &[])
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
        check_program(self.token_program)?;
        let data = amount_data(BURN_CHECKED, self.amount, self.decimals);
        let metas = [
            AccountMeta::writable(self.from),
            AccountMeta::writable(self.mint),
            AccountMeta::readonly_signer(self.authority),
        ];
        let ix = Instruction { program_id: self.token_program.key(), accounts: &metas, data: &data };
        invoke_signed(&ix, [self.from, self.mint, self.authority], signers)
    }
}
