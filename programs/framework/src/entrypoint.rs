//! The program entrypoint: parses the runtime's input buffer without copying.
//!
//! ```text
//! u64 number of accounts
//! per account, either
//!   u8 index of the original entry, 7 padding bytes          (a duplicate), or
//!   RawAccount header (88 bytes, first byte 0xff), data, 10 KiB spare room,
//!   padding to 8 bytes, u64 rent epoch                         (a new account)
//! u64 instruction data length, instruction data, [u8; 32] program id
//! ```

use core::mem::MaybeUninit;

use crate::account::{AccountInfo, RawAccount, MAX_PERMITTED_DATA_INCREASE};
use crate::pubkey::Pubkey;

/// How many accounts an instruction can see; entries past it are skipped. A transaction
/// locks at most 64 accounts, so only repeated entries of one account can go past it.
pub const MAX_ACCOUNTS: usize = 64;

const NON_DUPLICATE: u8 = u8::MAX;
const ACCOUNT_HEADER: usize = core::mem::size_of::<RawAccount>();
const RENT_EPOCH: usize = 8;
const DATA_LEN_OFFSET: usize = 80;

/// The parsed input: the program's id, its accounts, and the instruction data.
pub struct Input<'a> {
    pub program_id: &'a Pubkey,
    pub accounts: &'a [AccountInfo],
    pub data: &'a [u8],
}

/// Parses the input buffer into `accounts`.
///
/// # Safety
/// `input` must be the buffer the runtime passed to `entrypoint`, which lives for the
/// whole execution, and this must be called once.
#[inline(always)]
pub unsafe fn parse<'a>(
    input: *mut u8,
    accounts: &'a mut [MaybeUninit<AccountInfo>; MAX_ACCOUNTS],
) -> Input<'a> {
    let count = *(input as *const u64) as usize;
    let visible = if count < MAX_ACCOUNTS { count } else { MAX_ACCOUNTS };
    let slots = accounts.as_mut_ptr() as *mut AccountInfo;
    // Entries are walked by address (the buffer starts 8-byte aligned).
    let mut entry = input as usize + 8;
    let mut slot = slots;
    let end = slots.add(visible);
    while slot < end {
        let duplicate_of = *(entry as *const u8) as usize;
        if duplicate_of == NON_DUPLICATE as usize {
            slot.write(AccountInfo::from_raw(entry as *mut RawAccount));
            entry = skip_account(entry);
        } else {
            // The runtime only refers back to earlier entries.
            let original = slots.wrapping_add(duplicate_of);
            if original >= slot {
                crate::abort();
            }
            slot.write(*original);
            entry += 8;
        }
        slot = slot.add(1);
    }
    for _ in visible..count {
        entry = if *(entry as *const u8) == NON_DUPLICATE { skip_account(entry) } else { entry + 8 };
    }
    let data_len = *(entry as *const u64) as usize;
    let data = core::slice::from_raw_parts((entry + 8) as *const u8, data_len);
    let program_id = &*((entry + 8 + data_len) as *const Pubkey);
    let accounts = core::slice::from_raw_parts(slots as *const AccountInfo, visible);
    Input { program_id, accounts, data }
}

/// The address of the entry after the (non-duplicate) account entry at `entry`: header,
/// data, spare room, padding to 8 bytes (the buffer starts 8-byte aligned), rent epoch.
///
/// # Safety
/// `entry` must be the address of a non-duplicate account entry of the input buffer.
#[inline(always)]
unsafe fn skip_account(entry: usize) -> usize {
    let data_len = *((entry + DATA_LEN_OFFSET) as *const u64) as usize;
    (entry + ACCOUNT_HEADER + MAX_PERMITTED_DATA_INCREASE + 7 + RENT_EPOCH + data_len) & !7
}

/// Defines the `entrypoint` symbol (and, on BPF, the panic handler) for a program whose
/// processor is `fn(&Input) -> ProgramResult`.
#[macro_export]
macro_rules! entrypoint {
    ($process:path) => {
        /// # Safety
        /// Called by the runtime only, with its input buffer.
        #[no_mangle]
        pub unsafe extern "C" fn entrypoint(input: *mut u8) -> u64 {
            let mut accounts = [const { ::core::mem::MaybeUninit::uninit() };
                $crate::entrypoint::MAX_ACCOUNTS];
            // SAFETY: the runtime passes its input buffer, once.
            let input = unsafe { $crate::entrypoint::parse(input, &mut accounts) };
            match $process(&input) {
                Ok(()) => 0,
                Err(error) => error.to_u64(),
            }
        }

        #[cfg(target_arch = "bpf")]
        #[panic_handler]
        fn panic(_info: &::core::panic::PanicInfo<'_>) -> ! {
            $crate::log::log("panicked");
            $crate::abort()
        }
    };
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::vec::Vec;

    use super::*;

    /// Serializes an input buffer the way the runtime does (loader v2/v3, aligned).
    fn serialize(accounts: &[Result<([u8; 32], Vec<u8>), u8>], data: &[u8], program: [u8; 32]) -> Vec<u64> {
        let mut bytes = Vec::new();
        bytes.extend_from_slice(&(accounts.len() as u64).to_le_bytes());
        for account in accounts {
            match account {
                Ok((key, body)) => {
                    bytes.extend_from_slice(&[NON_DUPLICATE, 1, 1, 0, 0, 0, 0, 0]);
                    bytes.extend_from_slice(key);
                    bytes.extend_from_slice(&[9u8; 32]); // owner
                    bytes.extend_from_slice(&500u64.to_le_bytes()); // lamports
                    bytes.extend_from_slice(&(body.len() as u64).to_le_bytes());
                    bytes.extend_from_slice(body);
                    bytes.resize(bytes.len() + MAX_PERMITTED_DATA_INCREASE, 0);
                    bytes.resize((bytes.len() + 7) & !7, 0);
                    bytes.extend_from_slice(&0u64.to_le_bytes()); // rent epoch
                }
                Err(original) => bytes.extend_from_slice(&[*original, 0, 0, 0, 0, 0, 0, 0]),
            }
        }
        bytes.extend_from_slice(&(data.len() as u64).to_le_bytes());
        bytes.extend_from_slice(data);
        bytes.extend_from_slice(&program);
        bytes.resize((bytes.len() + 7) & !7, 0);
        bytes.chunks(8).map(|c| u64::from_le_bytes(c.try_into().unwrap())).collect()
    }

    #[test]
    fn parses_accounts_duplicates_data_and_program_id() {
        let accounts = [Ok(([1u8; 32], std::vec![7u8; 3])), Ok(([2u8; 32], Vec::new())), Err(0)];
        let mut buffer = serialize(&accounts, b"hello", [3u8; 32]);
        let mut slots = [const { MaybeUninit::uninit() }; MAX_ACCOUNTS];
        // SAFETY: the buffer is laid out as the runtime lays it out and outlives `input`.
        let input = unsafe { parse(buffer.as_mut_ptr() as *mut u8, &mut slots) };

        assert_eq!(input.accounts.len(), 3);
        assert_eq!(input.accounts[0].key(), &[1u8; 32]);
        assert_eq!(input.accounts[0].lamports(), 500);
        assert_eq!(&*input.accounts[0].try_borrow_data().unwrap(), &[7u8; 3]);
        assert_eq!(input.accounts[1].data_len(), 0);
        assert!(input.accounts[2].is_same(&input.accounts[0]));
        assert!(!input.accounts[1].is_same(&input.accounts[0]));
        assert_eq!(input.data, b"hello");
        assert_eq!(input.program_id, &[3u8; 32]);
    }

    #[test]
    fn a_duplicate_cannot_be_borrowed_mutably_twice() {
        let mut buffer = serialize(&[Ok(([1u8; 32], std::vec![0u8; 8])), Err(0)], b"", [0; 32]);
        let mut slots = [const { MaybeUninit::uninit() }; MAX_ACCOUNTS];
        // SAFETY: as above.
        let input = unsafe { parse(buffer.as_mut_ptr() as *mut u8, &mut slots) };
        let _first = input.accounts[0].try_borrow_mut_data().unwrap();
        assert!(input.accounts[1].try_borrow_mut_data().is_err());
    }

    #[test]
    fn entries_past_the_maximum_are_skipped_but_the_data_is_found() {
        let mut accounts = std::vec![Ok(([1u8; 32], std::vec![1u8; 5]))];
        accounts.extend((0..MAX_ACCOUNTS + 3).map(|_| Err(0)));
        let mut buffer = serialize(&accounts, b"data", [4u8; 32]);
        let mut slots = [const { MaybeUninit::uninit() }; MAX_ACCOUNTS];
        // SAFETY: as above.
        let input = unsafe { parse(buffer.as_mut_ptr() as *mut u8, &mut slots) };
        assert_eq!(input.accounts.len(), MAX_ACCOUNTS);
        assert_eq!(input.data, b"data");
        assert_eq!(input.program_id, &[4u8; 32]);
    }
}
