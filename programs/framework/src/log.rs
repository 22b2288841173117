//! Program logs and Anchor events.
//!
//! Success paths log nothing but their one event (every log line costs at least 100 CU);
//! errors are logged in Anchor's format so that explorers and people can read them.

use crate::error::ErrorInfo;
use crate::pubkey::Pubkey;

/// Logs one line ("Program log: ...").
#[inline(always)]
pub fn log(message: &str) {
    #[cfg(target_arch = "bpf")]
    // SAFETY: pointer and length describe a valid string.
    unsafe {
        crate::syscalls::sol_log_(message.as_ptr(), message.len() as u64)
    };
    #[cfg(not(target_arch = "bpf"))]
    let _ = message;
}

/// Logs one "Program data: <base64>" line made of `slices`; an Anchor event is one slice,
/// its discriminator followed by the Borsh encoding of its fields.
///
/// The runtime charges 100 compute units, plus 100 per slice, plus one per byte.
#[inline(always)]
pub fn log_data<const N: usize>(slices: &[&[u8]; N]) {
    #[cfg(target_arch = "bpf")]
    {
        let bytes = slices.map(|slice| crate::syscalls::SolBytes { addr: slice.as_ptr(), len: slice.len() as u64 });
        // SAFETY: the N entries describe valid slices.
        unsafe { crate::syscalls::sol_log_data(bytes.as_ptr(), N as u64) };
    }
    #[cfg(not(target_arch = "bpf"))]
    let _ = slices;
}

/// Writes `value` in decimal into the end of `buffer`; returns the digits.
pub fn format_u64(mut value: u64, buffer: &mut [u8; 20]) -> &[u8] {
    let mut start = buffer.len();
    loop {
        start -= 1;
        buffer[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    &buffer[start..]
}

/// Logs an error the way Anchor does:
/// "AnchorError occurred. Error Code: <name>. Error Number: <n>. Error Message: <msg>."
///
/// Cold and out of line: error paths only, and one copy of it in the program.
#[cold]
#[inline(never)]
pub fn log_anchor_error(error: &ErrorInfo) {
    log_error_line("AnchorError occurred", "", error);
}

/// Logs a failed account constraint the way Anchor does: "AnchorError caused by account:
/// <account>. Error Code: ...", then, for key comparisons, "Left:" and "Right:" each
/// followed by the key (what the account stores, and what was passed).
#[cold]
#[inline(never)]
pub fn log_constraint_error(account: &&str, error: &ErrorInfo, keys: Option<&(&Pubkey, &Pubkey)>) {
    log_error_line("AnchorError caused by account: ", account, error);
    if let Some((left, right)) = keys {
        log("Left:");
        log_pubkey(left);
        log("Right:");
        log_pubkey(right);
    }
}

/// "<prefix><account>. Error Code: <name>. Error Number: <n>. Error Message: <msg>."
/// (five argument registers: the strings as pointer and length each).
#[inline(never)]
fn log_error_line(prefix: &str, account: &str, error: &ErrorInfo) {
    // Room for the longest of our messages and account names; a cut line would not parse.
    let mut line = [0u8; 512];
    let mut digits = [0u8; 20];
    let number = digits_str(format_u64(error.code as u64, &mut digits));
    let (name, message) = error.parts();
    let pieces = [prefix, account, ". Error Code: ", name, ". Error Number: ", number, ". Error Message: ", message, "."];
    // Whole characters only were copied, so the line is UTF-8.
    log_utf8(concat(&mut line, &pieces));
}

/// Logs a key in base58 ("Program log: <key>").
#[inline(always)]
pub fn log_pubkey(key: &Pubkey) {
    #[cfg(target_arch = "bpf")]
    // SAFETY: the key is 32 readable bytes.
    unsafe {
        crate::syscalls::sol_log_pubkey(key.as_ptr())
    };
    #[cfg(not(target_arch = "bpf"))]
    let _ = key;
}

/// Decimal digits as text (they are ASCII).
#[inline(always)]
fn digits_str(digits: &[u8]) -> &str {
    // SAFETY: `format_u64` writes ASCII digits only.
    unsafe { core::str::from_utf8_unchecked(digits) }
}

/// Logs `bytes`, which the caller built from whole UTF-8 characters only.
#[inline(always)]
fn log_utf8(bytes: &[u8]) {
    // SAFETY: see the caller; the runtime rejects a log line that is not UTF-8, so this
    // must only ever see UTF-8.
    log(unsafe { core::str::from_utf8_unchecked(bytes) })
}

/// Copies `pieces` one after the other into `line`, as much as fits (whole characters
/// only); returns what was written. Out of line and over a slice so that constant pieces
/// are neither unrolled byte by byte nor one call each.
#[inline(never)]
fn concat<'a>(line: &'a mut [u8], pieces: &[&str]) -> &'a [u8] {
    let mut len = 0;
    for piece in pieces {
        let mut take = piece.len().min(line.len() - len);
        while !piece.is_char_boundary(take) {
            take -= 1;
        }
        line[len..len + take].copy_from_slice(&piece.as_bytes()[..take]);
        len += take;
    }
    &line[..len]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_decimal() {
        let mut buffer = [0u8; 20];
        assert_eq!(format_u64(0, &mut buffer), b"0");
        assert_eq!(format_u64(6012, &mut buffer), b"6012");
        assert_eq!(format_u64(u64::MAX, &mut buffer), b"18446744073709551615");
    }

    #[test]
    fn concat_keeps_whole_characters_that_fit() {
        let mut line = [0u8; 8];
        assert_eq!(concat(&mut line, &["ab", "", "cd"]), b"abcd");
        // "é" is two bytes: at the eighth byte only its first would fit.
        assert_eq!(concat(&mut line, &["abcdefg", "é"]), b"abcdefg");
        assert_eq!(concat(&mut line, &["abcdefg", "é", "hi"]), b"abcdefgh");
        assert_eq!(concat(&mut line, &["abcdef", "é", "h"]), "abcdefé".as_bytes());
    }
}
