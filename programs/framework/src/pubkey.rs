//! Public keys, well-known program ids, and program derived addresses.

use crate::cpi::{written, Seed};
use crate::error::{ProgramError, ProgramResult};

pub type Pubkey = [u8; 32];

pub const SYSTEM_PROGRAM_ID: Pubkey = [0; 32];
/// TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA
pub const TOKEN_PROGRAM_ID: Pubkey = [
    6, 221, 246, 225, 215, 101, 161, 147, 217, 203, 225, 70, 206, 235, 121, 172, 28, 180, 133,
    237, 95, 91, 55, 145, 58, 140, 245, 133, 126, 255, 0, 169,
];
/// TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb
pub const TOKEN_2022_PROGRAM_ID: Pubkey = [
    6, 221, 246, 225, 238, 117, 143, 222, 24, 66, 93, 188, 228, 108, 205, 218, 182, 26, 252, 77,
    131, 185, 13, 39, 254, 189, 249, 40, 216, 161, 139, 252,
];
/// BPFLoaderUpgradeab1e11111111111111111111111
pub const BPF_LOADER_UPGRADEABLE_ID: Pubkey = [
    2, 168, 246, 145, 78, 136, 161, 176, 226, 16, 21, 62, 247, 99, 174, 43, 0, 194, 185, 61, 22,
    193, 36, 210, 192, 83, 122, 16, 4, 128, 0, 0,
];

/// The most seeds (the bump included) an address may be derived from.
pub const MAX_SEEDS: usize = 16;

/// Key equality as four 8-byte compares instead of 32 byte compares.
#[inline(always)]
pub fn keys_eq(a: &Pubkey, b: &Pubkey) -> bool {
    let (a, b) = (a.as_ptr() as *const [u8; 8], b.as_ptr() as *const [u8; 8]);
    // SAFETY: both keys are 32 readable bytes; unaligned reads are explicit.
    unsafe {
        (0..4).all(|i| {
            u64::from_le_bytes(core::ptr::read_unaligned(a.add(i)))
                == u64::from_le_bytes(core::ptr::read_unaligned(b.add(i)))
        })
    }
}

/// Derives the canonical program address and its bump: 1 500 CU per bump tried. Use it
/// where an account is created; later checks compare stored keys instead.
pub fn find_program_address(seeds: &[&[u8]], program_id: &Pubkey) -> ProgramResult<(Pubkey, u8)> {
    let count = seeds.len();
    if count > MAX_SEEDS {
        return Err(ProgramError::MAX_SEED_LENGTH_EXCEEDED);
    }
    // Only the `count` seeds passed are written (zeroing all sixteen was 32 stores).
    let mut slots = [const { core::mem::MaybeUninit::<Seed>::uninit() }; MAX_SEEDS];
    for (slot, seed) in slots.iter_mut().zip(seeds) {
        slot.write(Seed::from(*seed));
    }
    let mut address = [0u8; 32];
    // SAFETY: the first `count` slots are written (above).
    let bump = find_program_address_of(unsafe { written(&slots, count) }, program_id, &mut address)?;
    Ok((address, bump))
}

/// [`find_program_address`] of seeds already laid out for the syscall (at most
/// [`MAX_SEEDS`]), which a caller that also signs with them builds once for both; writes
/// the address into `address` (so that it is not copied back) and returns the bump.
#[cfg(target_arch = "bpf")]
#[inline(never)]
pub fn find_program_address_of(seeds: &[Seed], program_id: &Pubkey, address: &mut Pubkey) -> ProgramResult<u8> {
    const _: () = assert!(core::mem::size_of::<Seed>() == core::mem::size_of::<crate::syscalls::SolBytes>());
    let mut bump = 0u8;
    // SAFETY: a `Seed` is laid out as the syscall's `SolBytes` (`#[repr(C)]` pointer and
    // length), each valid for its length; outputs are 32 and 1 bytes.
    let result = unsafe {
        crate::syscalls::sol_try_find_program_address(
            seeds.as_ptr() as *const crate::syscalls::SolBytes,
            seeds.len() as u64,
            program_id.as_ptr(),
            address.as_mut_ptr(),
            &mut bump,
        )
    };
    if result != 0 {
        return Err(ProgramError::INVALID_SEEDS);
    }
    Ok(bump)
}

/// Host stand-in so that code deriving addresses compiles for unit tests.
#[cfg(not(target_arch = "bpf"))]
pub fn find_program_address_of(_: &[Seed], _: &Pubkey, _: &mut Pubkey) -> ProgramResult<u8> {
    unimplemented!("program addresses are derived by the runtime only")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_compare_every_byte() {
        let a = [7u8; 32];
        for i in 0..32 {
            let mut b = a;
            b[i] ^= 1;
            assert!(!keys_eq(&a, &b));
        }
        assert!(keys_eq(&a, &[7u8; 32]));
    }
}
