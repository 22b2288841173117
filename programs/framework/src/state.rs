//! Typed, zero-copy access to our program's accounts, with Anchor's checks.
//!
//! An account is an 8-byte discriminator followed by a `#[repr(C)]` struct whose fields
//! are byte arrays (alignment 1, no padding, every bit pattern valid), so the bytes are at
//! once the Borsh encoding that clients decode and a view the program uses in place.
//! The interface generator writes these structs and implements [`AccountState`] for them
//! through [`account_state!`].

use core::marker::PhantomData;

use crate::account::{AccountInfo, Ref, RefMut};
use crate::error::{anchor, ProgramError, ProgramResult};
use crate::pubkey::Pubkey;

/// Plain old data: a `#[repr(C)]` struct of byte arrays, valid for every bit pattern.
///
/// # Safety
/// The implementor must have alignment 1, no padding, and no invalid bit patterns;
/// [`pod!`] checks the alignment at compile time.
pub unsafe trait Pod: Copy + Sized {}

/// Implements [`Pod`] for a generated `#[repr(C)]` struct of `u8` and `[u8; N]` fields.
#[macro_export]
macro_rules! pod {
    ($type:ty) => {
        const _: () = assert!(::core::mem::align_of::<$type>() == 1);
        // SAFETY: generated structs hold only u8 and [u8; N] fields (or other such
        // structs): alignment 1 (asserted above), no padding, every bit pattern valid.
        unsafe impl $crate::state::Pod for $type {}
    };
}

/// A fixed-size account type of ours: discriminator, then the struct.
pub trait AccountState: Pod {
    const DISCRIMINATOR: [u8; 8];
    /// Account data length: discriminator + fields.
    const LEN: usize = 8 + core::mem::size_of::<Self>();
}

/// Implements [`AccountState`] (and [`Pod`]) for a generated account struct.
#[macro_export]
macro_rules! account_state {
    ($type:ty, $discriminator:expr) => {
        $crate::pod!($type);
        impl $crate::state::AccountState for $type {
            const DISCRIMINATOR: [u8; 8] = $discriminator;
        }
    };
}

/// The bytes of a plain-old-data value (its Borsh encoding).
#[inline(always)]
pub fn bytes_of<T: Pod>(value: &T) -> &[u8] {
    // SAFETY: `Pod` types have no padding, so all `size_of::<T>()` bytes are initialized.
    unsafe { core::slice::from_raw_parts(value as *const T as *const u8, core::mem::size_of::<T>()) }
}

/// Reads a plain-old-data value from the front of `bytes`.
#[inline(always)]
pub fn read_pod<T: Pod>(bytes: &[u8]) -> Option<T> {
    if bytes.len() < core::mem::size_of::<T>() {
        return None;
    }
    // SAFETY: enough bytes (checked), every bit pattern is valid, the read is unaligned.
    Some(unsafe { core::ptr::read_unaligned(bytes.as_ptr() as *const T) })
}

/// A loaded account of ours, readable: its data borrowed for reading. Two words: the
/// account and its data (whose length was checked at load).
///
/// The borrow is not given back when the view goes away, only by [`release`](Self::release):
/// an instruction's loaded accounts live until it ends, and giving their borrows back on
/// every way out of it (every `?`) was about 5 % of a program. Keeping a borrow is safe: the
/// account just cannot be written, or passed writable to a CPI, for the rest of the
/// instruction.
pub struct Account<'a, T> {
    info: &'a AccountInfo,
    data: *mut u8,
    _type: PhantomData<T>,
}

/// A loaded account of ours, writable: its data borrowed exclusively (given back only by
/// [`release`](Self::release), as for [`Account`]).
pub struct AccountMut<'a, T> {
    info: &'a AccountInfo,
    data: *mut u8,
    _type: PhantomData<T>,
}

impl<'a, T> Account<'a, T> {
    /// The view of `info` over the borrow `data`, which it keeps (see the type's docs).
    #[inline(always)]
    fn keeping(info: &'a AccountInfo, data: Ref<'a>) -> Self {
        core::mem::forget(data);
        Account { info, data: info.data_ptr(), _type: PhantomData }
    }

    /// The account behind the view (for its key, or to pass it to a CPI).
    #[inline(always)]
    pub fn info(&self) -> &'a AccountInfo {
        self.info
    }

    #[inline(always)]
    pub fn key(&self) -> &'a Pubkey {
        self.info.key()
    }

    /// Ends the view and gives its borrow back.
    pub fn release(self) {
        // SAFETY: the view (which forgot its `Ref`) ends here.
        unsafe { self.info.release_shared() }
    }
}

impl<'a, T> AccountMut<'a, T> {
    /// The view of `info` over the borrow `data`, which it keeps (see [`Account`]).
    #[inline(always)]
    fn keeping(info: &'a AccountInfo, data: RefMut<'a>) -> Self {
        core::mem::forget(data);
        AccountMut { info, data: info.data_ptr(), _type: PhantomData }
    }

    /// The account behind the view (for its key, or to pass it to a CPI).
    #[inline(always)]
    pub fn info(&self) -> &'a AccountInfo {
        self.info
    }

    #[inline(always)]
    pub fn key(&self) -> &'a Pubkey {
        self.info.key()
    }

    /// Ends the view and gives its borrow back.
    pub fn release(self) {
        // SAFETY: the view (which forgot its `RefMut`) ends here.
        unsafe { self.info.release_exclusive() }
    }
}

impl<T: AccountState> core::ops::Deref for Account<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the length was checked at load (>= LEN) and T has alignment 1 and no
        // invalid bit patterns.
        unsafe { &*(self.data.add(8) as *const T) }
    }
}

impl<T: AccountState> core::ops::Deref for AccountMut<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: as for `Account`.
        unsafe { &*(self.data.add(8) as *const T) }
    }
}

impl<T: AccountState> core::ops::DerefMut for AccountMut<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as for `Account`; the borrow is exclusive.
        unsafe { &mut *(self.data.add(8) as *mut T) }
    }
}

/// Anchor's account checks (owner, discriminator, length) as one test on the success
/// path; only a failure pays for telling which check failed, in [`load_failure`].
#[inline(always)]
fn check<T: AccountState>(info: &AccountInfo, program_id: &Pubkey, data: &[u8]) -> ProgramResult {
    let discriminator = u64::from_le_bytes(T::DISCRIMINATOR);
    // `T::LEN` >= 8, so a long enough account holds a discriminator.
    let valid = info.is_owned_by(program_id)
        && data.len() >= T::LEN
        && data.first_chunk::<8>().is_some_and(|stored| u64::from_le_bytes(*stored) == discriminator);
    if !valid {
        return Err(load_failure(info, program_id, data, discriminator));
    }
    Ok(())
}

/// Which of Anchor's checks failed, in Anchor's order: owner, then discriminator, then
/// length. Out of line and not generic: error paths only, one copy for every type.
#[cold]
#[inline(never)]
fn load_failure(info: &AccountInfo, program_id: &Pubkey, data: &[u8], discriminator: u64) -> ProgramError {
    if !info.is_owned_by(program_id) {
        return if info.data_len() == 0 && info.is_owned_by(&crate::pubkey::SYSTEM_PROGRAM_ID) {
            anchor::ACCOUNT_NOT_INITIALIZED
        } else {
            anchor::ACCOUNT_OWNED_BY_WRONG_PROGRAM
        };
    }
    match data.first_chunk::<8>() {
        None => anchor::ACCOUNT_DISCRIMINATOR_NOT_FOUND,
        Some(stored) if u64::from_le_bytes(*stored) != discriminator => anchor::ACCOUNT_DISCRIMINATOR_MISMATCH,
        // Owner and discriminator hold, so the length is what failed.
        Some(_) => anchor::ACCOUNT_DID_NOT_DESERIALIZE,
    }
}

/// Loads an account of type `T` owned by `program_id`, for reading (Anchor's `Account`).
#[inline(always)]
pub fn load<'a, T: AccountState>(info: &'a AccountInfo, program_id: &Pubkey) -> ProgramResult<Account<'a, T>> {
    let data = info.try_borrow_data()?;
    check::<T>(info, program_id, &data)?;
    Ok(Account::keeping(info, data))
}

/// Loads an account of type `T` owned by `program_id`, for writing. Writability is a
/// declared constraint, checked before (Anchor's `mut`).
#[inline(always)]
pub fn load_mut<'a, T: AccountState>(
    info: &'a AccountInfo,
    program_id: &Pubkey,
) -> ProgramResult<AccountMut<'a, T>> {
    let data = info.try_borrow_mut_data()?;
    check::<T>(info, program_id, &data)?;
    Ok(AccountMut::keeping(info, data))
}

/// Writes the discriminator into a freshly created account of ours (all zeroes, at
/// least `T::LEN` long) and returns it for writing. Refuses an account that already
/// carries a discriminator, so an init instruction can never overwrite state.
pub fn init<'a, T: AccountState>(info: &'a AccountInfo, program_id: &Pubkey) -> ProgramResult<AccountMut<'a, T>> {
    let data = init_data(info, program_id, T::LEN, &T::DISCRIMINATOR)?;
    Ok(AccountMut::keeping(info, data))
}

/// [`init`] for every type: one copy however many account types a program creates.
#[inline(never)]
fn init_data<'a>(info: &'a AccountInfo, program_id: &Pubkey, len: usize, discriminator: &[u8; 8]) -> ProgramResult<RefMut<'a>> {
    if !info.is_owned_by(program_id) {
        return Err(anchor::ACCOUNT_OWNED_BY_WRONG_PROGRAM);
    }
    let mut data = info.try_borrow_mut_data()?;
    if data.len() < len {
        return Err(anchor::ACCOUNT_DID_NOT_DESERIALIZE);
    }
    if data[..8] != [0u8; 8] {
        return Err(anchor::ACCOUNT_DISCRIMINATOR_ALREADY_SET);
    }
    data[..8].copy_from_slice(discriminator);
    Ok(data)
}

/// Closes a loaded account (Anchor's `close = destination`): ends the view's borrow, then
/// zeroes the data, moves the lamports and gives the account to the system program.
pub fn close<T>(account: AccountMut<'_, T>, destination: &AccountInfo) -> ProgramResult {
    let info = account.info;
    account.release();
    info.close_to(destination)
}

/// Accessors for the fields of a generated zero-copy struct, one line per field:
/// `name set_name: u64` (little-endian integers and `bool` by value), `name name_mut: ref T`
/// (keys, arrays and nested structs by reference).
#[macro_export]
macro_rules! accessors {
    ($type:ty { $($field:ident $setter:ident : $kind:tt $($inner:ty)?),* $(,)? }) => {
        impl $type {
            $( $crate::accessor!($field $setter $kind $($inner)?); )*
        }
    };
}

/// One accessor pair of [`accessors!`].
#[macro_export]
macro_rules! accessor {
    ($field:ident $setter:ident bool) => {
        #[inline(always)]
        pub fn $field(&self) -> bool {
            self.$field != 0
        }
        #[inline(always)]
        pub fn $setter(&mut self, value: bool) {
            self.$field = value as u8
        }
    };
    ($field:ident $setter:ident u8) => {
        #[inline(always)]
        pub fn $field(&self) -> u8 {
            self.$field
        }
        #[inline(always)]
        pub fn $setter(&mut self, value: u8) {
            self.$field = value
        }
    };
    ($field:ident $setter:ident ref $inner:ty) => {
        #[inline(always)]
        pub fn $field(&self) -> &$inner {
            &self.$field
        }
        #[inline(always)]
        pub fn $setter(&mut self) -> &mut $inner {
            &mut self.$field
        }
    };
    ($field:ident $setter:ident $int:ident) => {
        #[inline(always)]
        pub fn $field(&self) -> $int {
            $int::from_le_bytes(self.$field)
        }
        #[inline(always)]
        pub fn $setter(&mut self, value: $int) {
            self.$field = value.to_le_bytes()
        }
    };
}
