//! Zero-copy views of the accounts in the program input.
//!
//! Each account is serialized by the runtime as one `RawAccount` header followed by its
//! data, 10 KiB of spare room for growth, padding to 8 bytes, and the rent epoch:
//!
//! ```text
//! +0  u8  borrow_state  (0xff in the input: "not a duplicate"; reused for borrow tracking)
//! +1  u8  is_signer     +2 u8 is_writable     +3 u8 executable     +4 [u8; 4] padding
//! +8  [u8; 32] key      +40 [u8; 32] owner    +72 u64 lamports     +80 u64 data_len
//! +88 [u8; data_len] data ...
//! ```
//!
//! The runtime commits what the program writes to lamports, owner, data_len and data.
//! Data borrows are tracked in the first byte, as RefCell would, so that the same
//! account passed twice (a duplicate entry points to the same header) can never be
//! borrowed mutably twice.

use crate::error::{ProgramError, ProgramResult};
use crate::pubkey::{keys_eq, Pubkey};

/// The runtime's serialized account header.
#[repr(C)]
pub struct RawAccount {
    borrow_state: u8,
    is_signer: u8,
    is_writable: u8,
    executable: u8,
    _padding: [u8; 4],
    key: Pubkey,
    owner: Pubkey,
    lamports: u64,
    data_len: u64,
}

const _: () = assert!(core::mem::size_of::<RawAccount>() == 88);

/// Spare room the runtime leaves after each account's data for in-place growth.
pub const MAX_PERMITTED_DATA_INCREASE: usize = 10 * 1024;

/// Borrow state: 0xff free, 0x00 borrowed mutably, 0xff - n borrowed by n readers.
pub(crate) const UNBORROWED: u8 = 0xff;
pub(crate) const BORROWED_MUT: u8 = 0x00;

/// One account of the instruction; a pointer into the input buffer.
#[repr(transparent)]
#[derive(Clone, Copy)]
pub struct AccountInfo {
    raw: *mut RawAccount,
}

impl AccountInfo {
    /// # Safety
    /// `raw` must point to an account header in the runtime's input buffer (or to an
    /// equivalent, writable buffer with `data_len` bytes of data after it) that outlives
    /// every use of the returned value.
    #[inline(always)]
    pub const unsafe fn from_raw(raw: *mut RawAccount) -> Self {
        AccountInfo { raw }
    }

    #[inline(always)]
    fn header(&self) -> &RawAccount {
        // SAFETY: `from_raw`'s contract; the header's fields other than data are only
        // written through `set_lamports`, `assign` and `close`, never while referenced.
        unsafe { &*self.raw }
    }

    #[inline(always)]
    pub fn key(&self) -> &Pubkey {
        &self.header().key
    }

    /// The owner program, copied: no reference into the owner field is ever handed out,
    /// so [`assign`](Self::assign) can never change it under a live borrow.
    #[inline(always)]
    pub fn owner(&self) -> Pubkey {
        self.header().owner
    }

    #[inline(always)]
    pub fn is_signer(&self) -> bool {
        self.header().is_signer != 0
    }

    #[inline(always)]
    pub fn is_writable(&self) -> bool {
        self.header().is_writable != 0
    }

    #[inline(always)]
    pub fn executable(&self) -> bool {
        self.header().executable != 0
    }

    #[inline(always)]
    pub fn lamports(&self) -> u64 {
        self.header().lamports
    }

    #[inline(always)]
    pub fn data_len(&self) -> usize {
        self.header().data_len as usize
    }

    #[inline(always)]
    pub fn is_owned_by(&self, program: &Pubkey) -> bool {
        keys_eq(&self.header().owner, program)
    }

    /// True when both views are the same account (also for duplicate entries).
    #[inline(always)]
    pub fn same_account(&self, other: &AccountInfo) -> bool {
        keys_eq(self.key(), other.key())
    }

    /// True when both views are the same entry of the input (a duplicate entry shares
    /// its original's header): one pointer compare instead of a key compare.
    #[inline(always)]
    pub fn is_same(&self, other: &AccountInfo) -> bool {
        core::ptr::eq(self.raw, other.raw)
    }

    #[inline(always)]
    pub fn set_lamports(&self, lamports: u64) {
        // SAFETY: a plain field write through the pointer; no reference to the field is
        // ever handed out.
        unsafe { (*self.raw).lamports = lamports }
    }

    /// Gives the account to another program.
    ///
    /// # Safety
    /// No reference into this account's header may be alive other than through `key()`
    /// (which this does not write), and no borrow of its data may be alive: the new owner
    /// changes what the data means. The runtime accepts the change only from the current
    /// owner and only for zeroed (or new) data; [`close_to`](Self::close_to) is the checked
    /// way to give an account of ours back to the system program.
    pub unsafe fn assign(&self, owner: &Pubkey) {
        // SAFETY: the caller's contract; `owner()` hands out copies, never references.
        unsafe { (*self.raw).owner = *owner }
    }

    /// Gives back a shared borrow whose `Ref` was forgotten.
    ///
    /// # Safety
    /// A [`Ref`] of this account was forgotten and nothing reads through it any more.
    #[inline(always)]
    pub(crate) unsafe fn release_shared(&self) {
        // SAFETY: the caller's contract; the state byte belongs to this header.
        unsafe { *self.state() += 1 }
    }

    /// Gives back an exclusive borrow whose `RefMut` was forgotten.
    ///
    /// # Safety
    /// A [`RefMut`] of this account was forgotten and nothing uses it any more.
    #[inline(always)]
    pub(crate) unsafe fn release_exclusive(&self) {
        // SAFETY: the caller's contract; the state byte belongs to this header.
        unsafe { *self.state() = UNBORROWED }
    }

    #[inline(always)]
    pub(crate) fn data_ptr(&self) -> *mut u8 {
        // SAFETY: the data starts right after the header (see the module docs).
        unsafe { (self.raw as *mut u8).add(core::mem::size_of::<RawAccount>()) }
    }

    #[inline(always)]
    fn state(&self) -> *mut u8 {
        self.raw as *mut u8
    }

    /// Borrows the data for reading; fails while it is borrowed mutably.
    pub fn try_borrow_data(&self) -> ProgramResult<Ref<'_>> {
        // SAFETY: the state byte belongs to this account header; no reference to it exists.
        let state = unsafe { *self.state() };
        if state == BORROWED_MUT || state == BORROWED_MUT + 1 {
            return Err(ProgramError::ACCOUNT_BORROW_FAILED);
        }
        // SAFETY: as above.
        unsafe { *self.state() = state - 1 };
        // SAFETY: no mutable borrow exists (checked above) and `data_len` bytes follow.
        let data = unsafe { core::slice::from_raw_parts(self.data_ptr(), self.data_len()) };
        Ok(Ref { data, state: self.state() })
    }

    /// Borrows the data for writing; fails while it is borrowed in any way.
    pub fn try_borrow_mut_data(&self) -> ProgramResult<RefMut<'_>> {
        // SAFETY: the state byte belongs to this account header; no reference to it exists.
        unsafe {
            if *self.state() != UNBORROWED {
                return Err(ProgramError::ACCOUNT_BORROW_FAILED);
            }
            *self.state() = BORROWED_MUT;
        }
        // SAFETY: no other borrow exists (checked above) and `data_len` bytes follow.
        let data = unsafe { core::slice::from_raw_parts_mut(self.data_ptr(), self.data_len()) };
        Ok(RefMut { data, state: self.state() })
    }

    /// Closes the account: moves every lamport to `destination`, shrinks the data to
    /// zero and gives the account to the system program, so that nothing can revive it
    /// in the same transaction. Fails while its data is borrowed (the checked wrapper
    /// over [`assign`](Self::assign)). Out of line: one copy for every instruction that
    /// closes an account.
    #[inline(never)]
    pub fn close_to(&self, destination: &AccountInfo) -> ProgramResult {
        if self.same_account(destination) {
            return Err(crate::error::anchor::REQUIRE_KEYS_NEQ_VIOLATED);
        }
        let total = destination
            .lamports()
            .checked_add(self.lamports())
            .ok_or(ProgramError::ARITHMETIC_OVERFLOW)?;
        {
            // Proves that no borrow of the data is alive, then zeroes it.
            let mut data = self.try_borrow_mut_data()?;
            data.fill(0);
        }
        destination.set_lamports(total);
        self.set_lamports(0);
        // SAFETY: no data borrow is alive (the exclusive borrow above succeeded and ended),
        // the data is zeroed, and header references are only ever `key()`s.
        unsafe { self.assign(&crate::pubkey::SYSTEM_PROGRAM_ID) };
        // SAFETY: shrinking is always within the serialized region; no borrow is alive.
        unsafe { (*self.raw).data_len = 0 };
        Ok(())
    }

    /// Grows or shrinks the data to `new_len` bytes (Anchor's `realloc`), zeroing bytes
    /// it adds. The runtime refuses more than [`MAX_PERMITTED_DATA_INCREASE`] of growth in
    /// one instruction, and changes to an account the program does not own. Fails while
    /// the data is borrowed.
    pub fn resize(&self, new_len: usize) -> ProgramResult {
        let old_len = self.data_len();
        if new_len > old_len + MAX_PERMITTED_DATA_INCREASE {
            return Err(ProgramError::INVALID_ARGUMENT);
        }
        // Proves that no borrow of the data is alive.
        drop(self.try_borrow_mut_data()?);
        // SAFETY: no borrow is alive (checked above); the serialized region has
        // MAX_PERMITTED_DATA_INCREASE spare bytes after the data, so `new_len` bytes
        // (checked above) are within it.
        unsafe {
            (*self.raw).data_len = new_len as u64;
            if new_len > old_len {
                core::ptr::write_bytes(self.data_ptr().add(old_len), 0, new_len - old_len);
            }
        }
        Ok(())
    }

    /// Raw header pointer, for building CPI account infos.
    #[inline(always)]
    pub(crate) fn raw(&self) -> *mut RawAccount {
        self.raw
    }
}

/// The named accounts of an instruction as one `#[repr(C)]` struct of [`AccountInfo`]s,
/// viewed in place over the parsed accounts (see [`view`]) instead of copied.
///
/// # Safety
/// The implementor must be `#[repr(C)]` with exactly `COUNT` fields, all `AccountInfo`;
/// [`accounts_view!`] checks its size and alignment at compile time.
pub unsafe trait AccountsView: Sized {
    const COUNT: usize;
}

/// Implements [`AccountsView`] for a generated `#[repr(C)]` struct of `$count`
/// `AccountInfo` fields.
#[macro_export]
macro_rules! accounts_view {
    ($type:ty, $count:expr) => {
        const _: () = assert!(
            ::core::mem::size_of::<$type>() == $count * ::core::mem::size_of::<$crate::account::AccountInfo>()
        );
        const _: () = assert!(
            ::core::mem::align_of::<$type>() == ::core::mem::align_of::<$crate::account::AccountInfo>()
        );
        // SAFETY: generated structs are `#[repr(C)]` with `$count` `AccountInfo` fields
        // and nothing else (size and alignment asserted above).
        unsafe impl $crate::account::AccountsView for $type {
            const COUNT: usize = $count;
        }
    };
}

/// The first `T::COUNT` accounts viewed as `T`, or `None` when fewer were passed.
#[inline(always)]
pub fn view<T: AccountsView>(accounts: &[AccountInfo]) -> Option<&T> {
    if accounts.len() < T::COUNT {
        return None;
    }
    // SAFETY: `T` is `COUNT` `AccountInfo`s laid out as an array (`AccountsView`'s
    // contract), and that many are readable at the slice's start (checked above).
    Some(unsafe { &*(accounts.as_ptr() as *const T) })
}

/// True when no two of `accounts` are the same account: one comparison per account.
///
/// The runtime serializes each distinct account once, at increasing offsets of the input
/// buffer, and a repeated account as a reference back to its first entry, so the views of
/// a prefix of the instruction's accounts point at strictly increasing addresses exactly
/// when none of them repeats. `accounts` must be such a prefix (as the named accounts of
/// an instruction are).
#[inline(always)]
pub fn all_distinct(accounts: &[AccountInfo]) -> bool {
    let mut previous = 0usize;
    for account in accounts {
        let address = account.raw as usize;
        if address <= previous {
            return false;
        }
        previous = address;
    }
    true
}

/// True when none of `accounts` repeats another of them or any account passed before
/// `previous` (included): one comparison per account, as [`all_distinct`]. For the
/// remaining accounts of an instruction, `previous` being its last named account.
#[inline(always)]
pub fn all_distinct_after(previous: &AccountInfo, accounts: &[AccountInfo]) -> bool {
    let mut last = previous.raw as usize;
    for account in accounts {
        let address = account.raw as usize;
        if address <= last {
            return false;
        }
        last = address;
    }
    true
}

/// True when two of `accounts` are the same account and at least one of the two is
/// writable where it is named (bit `i` of `writable` for `accounts[i]`). The exact check
/// behind [`all_distinct`], for the rare instruction that names an account twice.
#[inline(never)]
pub fn has_writable_duplicate(accounts: &[AccountInfo], writable: u64) -> bool {
    for (i, first) in accounts.iter().enumerate() {
        for (j, second) in accounts.iter().enumerate().skip(i + 1) {
            let either_writable = (writable >> i | writable >> j) & 1 != 0;
            if either_writable && first.is_same(second) {
                return true;
            }
        }
    }
    false
}

/// A shared borrow of an account's data.
pub struct Ref<'a> {
    data: &'a [u8],
    state: *mut u8,
}

impl core::ops::Deref for Ref<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.data
    }
}

impl Drop for Ref<'_> {
    fn drop(&mut self) {
        // SAFETY: the state byte outlives the borrow; we took one reader count.
        unsafe { *self.state += 1 }
    }
}

/// An exclusive borrow of an account's data.
pub struct RefMut<'a> {
    data: &'a mut [u8],
    state: *mut u8,
}

impl core::ops::Deref for RefMut<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.data
    }
}

impl core::ops::DerefMut for RefMut<'_> {
    fn deref_mut(&mut self) -> &mut [u8] {
        self.data
    }
}

impl Drop for RefMut<'_> {
    fn drop(&mut self) {
        // SAFETY: the state byte outlives the borrow, which was exclusive.
        unsafe { *self.state = UNBORROWED }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[repr(C, align(8))]
    struct Buffer([u8; 88 + 16]);

    fn account(buffer: &mut Buffer) -> AccountInfo {
        buffer.0[0] = UNBORROWED;
        buffer.0[80] = 16; // data_len
        // SAFETY: the buffer holds a header and 16 bytes of data and outlives the view.
        unsafe { AccountInfo::from_raw(buffer.0.as_mut_ptr() as *mut RawAccount) }
    }

    #[test]
    fn duplicates_are_found_by_address_order() {
        let mut buffers = [Buffer([0; 104]), Buffer([0; 104]), Buffer([0; 104])];
        let [a, b, c] = &mut buffers;
        let (a, b, c) = (account(a), account(b), account(c));
        // Input order is address order.
        let mut views = [a, b, c];
        views.sort_by_key(|v| v.raw as usize);
        let [a, b, c] = views;
        assert!(all_distinct(&[a, b, c]));
        assert!(all_distinct(&[a]));
        assert!(all_distinct(&[]));
        assert!(!all_distinct(&[a, b, a]));
        assert!(!all_distinct(&[a, a]));
        assert!(!all_distinct(&[a, c, b]));
        // Exact check: only pairs with a writable member count.
        assert!(has_writable_duplicate(&[a, b, a], 0b001));
        assert!(has_writable_duplicate(&[a, b, a], 0b100));
        assert!(!has_writable_duplicate(&[a, b, a], 0b010));
        assert!(!has_writable_duplicate(&[a, b, c], 0b111));
        assert!(has_writable_duplicate(&[a, b, c, b], 0b0010));
    }

    #[repr(C)]
    struct Pair {
        first: AccountInfo,
        second: AccountInfo,
    }
    crate::accounts_view!(Pair, 2);

    #[test]
    fn named_accounts_are_viewed_in_place() {
        let mut buffers = [Buffer([0; 104]), Buffer([0; 104])];
        let [a, b] = &mut buffers;
        let (a, b) = (account(a), account(b));
        let infos = [a, b, a];
        let pair = view::<Pair>(&infos).unwrap();
        assert!(pair.first.is_same(&a) && pair.second.is_same(&b));
        assert!(view::<Pair>(&infos[..1]).is_none());
    }

    #[test]
    fn borrows_are_tracked() {
        let mut buffer = Buffer([0; 104]);
        let info = account(&mut buffer);
        let duplicate = info;
        {
            let a = info.try_borrow_data().unwrap();
            let b = duplicate.try_borrow_data().unwrap();
            assert_eq!(a.len(), 16);
            assert_eq!(b.len(), 16);
            assert!(info.try_borrow_mut_data().is_err());
        }
        {
            let mut m = info.try_borrow_mut_data().unwrap();
            m[0] = 7;
            assert!(duplicate.try_borrow_mut_data().is_err());
            assert!(duplicate.try_borrow_data().is_err());
        }
        assert_eq!(info.try_borrow_data().unwrap()[0], 7);
    }
}
