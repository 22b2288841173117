//! The no_std core of our Solana programs: what Anchor's macros and `solana-program` give
//! a program, written for SBPF v0 without any external crate. All `unsafe` code of the
//! programs lives in this crate.
//!
//! * [`entrypoint`]: parses the runtime's input buffer; `entrypoint!` defines the symbol.
//! * [`account`]: zero-copy account views with tracked data borrows.
//! * [`state`], [`borsh`]: typed views of our accounts, field accessors, argument decoding.
//! * [`check`], [`pda`]: the account constraints generated `parse()` functions run, and
//!   the creation of program derived accounts (Anchor's `init`).
//! * [`pubkey`]: keys, well-known program ids, program derived addresses.
//! * [`cpi`], [`system`], [`token`]: cross-program invocation and its two usual targets.
//! * [`sysvar`]: clock and rent through syscalls.
//! * [`idl`]: Anchor's on-chain IDL instructions (`anchor idl init | upgrade`).
//! * [`loader`]: the upgrade authority check (who may initialize a program).
//! * [`log`]: logs, Anchor events (`sol_log_data`) and Anchor-style error lines.
//! * [`error`]: the runtime's built-in errors and Anchor's error codes.
//! * [`math`], [`hash`], [`merkle`]: checked u64 math, SHA-256, reward proofs.
#![no_std]

pub mod account;
pub mod borsh;
pub mod check;
pub mod cpi;
pub mod entrypoint;
pub mod error;
pub mod hash;
pub mod idl;
pub mod loader;
pub mod log;
pub mod math;
pub mod merkle;
pub mod pda;
pub mod pubkey;
pub mod state;
pub mod syscalls;
pub mod system;
pub mod sysvar;
pub mod token;

pub use account::AccountInfo;
pub use error::{ProgramError, ProgramResult};
pub use pubkey::Pubkey;

/// Stops the program; the transaction fails.
#[inline(always)]
pub fn abort() -> ! {
    #[cfg(target_arch = "bpf")]
    // SAFETY: the syscall takes no arguments and does not return.
    unsafe {
        syscalls::abort()
    }
    #[cfg(not(target_arch = "bpf"))]
    panic!("abort")
}
