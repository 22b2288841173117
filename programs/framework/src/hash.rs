//! SHA-256 of the concatenation of byte slices.
//!
//! On-chain (`target_arch = "bpf"`) this is the runtime's `sol_sha256` syscall, which hashes
//! a vector of slices without copying them together (cost: 85 CU + max(10, len / 2) per
//! slice). On the host (unit tests) the same function is a small pure-Rust SHA-256 (FIPS
//! 180-4), so code that hashes can be tested without a runtime.

/// The most slices one [`sha256v`] call accepts. The syscall takes any number; this bound
/// only sizes the `SolBytes` array built on the stack. More slices abort the program
/// (on the host: panic), never hash a truncated input.
pub const MAX_SLICES: usize = 8;

/// SHA-256 of `slices[0] || slices[1] || …`. At most [`MAX_SLICES`] slices.
#[cfg(target_arch = "bpf")]
#[inline]
pub fn sha256v(slices: &[&[u8]]) -> [u8; 32] {
    use crate::syscalls::{abort, sol_sha256, SolBytes};
    use core::mem::MaybeUninit;

    if slices.len() > MAX_SLICES {
        // SAFETY: `abort` takes no arguments and does not return.
        unsafe { abort() }
    }
    // Left uninitialized past `slices.len()`: the syscall reads only `count` entries, and
    // this saves zeroing the unused ones.
    let mut vec = [const { MaybeUninit::<SolBytes>::uninit() }; MAX_SLICES];
    for (entry, slice) in vec.iter_mut().zip(slices) {
        entry.write(SolBytes {
            addr: slice.as_ptr(),
            len: slice.len() as u64,
        });
    }
    let mut out = MaybeUninit::<[u8; 32]>::uninit();
    // SAFETY: the first `slices.len()` entries of `vec` are initialized and describe live
    // byte slices (`MaybeUninit<SolBytes>` has the layout of `SolBytes`); `out` has room
    // for the 32-byte digest, which the syscall writes in full (it returns 0; on invalid
    // memory it aborts the program itself, which the above rules out).
    unsafe {
        sol_sha256(
            vec.as_ptr() as *const SolBytes,
            slices.len() as u64,
            out.as_mut_ptr() as *mut u8,
        );
        out.assume_init()
    }
}

/// SHA-256 of `slices[0] || slices[1] || …`. At most [`MAX_SLICES`] slices.
#[cfg(not(target_arch = "bpf"))]
pub fn sha256v(slices: &[&[u8]]) -> [u8; 32] {
    assert!(
        slices.len() <= MAX_SLICES,
        "sha256v: more than MAX_SLICES slices"
    );
    let mut h = host::Sha256::new();
    for s in slices {
        h.update(s);
    }
    h.finish()
}

/// SHA-256 of one byte slice.
#[inline]
pub fn sha256(data: &[u8]) -> [u8; 32] {
    sha256v(&[data])
}

/// Host-only SHA-256 (FIPS 180-4), straightforward rather than fast.
#[cfg(not(target_arch = "bpf"))]
mod host {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    const H0: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];

    pub struct Sha256 {
        state: [u32; 8],
        block: [u8; 64],
        filled: usize,
        total_len: u64,
    }

    impl Sha256 {
        pub fn new() -> Self {
            Sha256 {
                state: H0,
                block: [0; 64],
                filled: 0,
                total_len: 0,
            }
        }

        pub fn update(&mut self, mut data: &[u8]) {
            self.total_len = self.total_len.wrapping_add(data.len() as u64);
            while !data.is_empty() {
                let take = (64 - self.filled).min(data.len());
                self.block[self.filled..self.filled + take].copy_from_slice(&data[..take]);
                self.filled += take;
                data = &data[take..];
                if self.filled == 64 {
                    compress(&mut self.state, &self.block);
                    self.filled = 0;
                }
            }
        }

        pub fn finish(mut self) -> [u8; 32] {
            let bit_len = self.total_len.wrapping_mul(8);
            self.update(&[0x80]);
            while self.filled != 56 {
                self.update(&[0]);
            }
            self.update(&bit_len.to_be_bytes());
            let mut out = [0u8; 32];
            for (chunk, word) in out.chunks_exact_mut(4).zip(self.state) {
                chunk.copy_from_slice(&word.to_be_bytes());
            }
            out
        }
    }

    fn compress(state: &mut [u32; 8], block: &[u8; 64]) {
        let mut w = [0u32; 64];
        for (i, chunk) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = h
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            h = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (s, v) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
            *s = s.wrapping_add(v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8; 32]) -> [u8; 64] {
        let digits = b"0123456789abcdef";
        let mut out = [0u8; 64];
        for (i, b) in bytes.iter().enumerate() {
            out[2 * i] = digits[(b >> 4) as usize];
            out[2 * i + 1] = digits[(b & 15) as usize];
        }
        out
    }

    fn assert_hex(digest: [u8; 32], expected: &str) {
        assert_eq!(core::str::from_utf8(&hex(&digest)).unwrap(), expected);
    }

    #[test]
    fn known_vectors() {
        assert_hex(
            sha256(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        );
        assert_hex(
            sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        );
        // FIPS 180-2 two-block message (56 bytes: padding spills into a second block).
        assert_hex(
            sha256(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
        );
        // 1000 bytes of 'a' (the million-'a' vector's smaller cousin, from `sha256sum`).
        assert_hex(
            sha256(&[b'a'; 1000]),
            "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3",
        );
        // 1000 bytes 0, 1, 2, ... 255, 0, 1, ... (from Python's hashlib).
        let mut counting = [0u8; 1000];
        for (i, b) in counting.iter_mut().enumerate() {
            *b = i as u8;
        }
        assert_hex(
            sha256(&counting),
            "a8af099bf2e878609558dbf69d8f88f4a31040a8cf84b549a0cfa912f12ffc3f",
        );
    }

    #[test]
    fn slices_hash_as_their_concatenation() {
        let mut data = [0u8; 300];
        for (i, b) in data.iter_mut().enumerate() {
            *b = (i * 7 + 3) as u8;
        }
        let whole = sha256(&data);
        assert_eq!(
            sha256v(&[&data[..1], &data[1..64], &data[64..65], &data[65..]]),
            whole
        );
        assert_eq!(sha256v(&[&data[..0], &data[..], &data[300..]]), whole);
        let cuts: [&[u8]; MAX_SLICES] = [
            &data[..10],
            &data[10..55],
            &data[55..56],
            &data[56..64],
            &data[64..127],
            &data[127..128],
            &data[128..129],
            &data[129..],
        ];
        assert_eq!(sha256v(&cuts), whole);
        assert_eq!(sha256v(&[]), sha256(b""));
        assert_eq!(sha256v(&[b"a", b"bc"]), sha256(b"abc"));
    }

    #[test]
    #[should_panic(expected = "MAX_SLICES")]
    fn too_many_slices_panics() {
        let s: &[u8] = b"x";
        sha256v(&[s; MAX_SLICES + 1]);
    }
}
