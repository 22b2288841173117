//! System program instructions: account creation (also for pre-funded addresses) and
//! transfers. Each is a struct of named accounts with `invoke_signed`, which also keeps
//! calls within BPF's five argument registers.

use crate::account::AccountInfo;
use crate::cpi::{invoke_signed_cold, AccountMeta, Instruction, Signer};
use crate::error::ProgramResult;
use crate::pubkey::{Pubkey, SYSTEM_PROGRAM_ID};
use crate::sysvar::rent_exempt_minimum;

const CREATE_ACCOUNT: u32 = 0;
const ASSIGN: u32 = 1;
const TRANSFER: u32 = 2;
const ALLOCATE: u32 = 8;

fn tagged<const N: usize>(tag: u32) -> [u8; N] {
    let mut data = [0u8; N];
    data[..4].copy_from_slice(&tag.to_le_bytes());
    data
}

/// Moves `lamports` from `from` (a signer, or a PDA signing through `signers`) to `to`.
pub struct Transfer<'a> {
    pub system_program: &'a AccountInfo,
    pub from: &'a AccountInfo,
    pub to: &'a AccountInfo,
    pub lamports: u64,
}

impl Transfer<'_> {
    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let mut data = tagged::<12>(TRANSFER);
        data[4..].copy_from_slice(&self.lamports.to_le_bytes());
        let metas = [AccountMeta::writable_signer(self.from), AccountMeta::writable(self.to)];
        let ix = Instruction { program_id: &SYSTEM_PROGRAM_ID, accounts: &metas, data: &data };
        invoke_signed_cold(&ix, [self.from, self.to, self.system_program], signers)
    }
}

/// Creates `account` with `space` bytes owned by `owner`, rent exempt, paid by `payer`.
///
/// `CreateAccount` fails when the address already holds lamports, so anyone could block
/// the creation of a PDA by sending it a few lamports first. In that case the missing
/// rent is transferred and the account is allocated and assigned instead.
pub struct CreateAccount<'a> {
    pub system_program: &'a AccountInfo,
    pub payer: &'a AccountInfo,
    pub account: &'a AccountInfo,
    pub space: usize,
    pub owner: &'a Pubkey,
}

impl CreateAccount<'_> {
    pub fn invoke_signed(&self, signers: &[Signer]) -> ProgramResult {
        let required = rent_exempt_minimum(self.space)?;
        let current = self.account.lamports();
        if current == 0 {
            let mut data = tagged::<52>(CREATE_ACCOUNT);
            data[4..12].copy_from_slice(&required.to_le_bytes());
            data[12..20].copy_from_slice(&(self.space as u64).to_le_bytes());
            data[20..52].copy_from_slice(self.owner);
            let metas =
                [AccountMeta::writable_signer(self.payer), AccountMeta::writable_signer(self.account)];
            let ix = Instruction { program_id: &SYSTEM_PROGRAM_ID, accounts: &metas, data: &data };
            return invoke_signed_cold(&ix, [self.payer, self.account, self.system_program], signers);
        }
        if current < required {
            let top_up = Transfer {
                system_program: self.system_program,
                from: self.payer,
                to: self.account,
                lamports: required - current,
            };
            top_up.invoke_signed(&[])?;
        }
        let mut allocate = tagged::<12>(ALLOCATE);
        allocate[4..].copy_from_slice(&(self.space as u64).to_le_bytes());
        let metas = [AccountMeta::writable_signer(self.account)];
        let ix = Instruction { program_id: &SYSTEM_PROGRAM_ID, accounts: &metas, data: &allocate };
        invoke_signed_cold(&ix, [self.account, self.system_program], signers)?;
        let mut assign = tagged::<36>(ASSIGN);
        assign[4..].copy_from_slice(self.owner);
        let ix = Instruction { program_id: &SYSTEM_PROGRAM_ID, accounts: &metas, data: &assign };
        invoke_signed_cold(&ix, [self.account, self.system_program], signers)
    }
}
