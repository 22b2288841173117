//! Cross-program invocation through `sol_invoke_signed_c`, with the C ABI's structures.

use core::marker::PhantomData;

use crate::account::{AccountInfo, UNBORROWED, BORROWED_MUT};
use crate::error::{ProgramError, ProgramResult};
use crate::pubkey::Pubkey;

/// `SolAccountMeta`: one account of the instruction to invoke.
#[repr(C)]
pub struct AccountMeta<'a> {
    pubkey: *const Pubkey,
    is_writable: bool,
    is_signer: bool,
    _key: PhantomData<&'a Pubkey>,
}

impl<'a> AccountMeta<'a> {
    #[inline(always)]
    pub fn new(pubkey: &'a Pubkey, is_writable: bool, is_signer: bool) -> Self {
        AccountMeta { pubkey, is_writable, is_signer, _key: PhantomData }
    }

    #[inline(always)]
    pub fn writable(account: &'a AccountInfo) -> Self {
        Self::new(account.key(), true, false)
    }

    #[inline(always)]
    pub fn readonly(account: &'a AccountInfo) -> Self {
        Self::new(account.key(), false, false)
    }

    #[inline(always)]
    pub fn writable_signer(account: &'a AccountInfo) -> Self {
        Self::new(account.key(), true, true)
    }

    #[inline(always)]
    pub fn readonly_signer(account: &'a AccountInfo) -> Self {
        Self::new(account.key(), false, true)
    }
}

/// `SolInstruction`.
#[repr(C)]
struct SolInstruction {
    program_id: *const Pubkey,
    accounts: *const u8,
    accounts_len: u64,
    data: *const u8,
    data_len: u64,
}

/// `SolAccountInfo`: the callee's view of one account, pointing into our input buffer so
/// that the runtime can write the callee's changes back.
#[repr(C)]
struct SolAccountInfo {
    key: *const Pubkey,
    lamports: *const u64,
    data_len: u64,
    data: *const u8,
    owner: *const Pubkey,
    rent_epoch: u64,
    // The C ABI's `bool`s `is_signer`, `is_writable`, `executable` (bytes 0, 1, 2) and the
    // struct's five bytes of padding, copied as one word from bytes 1-8 of the runtime's
    // header (whose flags are always 0 or 1), which spares normalizing or copying each
    // flag. The padding bytes get the header's padding; nobody reads them.
    flags: u64,
}

const _: () = assert!(core::mem::size_of::<SolAccountInfo>() == 56);

/// `is_writable` in `SolAccountInfo::flags`.
const WRITABLE_BIT: u64 = 1 << 8;

/// `SolSignerSeed`: one seed of a program signature.
#[repr(C)]
pub struct Seed<'a> {
    addr: *const u8,
    len: u64,
    _seed: PhantomData<&'a [u8]>,
}

impl<'a> From<&'a [u8]> for Seed<'a> {
    #[inline(always)]
    fn from(seed: &'a [u8]) -> Self {
        Seed { addr: seed.as_ptr(), len: seed.len() as u64, _seed: PhantomData }
    }
}

impl<'a, const N: usize> From<&'a [u8; N]> for Seed<'a> {
    #[inline(always)]
    fn from(seed: &'a [u8; N]) -> Self {
        Seed { addr: seed.as_ptr(), len: N as u64, _seed: PhantomData }
    }
}

/// The first `count` of `slots`: seeds laid out in place, only those used written.
///
/// # Safety
/// Those slots are initialized.
#[inline(always)]
pub(crate) unsafe fn written<'a, 'b>(slots: &'b [core::mem::MaybeUninit<Seed<'a>>], count: usize) -> &'b [Seed<'a>] {
    // SAFETY: the caller's contract; `MaybeUninit<T>` is laid out as `T`.
    unsafe { core::slice::from_raw_parts(slots.as_ptr() as *const Seed<'a>, count) }
}

/// `SolSignerSeeds`: the seeds (bump included) of one program derived address that signs.
#[repr(C)]
pub struct Signer<'a> {
    addr: *const Seed<'a>,
    len: u64,
    _seeds: PhantomData<&'a [Seed<'a>]>,
}

impl<'a> From<&'a [Seed<'a>]> for Signer<'a> {
    #[inline(always)]
    fn from(seeds: &'a [Seed<'a>]) -> Self {
        Signer { addr: seeds.as_ptr(), len: seeds.len() as u64, _seeds: PhantomData }
    }
}

/// An instruction for another program.
pub struct Instruction<'a> {
    pub program_id: &'a Pubkey,
    pub accounts: &'a [AccountMeta<'a>],
    pub data: &'a [u8],
}

// Offsets of the fields in the runtime's account header (see `account`).
const KEY: usize = 8;
const OWNER: usize = 40;
const LAMPORTS: usize = 72;
const DATA_LEN: usize = 80;
const DATA: usize = 88;

/// Invokes `instruction`, passing `accounts` (which must include every account the
/// instruction names) and signing for the program derived addresses of `signers`.
/// Fails with `AccountBorrowFailed` if one of our borrows of a passed account is alive.
///
/// One copy per account count, unrolled: for the hot token transfers. Calls off the hot
/// paths use [`invoke_signed_cold`].
pub fn invoke_signed<const N: usize>(
    instruction: &Instruction,
    accounts: [&AccountInfo; N],
    signers: &[Signer],
) -> ProgramResult {
    let mut infos = [const { core::mem::MaybeUninit::<SolAccountInfo>::uninit() }; N];
    for (slot, account) in infos.iter_mut().zip(accounts.iter()) {
        slot.write(account_info(account)?);
    }
    call(instruction, infos.as_ptr() as *const SolAccountInfo, N, signers)
}

/// The most accounts [`invoke_signed_cold`] passes.
pub const MAX_COLD_ACCOUNTS: usize = 5;

/// [`invoke_signed`] for calls off the hot paths (account creation, rent, burns, the IDL
/// instructions): one out-of-line copy for every account count up to
/// [`MAX_COLD_ACCOUNTS`], checked at compile time.
#[inline(always)]
pub fn invoke_signed_cold<const N: usize>(
    instruction: &Instruction,
    accounts: [&AccountInfo; N],
    signers: &[Signer],
) -> ProgramResult {
    const { assert!(N <= MAX_COLD_ACCOUNTS) };
    invoke_accounts(instruction, &accounts, signers)
}

#[inline(never)]
fn invoke_accounts(instruction: &Instruction, accounts: &[&AccountInfo], signers: &[Signer]) -> ProgramResult {
    let mut infos = [const { core::mem::MaybeUninit::<SolAccountInfo>::uninit() }; MAX_COLD_ACCOUNTS];
    for (slot, account) in infos.iter_mut().zip(accounts.iter()) {
        slot.write(account_info(account)?);
    }
    call(instruction, infos.as_ptr() as *const SolAccountInfo, accounts.len(), signers)
}

/// The callee's view of `account`; refused while one of our borrows of it is alive.
#[inline(always)]
fn account_info(account: &AccountInfo) -> ProgramResult<SolAccountInfo> {
    let raw = account.raw() as *const u8;
    // SAFETY: `raw` is an account header in the input buffer (8-byte aligned), so the
    // fields at these offsets exist and stay valid for the call.
    // Byte 0 of the header is the borrow state, bytes 1-3 the flags.
    let (state, head, data_len) =
        unsafe { (*raw, *(raw as *const u64), *(raw.add(DATA_LEN) as *const u64)) };
    let flags = head >> 8;
    // A writable account must not be borrowed at all, a read-only one not mutably.
    if state != UNBORROWED && (flags & WRITABLE_BIT != 0 || state == BORROWED_MUT) {
        return Err(ProgramError::ACCOUNT_BORROW_FAILED);
    }
    // SAFETY: as above.
    Ok(unsafe {
        SolAccountInfo {
            key: raw.add(KEY) as *const Pubkey,
            lamports: raw.add(LAMPORTS) as *const u64,
            data_len,
            data: raw.add(DATA),
            owner: raw.add(OWNER) as *const Pubkey,
            rent_epoch: 0,
            flags,
        }
    })
}

/// `sol_invoke_signed_c` with the `count` account infos at `infos`.
#[inline(always)]
fn call(instruction: &Instruction, infos: *const SolAccountInfo, count: usize, signers: &[Signer]) -> ProgramResult {
    let instruction = SolInstruction {
        program_id: instruction.program_id,
        accounts: instruction.accounts.as_ptr() as *const u8,
        accounts_len: instruction.accounts.len() as u64,
        data: instruction.data.as_ptr(),
        data_len: instruction.data.len() as u64,
    };
    #[cfg(target_arch = "bpf")]
    {
        // SAFETY: every structure follows the C ABI and points at live memory (`count`
        // initialized account infos); the runtime checks the rest (signers, privileges,
        // account ownership).
        let result = unsafe {
            crate::syscalls::sol_invoke_signed_c(
                &instruction as *const SolInstruction as *const u8,
                infos as *const u8,
                count as u64,
                signers.as_ptr() as *const u8,
                signers.len() as u64,
            )
        };
        if result != 0 {
            return Err(ProgramError::from_u64(result));
        }
        Ok(())
    }
    #[cfg(not(target_arch = "bpf"))]
    {
        let _ = (instruction, infos, count, signers);
        unimplemented!("cross-program invocation needs the runtime")
    }
}
