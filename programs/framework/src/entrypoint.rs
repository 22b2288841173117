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
    let mut offset = 0usize;
    let count = *(input as *const u64) as usize;
    offset += 8;
    let mut seen = 0usize;
    for _ in 0..count {
        let entry = input.add(offset);
        let duplicate_of = *entry;
        if duplicate_of == NON_DUPLICATE {
            let data_len = *(entry.add(DATA_LEN_OFFSET) as *const u64) as usize;
            offset += ACCOUNT_HEADER + data_len + MAX_PERMITTED_DATA_INCREASE;
            offset = (offset + 7) & !7;
            offset += RENT_EPOCH;
            if seen < MAX_ACCOUNTS {
                accounts[seen].write(AccountInfo::from_raw(entry as *mut RawAccount));
            }
        } else {
            offset += 8;
            if seen < MAX_ACCOUNTS {
                // The runtime only refers back to earlier entries.
                let original = accounts[duplicate_of as usize].assume_init();
                accounts[seen].write(original);
            }
        }
        seen += 1;
    }
    let data_len = *(input.add(offset) as *const u64) as usize;
    offset += 8;
    let data = core::slice::from_raw_parts(input.add(offset), data_len);
    let program_id = &*(input.add(offset + data_len) as *const Pubkey);
    let visible = if seen < MAX_ACCOUNTS { seen } else { MAX_ACCOUNTS };
    let accounts = core::slice::from_raw_parts(accounts.as_ptr() as *const AccountInfo, visible);
    Input { program_id, accounts, data }
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
                Err(error) => error.0,
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
