//! The runtime's syscalls, one line each. The loader resolves them by name at deployment.
//!
//! On the host (unit tests) these symbols do not exist; code that calls them is compiled
//! for `target_arch = "bpf"` only, and each caller provides a host fallback where tests
//! need one.

/// One `(pointer, length)` slice, as the syscalls that take vectors of byte slices expect.
#[repr(C)]
pub struct SolBytes {
    pub addr: *const u8,
    pub len: u64,
}

#[cfg(target_arch = "bpf")]
extern "C" {
    pub fn sol_log_(message: *const u8, len: u64);
    pub fn sol_log_64_(a: u64, b: u64, c: u64, d: u64, e: u64);
    pub fn sol_log_pubkey(pubkey: *const u8);
    pub fn sol_log_data(slices: *const SolBytes, count: u64);
    pub fn sol_log_compute_units_();
    pub fn sol_sha256(slices: *const SolBytes, count: u64, result: *mut u8) -> u64;
    pub fn sol_create_program_address(
        seeds: *const SolBytes,
        seeds_len: u64,
        program_id: *const u8,
        address: *mut u8,
    ) -> u64;
    pub fn sol_try_find_program_address(
        seeds: *const SolBytes,
        seeds_len: u64,
        program_id: *const u8,
        address: *mut u8,
        bump: *mut u8,
    ) -> u64;
    pub fn sol_invoke_signed_c(
        instruction: *const u8,
        account_infos: *const u8,
        account_infos_len: u64,
        signers_seeds: *const u8,
        signers_seeds_len: u64,
    ) -> u64;
    pub fn sol_get_clock_sysvar(clock: *mut u8) -> u64;
    pub fn sol_get_rent_sysvar(rent: *mut u8) -> u64;
    pub fn sol_set_return_data(data: *const u8, len: u64);
    pub fn sol_memcpy_(dst: *mut u8, src: *const u8, n: u64);
    pub fn sol_memmove_(dst: *mut u8, src: *const u8, n: u64);
    pub fn sol_memset_(dst: *mut u8, value: u8, n: u64);
    pub fn sol_memcmp_(a: *const u8, b: *const u8, n: u64, result: *mut i32);
    pub fn sol_remaining_compute_units() -> u64;
    pub fn abort() -> !;
}
