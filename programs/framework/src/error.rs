//! Program errors: the `u64` an entrypoint returns.
//!
//! Custom codes (Anchor's 100-5999 and ours from 6000) are returned as is; the runtime's
//! built-in errors are their index shifted into the upper 32 bits, as the runtime expects.

use core::num::NonZeroU64;

/// An error an instruction returns: a non-zero `u64` (zero is success), so that a
/// `ProgramResult<()>` is one register and `?` costs one compare.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ProgramError(NonZeroU64);

pub type ProgramResult<T = ()> = Result<T, ProgramError>;

/// A bit no runtime error uses: set on errors whose log line is already written.
const LOGGED: u64 = 1 << 63;

/// An error's number, name and message, as its log line and clients show them. Name and
/// message are one string, so that an entry of an error table is one string and two
/// numbers (24 bytes, not 40): write them with [`error_info!`](crate::error_info).
pub struct ErrorInfo {
    text: &'static str,
    pub code: u32,
    name_len: u32,
}

impl ErrorInfo {
    /// The entry of error `code` whose `text` is its name (`name_len` bytes), then its
    /// message.
    pub const fn from_parts(code: u32, name_len: usize, text: &'static str) -> Self {
        ErrorInfo { text, code, name_len: name_len as u32 }
    }

    #[inline(always)]
    pub const fn error(&self) -> ProgramError {
        ProgramError::custom(self.code)
    }

    /// The name and the message.
    pub fn parts(&self) -> (&'static str, &'static str) {
        self.text.split_at_checked(self.name_len as usize).unwrap_or((self.text, ""))
    }
}

/// An [`ErrorInfo`] from its code, name and message (string literals).
#[macro_export]
macro_rules! error_info {
    ($code:expr, $name:literal, $message:literal) => {
        $crate::error::ErrorInfo::from_parts($code, $name.len(), concat!($name, $message))
    };
}

const fn builtin(index: u64) -> ProgramError {
    ProgramError::from_u64(index << 32)
}

impl ProgramError {
    pub const INVALID_ARGUMENT: Self = builtin(2);
    pub const INVALID_INSTRUCTION_DATA: Self = builtin(3);
    pub const INVALID_ACCOUNT_DATA: Self = builtin(4);
    pub const ACCOUNT_DATA_TOO_SMALL: Self = builtin(5);
    pub const INSUFFICIENT_FUNDS: Self = builtin(6);
    pub const INCORRECT_PROGRAM_ID: Self = builtin(7);
    pub const MISSING_REQUIRED_SIGNATURES: Self = builtin(8);
    pub const ACCOUNT_ALREADY_INITIALIZED: Self = builtin(9);
    pub const UNINITIALIZED_ACCOUNT: Self = builtin(10);
    pub const NOT_ENOUGH_ACCOUNT_KEYS: Self = builtin(11);
    pub const ACCOUNT_BORROW_FAILED: Self = builtin(12);
    pub const MAX_SEED_LENGTH_EXCEEDED: Self = builtin(13);
    pub const INVALID_SEEDS: Self = builtin(14);
    pub const UNSUPPORTED_SYSVAR: Self = builtin(17);
    pub const ARITHMETIC_OVERFLOW: Self = builtin(24);

    /// `Custom(0)`, which the runtime encodes as a built-in error (zero is success).
    pub const CUSTOM_ZERO: Self = ProgramError(NonZeroU64::MIN.saturating_add((1 << 32) - 1));

    /// The error for the value an entrypoint or a syscall returned; zero (success) is
    /// mapped to `Custom(0)` so that an error can never read as success.
    #[inline(always)]
    pub const fn from_u64(value: u64) -> Self {
        match NonZeroU64::new(value) {
            Some(value) => ProgramError(value),
            None => Self::CUSTOM_ZERO,
        }
    }

    /// A custom error code (`Custom(code)` in the transaction error).
    #[inline(always)]
    pub const fn custom(code: u32) -> Self {
        Self::from_u64(code as u64)
    }

    /// The value an entrypoint returns for this error.
    #[inline(always)]
    pub const fn to_u64(self) -> u64 {
        self.0.get() & !LOGGED
    }

    /// The custom code, if this is a custom error.
    pub const fn custom_code(self) -> Option<u32> {
        if self.to_u64() >> 32 == 0 {
            Some(self.to_u64() as u32)
        } else {
            None
        }
    }

    /// The same error, marked as already logged (a failed constraint logs its account and
    /// keys where it fails; the dispatcher then logs nothing more).
    #[inline(always)]
    pub const fn logged(self) -> Self {
        ProgramError::from_u64(self.0.get() | LOGGED)
    }

    #[inline(always)]
    pub const fn is_logged(self) -> bool {
        self.0.get() & LOGGED != 0
    }
}

/// Anchor's own error codes, returned where our check is the same as Anchor's so that
/// clients translate them the same way. Only codes that anchorpy 0.21 knows are used: a
/// duplicate mutable account is reported as `RequireKeysNeqViolated`, what an Anchor
/// program's `require_keys_neq!` returns.
pub mod anchor {
    use super::ProgramError;

    pub const INSTRUCTION_MISSING: ProgramError = ProgramError::custom(100);
    pub const INSTRUCTION_FALLBACK_NOT_FOUND: ProgramError = ProgramError::custom(101);
    pub const INSTRUCTION_DID_NOT_DESERIALIZE: ProgramError = ProgramError::custom(102);
    pub const CONSTRAINT_MUT: ProgramError = ProgramError::custom(2000);
    pub const CONSTRAINT_HAS_ONE: ProgramError = ProgramError::custom(2001);
    pub const CONSTRAINT_SIGNER: ProgramError = ProgramError::custom(2002);
    pub const CONSTRAINT_RAW: ProgramError = ProgramError::custom(2003);
    pub const CONSTRAINT_OWNER: ProgramError = ProgramError::custom(2004);
    pub const CONSTRAINT_SEEDS: ProgramError = ProgramError::custom(2006);
    pub const CONSTRAINT_EXECUTABLE: ProgramError = ProgramError::custom(2007);
    pub const CONSTRAINT_ADDRESS: ProgramError = ProgramError::custom(2012);
    pub const CONSTRAINT_ZERO: ProgramError = ProgramError::custom(2013);
    pub const CONSTRAINT_TOKEN_MINT: ProgramError = ProgramError::custom(2014);
    pub const CONSTRAINT_TOKEN_OWNER: ProgramError = ProgramError::custom(2015);
    pub const CONSTRAINT_MINT_DECIMALS: ProgramError = ProgramError::custom(2018);
    pub const REQUIRE_KEYS_NEQ_VIOLATED: ProgramError = ProgramError::custom(2504);
    pub const ACCOUNT_DISCRIMINATOR_ALREADY_SET: ProgramError = ProgramError::custom(3000);
    pub const ACCOUNT_DISCRIMINATOR_NOT_FOUND: ProgramError = ProgramError::custom(3001);
    pub const ACCOUNT_DISCRIMINATOR_MISMATCH: ProgramError = ProgramError::custom(3002);
    pub const ACCOUNT_DID_NOT_DESERIALIZE: ProgramError = ProgramError::custom(3003);
    pub const ACCOUNT_NOT_ENOUGH_KEYS: ProgramError = ProgramError::custom(3005);
    pub const ACCOUNT_NOT_MUTABLE: ProgramError = ProgramError::custom(3006);
    pub const ACCOUNT_OWNED_BY_WRONG_PROGRAM: ProgramError = ProgramError::custom(3007);
    pub const INVALID_PROGRAM_ID: ProgramError = ProgramError::custom(3008);
    pub const INVALID_PROGRAM_EXECUTABLE: ProgramError = ProgramError::custom(3009);
    pub const ACCOUNT_NOT_SIGNER: ProgramError = ProgramError::custom(3010);
    pub const ACCOUNT_NOT_SYSTEM_OWNED: ProgramError = ProgramError::custom(3011);
    pub const ACCOUNT_NOT_INITIALIZED: ProgramError = ProgramError::custom(3012);
    pub const ACCOUNT_NOT_PROGRAM_DATA: ProgramError = ProgramError::custom(3013);
    pub const ACCOUNT_SYSVAR_MISMATCH: ProgramError = ProgramError::custom(3015);

    use super::ErrorInfo;

    pub static INSTRUCTION_MISSING_INFO: ErrorInfo = crate::error_info!(100, "InstructionMissing", "8 byte instruction identifier not provided");
    pub static INSTRUCTION_FALLBACK_NOT_FOUND_INFO: ErrorInfo = crate::error_info!(101, "InstructionFallbackNotFound", "Fallback functions are not supported");
    pub static INSTRUCTION_DID_NOT_DESERIALIZE_INFO: ErrorInfo = crate::error_info!(102, "InstructionDidNotDeserialize", "The program could not deserialize the given instruction");
    pub static CONSTRAINT_MUT_INFO: ErrorInfo = crate::error_info!(2000, "ConstraintMut", "A mut constraint was violated");
    pub static CONSTRAINT_HAS_ONE_INFO: ErrorInfo = crate::error_info!(2001, "ConstraintHasOne", "A has one constraint was violated");
    pub static CONSTRAINT_SIGNER_INFO: ErrorInfo = crate::error_info!(2002, "ConstraintSigner", "A signer constraint was violated");
    pub static CONSTRAINT_RAW_INFO: ErrorInfo = crate::error_info!(2003, "ConstraintRaw", "A raw constraint was violated");
    pub static CONSTRAINT_OWNER_INFO: ErrorInfo = crate::error_info!(2004, "ConstraintOwner", "An owner constraint was violated");
    pub static CONSTRAINT_SEEDS_INFO: ErrorInfo = crate::error_info!(2006, "ConstraintSeeds", "A seeds constraint was violated");
    pub static CONSTRAINT_EXECUTABLE_INFO: ErrorInfo = crate::error_info!(2007, "ConstraintExecutable", "An executable constraint was violated");
    pub static CONSTRAINT_ADDRESS_INFO: ErrorInfo = crate::error_info!(2012, "ConstraintAddress", "An address constraint was violated");
    pub static CONSTRAINT_ZERO_INFO: ErrorInfo = crate::error_info!(2013, "ConstraintZero", "Expected zero account discriminant");
    pub static CONSTRAINT_TOKEN_MINT_INFO: ErrorInfo = crate::error_info!(2014, "ConstraintTokenMint", "A token mint constraint was violated");
    pub static CONSTRAINT_TOKEN_OWNER_INFO: ErrorInfo = crate::error_info!(2015, "ConstraintTokenOwner", "A token owner constraint was violated");
    pub static CONSTRAINT_MINT_DECIMALS_INFO: ErrorInfo = crate::error_info!(2018, "ConstraintMintDecimals", "A mint decimals constraint was violated");
    pub static REQUIRE_KEYS_NEQ_VIOLATED_INFO: ErrorInfo = crate::error_info!(2504, "RequireKeysNeqViolated", "A require_keys_neq expression was violated");
    pub static ACCOUNT_DISCRIMINATOR_ALREADY_SET_INFO: ErrorInfo = crate::error_info!(3000, "AccountDiscriminatorAlreadySet", "The account discriminator was already set on this account");
    pub static ACCOUNT_DISCRIMINATOR_NOT_FOUND_INFO: ErrorInfo = crate::error_info!(3001, "AccountDiscriminatorNotFound", "No 8 byte discriminator was found on the account");
    pub static ACCOUNT_DISCRIMINATOR_MISMATCH_INFO: ErrorInfo = crate::error_info!(3002, "AccountDiscriminatorMismatch", "8 byte discriminator did not match what was expected");
    pub static ACCOUNT_DID_NOT_DESERIALIZE_INFO: ErrorInfo = crate::error_info!(3003, "AccountDidNotDeserialize", "Failed to deserialize the account");
    pub static ACCOUNT_NOT_ENOUGH_KEYS_INFO: ErrorInfo = crate::error_info!(3005, "AccountNotEnoughKeys", "Not enough account keys given to the instruction");
    pub static ACCOUNT_NOT_MUTABLE_INFO: ErrorInfo = crate::error_info!(3006, "AccountNotMutable", "The given account is not mutable");
    pub static ACCOUNT_OWNED_BY_WRONG_PROGRAM_INFO: ErrorInfo = crate::error_info!(3007, "AccountOwnedByWrongProgram", "The given account is owned by a different program than expected");
    pub static INVALID_PROGRAM_ID_INFO: ErrorInfo = crate::error_info!(3008, "InvalidProgramId", "Program ID was not as expected");
    pub static INVALID_PROGRAM_EXECUTABLE_INFO: ErrorInfo = crate::error_info!(3009, "InvalidProgramExecutable", "Program account is not executable");
    pub static ACCOUNT_NOT_SIGNER_INFO: ErrorInfo = crate::error_info!(3010, "AccountNotSigner", "The given account did not sign");
    pub static ACCOUNT_NOT_SYSTEM_OWNED_INFO: ErrorInfo = crate::error_info!(3011, "AccountNotSystemOwned", "The given account is not owned by the system program");
    pub static ACCOUNT_NOT_INITIALIZED_INFO: ErrorInfo = crate::error_info!(3012, "AccountNotInitialized", "The program expected this account to be already initialized");
    pub static ACCOUNT_NOT_PROGRAM_DATA_INFO: ErrorInfo = crate::error_info!(3013, "AccountNotProgramData", "The given account is not a program data account");
    pub static ACCOUNT_SYSVAR_MISMATCH_INFO: ErrorInfo = crate::error_info!(3015, "AccountSysvarMismatch", "The given public key does not match the required sysvar");

    /// The Anchor errors above, for the error log line (error paths only).
    static TABLE: [&ErrorInfo; 30] = [
        &INSTRUCTION_MISSING_INFO,
        &INSTRUCTION_FALLBACK_NOT_FOUND_INFO,
        &INSTRUCTION_DID_NOT_DESERIALIZE_INFO,
        &CONSTRAINT_MUT_INFO,
        &CONSTRAINT_HAS_ONE_INFO,
        &CONSTRAINT_SIGNER_INFO,
        &CONSTRAINT_RAW_INFO,
        &CONSTRAINT_OWNER_INFO,
        &CONSTRAINT_SEEDS_INFO,
        &CONSTRAINT_EXECUTABLE_INFO,
        &CONSTRAINT_ADDRESS_INFO,
        &CONSTRAINT_ZERO_INFO,
        &CONSTRAINT_TOKEN_MINT_INFO,
        &CONSTRAINT_TOKEN_OWNER_INFO,
        &CONSTRAINT_MINT_DECIMALS_INFO,
        &REQUIRE_KEYS_NEQ_VIOLATED_INFO,
        &ACCOUNT_DISCRIMINATOR_ALREADY_SET_INFO,
        &ACCOUNT_DISCRIMINATOR_NOT_FOUND_INFO,
        &ACCOUNT_DISCRIMINATOR_MISMATCH_INFO,
        &ACCOUNT_DID_NOT_DESERIALIZE_INFO,
        &ACCOUNT_NOT_ENOUGH_KEYS_INFO,
        &ACCOUNT_NOT_MUTABLE_INFO,
        &ACCOUNT_OWNED_BY_WRONG_PROGRAM_INFO,
        &INVALID_PROGRAM_ID_INFO,
        &INVALID_PROGRAM_EXECUTABLE_INFO,
        &ACCOUNT_NOT_SIGNER_INFO,
        &ACCOUNT_NOT_SYSTEM_OWNED_INFO,
        &ACCOUNT_NOT_INITIALIZED_INFO,
        &ACCOUNT_NOT_PROGRAM_DATA_INFO,
        &ACCOUNT_SYSVAR_MISMATCH_INFO,
    ];

    /// The number, name and message of one of the Anchor errors above.
    #[cold]
    #[inline(never)]
    pub fn info(code: u32) -> Option<&'static ErrorInfo> {
        TABLE.iter().find(|entry| entry.code == code).copied()
    }

}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_the_runtime_values_and_never_success() {
        assert_eq!(ProgramError::custom(6000).to_u64(), 6000);
        assert_eq!(ProgramError::custom(6000).custom_code(), Some(6000));
        assert_eq!(ProgramError::INCORRECT_PROGRAM_ID.to_u64(), 7 << 32);
        assert_eq!(ProgramError::INCORRECT_PROGRAM_ID.custom_code(), None);
        // Custom(0) is encoded as a built-in error, as solana-program does.
        assert_eq!(ProgramError::custom(0).to_u64(), 1 << 32);
        assert_eq!(ProgramError::from_u64(0), ProgramError::CUSTOM_ZERO);
        assert_eq!(core::mem::size_of::<ProgramResult>(), 8);
    }

    #[test]
    fn anchor_errors_are_described() {
        assert_eq!(anchor::info(2001).map(|info| info.parts()), Some(("ConstraintHasOne", "A has one constraint was violated")));
        assert_eq!(anchor::info(3015).map(|info| info.parts().0), Some("AccountSysvarMismatch"));
        assert!(anchor::info(6000).is_none());
    }
}
