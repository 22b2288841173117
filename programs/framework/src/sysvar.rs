//! Sysvars read through syscalls: a passed-in sysvar account could be spoofed, a syscall
//! cannot.

use crate::error::{ProgramError, ProgramResult};
use crate::math::checked_mul;

/// The Clock sysvar (`#[repr(C)]` layout of `solana_clock::Clock`).
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct Clock {
    pub slot: u64,
    pub epoch_start_timestamp: i64,
    pub epoch: u64,
    pub leader_schedule_epoch: u64,
    pub unix_timestamp: i64,
}

impl Clock {
    /// The cluster's unix time: the Clock syscall (140 CU) into a stack buffer, inlined
    /// so that only the timestamp is kept.
    #[inline(always)]
    pub fn unix_timestamp() -> ProgramResult<i64> {
        let clock = Self::get()?;
        Ok(clock.unix_timestamp)
    }

    #[inline(always)]
    pub fn get() -> ProgramResult<Clock> {
        #[cfg(target_arch = "bpf")]
        {
            let mut clock = core::mem::MaybeUninit::<Clock>::uninit();
            // SAFETY: the syscall writes exactly one Clock when it succeeds.
            let result = unsafe { crate::syscalls::sol_get_clock_sysvar(clock.as_mut_ptr() as *mut u8) };
            if result != 0 {
                return Err(ProgramError::UNSUPPORTED_SYSVAR);
            }
            // SAFETY: written by the syscall (checked above).
            Ok(unsafe { clock.assume_init() })
        }
        #[cfg(not(target_arch = "bpf"))]
        Ok(Clock::default())
    }
}

/// The Rent sysvar (`#[repr(C)]` layout of `solana_rent::Rent`). The exemption threshold
/// is an `f64`; floats cannot be used on-chain, so it is compared by its bits.
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct Rent {
    pub lamports_per_byte_year: u64,
    exemption_threshold_bits: u64,
    pub burn_percent: u8,
}

/// Bytes the runtime counts for every account besides its data.
pub const ACCOUNT_STORAGE_OVERHEAD: u64 = 128;
const TWO_YEARS_F64_BITS: u64 = 0x4000_0000_0000_0000; // 2.0
const ONE_YEAR_F64_BITS: u64 = 0x3ff0_0000_0000_0000; // 1.0

impl Rent {
    pub fn get() -> ProgramResult<Rent> {
        #[cfg_attr(not(target_arch = "bpf"), allow(unused_mut))]
        let mut rent = Rent::default();
        #[cfg(target_arch = "bpf")]
        {
            // SAFETY: the syscall writes exactly one Rent.
            let result =
                unsafe { crate::syscalls::sol_get_rent_sysvar(&mut rent as *mut Rent as *mut u8) };
            if result != 0 {
                return Err(ProgramError::UNSUPPORTED_SYSVAR);
            }
        }
        Ok(rent)
    }

    /// The balance that makes an account of `data_len` bytes rent exempt.
    pub fn minimum_balance(&self, data_len: usize) -> ProgramResult<u64> {
        let years = match self.exemption_threshold_bits {
            TWO_YEARS_F64_BITS => 2,
            ONE_YEAR_F64_BITS => 1,
            _ => return Err(ProgramError::UNSUPPORTED_SYSVAR),
        };
        let bytes = ACCOUNT_STORAGE_OVERHEAD + data_len as u64;
        checked_mul(bytes, self.lamports_per_byte_year)
            .and_then(|per_year| checked_mul(per_year, years))
            .ok_or(ProgramError::ARITHMETIC_OVERFLOW)
    }
}
