//! Sysvars read through syscalls: a passed-in sysvar account could be spoofed, a syscall
//! cannot.

use crate::error::{ProgramError, ProgramResult};

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
    ///
    /// The overflow check divides instead of multiplying wide: a checked 64-bit multiply
    /// is a 128-bit product on BPF, some fifty instructions at every inlined copy. The
    /// quotient goes through `black_box` because LLVM turns the divide-and-compare back
    /// into that multiply.
    #[inline(always)]
    pub fn minimum_balance(&self, data_len: usize) -> ProgramResult<u64> {
        let per_byte = match self.exemption_threshold_bits {
            TWO_YEARS_F64_BITS => self.lamports_per_byte_year.checked_add(self.lamports_per_byte_year),
            ONE_YEAR_F64_BITS => Some(self.lamports_per_byte_year),
            _ => return Err(ProgramError::UNSUPPORTED_SYSVAR),
        };
        // Never zero, so the division cannot fail.
        let bytes = ACCOUNT_STORAGE_OVERHEAD.saturating_add(data_len as u64);
        match per_byte {
            Some(per_byte) if per_byte <= core::hint::black_box(u64::MAX / bytes) => Ok(per_byte * bytes),
            _ => Err(ProgramError::ARITHMETIC_OVERFLOW),
        }
    }
}

/// The balance that makes an account of `data_len` bytes rent exempt now: the Rent
/// syscall and [`Rent::minimum_balance`], one out-of-line copy for every caller.
#[inline(never)]
pub fn rent_exempt_minimum(data_len: usize) -> ProgramResult<u64> {
    Rent::get()?.minimum_balance(data_len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rent(lamports_per_byte_year: u64, exemption_threshold_bits: u64) -> Rent {
        Rent { lamports_per_byte_year, exemption_threshold_bits, burn_percent: 50 }
    }

    #[test]
    fn minimum_balance_is_two_years_of_rent_for_data_and_overhead() {
        // The cluster's default: 3 480 lamports per byte-year, two years.
        assert_eq!(rent(3480, TWO_YEARS_F64_BITS).minimum_balance(0), Ok(890_880));
        assert_eq!(rent(3480, TWO_YEARS_F64_BITS).minimum_balance(165), Ok(2_039_280));
        assert_eq!(rent(3480, ONE_YEAR_F64_BITS).minimum_balance(165), Ok(1_019_640));
        assert_eq!(rent(3480, 0).minimum_balance(165), Err(ProgramError::UNSUPPORTED_SYSVAR));
    }

    #[test]
    fn minimum_balance_refuses_overflow() {
        // 128 bytes: the largest price that fits, then one more.
        let most = u64::MAX / 128;
        assert_eq!(rent(most, ONE_YEAR_F64_BITS).minimum_balance(0), Ok(most * 128));
        assert_eq!(rent(most + 1, ONE_YEAR_F64_BITS).minimum_balance(0), Err(ProgramError::ARITHMETIC_OVERFLOW));
        assert_eq!(rent(most / 2 + 1, TWO_YEARS_F64_BITS).minimum_balance(0), Err(ProgramError::ARITHMETIC_OVERFLOW));
        assert_eq!(rent(u64::MAX / 2 + 1, TWO_YEARS_F64_BITS).minimum_balance(0), Err(ProgramError::ARITHMETIC_OVERFLOW));
    }
}
