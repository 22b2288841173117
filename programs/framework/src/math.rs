//! Overflow-checked `u64` arithmetic for token and share accounting.
//!
//! Every function returns `Option<u64>`; `None` means "overflow / underflow / division by
//! zero", and the caller maps it to its own named error.
//!
//! # Why hand-written
//!
//! The upstream LLVM BPF backend has no libcalls for 128-bit arithmetic: a `u128` multiply
//! or divide lowers to `__multi3` / `__udivti3`, which SBPF cannot resolve. Even
//! `u64::checked_mul` (and hand-written `b > u64::MAX / a` checks, which LLVM folds into
//! the same overflow intrinsic) goes through a 128-bit multiply. So this module never
//! names `u128` outside its tests and builds everything from plain `u64` operations:
//!
//! * a widening 64×64→128 multiply from four 32×32→64 partial products, the 128-bit result
//!   held as a `(hi, lo)` pair of `u64`;
//! * a 128/64→64 division by Knuth's algorithm D with 32-bit digits (the "divlu" form of
//!   Hacker's Delight §9-4): two estimated quotient digits, each from one hardware
//!   64/64 unsigned division, corrected at most twice. This is a few dozen instructions,
//!   where a bit-by-bit shift-subtract loop would cost several hundred.
//!
//! Only unsigned operations are used (SBPF has no signed division) and no floats.

/// Basis points in one whole: `bps(x, 10_000) == x`.
pub const BPS_DENOMINATOR: u64 = 10_000;

const LO32: u64 = 0xFFFF_FFFF;

/// `a + b`, or `None` on overflow.
#[inline(always)]
pub fn checked_add(a: u64, b: u64) -> Option<u64> {
    // Note: add-with-overflow lowers to an add and a compare on BPF; no libcall.
    a.checked_add(b)
}

/// `a - b`, or `None` if `b > a`.
#[inline(always)]
pub fn checked_sub(a: u64, b: u64) -> Option<u64> {
    a.checked_sub(b)
}

/// `a * b`, or `None` on overflow.
#[inline]
pub fn checked_mul(a: u64, b: u64) -> Option<u64> {
    let (hi, lo) = mul_wide(a, b);
    if hi == 0 {
        Some(lo)
    } else {
        None
    }
}

/// `floor(a * b / d)` with an exact 128-bit intermediate; `None` if `d == 0` or the
/// quotient does not fit in `u64`.
#[inline]
pub fn mul_div_floor(a: u64, b: u64, d: u64) -> Option<u64> {
    mul_div(a, b, d).map(|(q, _)| q)
}

/// `ceil(a * b / d)` with an exact 128-bit intermediate; `None` if `d == 0` or the
/// quotient does not fit in `u64`.
#[inline]
pub fn mul_div_ceil(a: u64, b: u64, d: u64) -> Option<u64> {
    match mul_div(a, b, d) {
        Some((q, 0)) => Some(q),
        Some((q, _)) => q.checked_add(1),
        None => None,
    }
}

/// `floor(amount * bps / 10_000)`; `None` only if the result does not fit (it always does
/// when `bps <= 10_000`).
#[inline]
pub fn bps(amount: u64, bps: u64) -> Option<u64> {
    mul_div_floor(amount, bps, BPS_DENOMINATOR)
}

/// `ceil(amount * bps / 10_000)`; for a fee charged to a user, so rounding favours the pool.
#[inline]
pub fn bps_ceil(amount: u64, bps: u64) -> Option<u64> {
    mul_div_ceil(amount, bps, BPS_DENOMINATOR)
}

/// Full product `a * b` as `(hi, lo)`, so that `a * b == hi * 2^64 + lo`.
#[inline]
pub fn mul_wide(a: u64, b: u64) -> (u64, u64) {
    let (a0, a1) = (a & LO32, a >> 32);
    let (b0, b1) = (b & LO32, b >> 32);
    // Note: each partial product of two 32-bit values is < 2^64, so none overflows.
    let p00 = a0 * b0;
    let p01 = a0 * b1;
    let p10 = a1 * b0;
    let p11 = a1 * b1;
    // Note: three terms each < 2^32, so the sum is < 3 * 2^32.
    let mid = (p00 >> 32) + (p01 & LO32) + (p10 & LO32);
    let lo = (mid << 32) | (p00 & LO32);
    // Note: the full product is < 2^128, so the high word cannot overflow.
    let hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
    (hi, lo)
}

/// Quotient and remainder of `a * b / d`, or `None` if `d == 0` or the quotient exceeds
/// `u64::MAX`.
#[inline]
fn mul_div(a: u64, b: u64, d: u64) -> Option<(u64, u64)> {
    if d == 0 {
        return None;
    }
    let (hi, lo) = mul_wide(a, b);
    if hi == 0 {
        // Fast path: the product fits in 64 bits, one hardware division.
        return Some((lo / d, lo % d));
    }
    div_wide(hi, lo, d)
}

/// `(hi * 2^64 + lo) / d` as `(quotient, remainder)`; `None` if `d == 0` or the quotient
/// does not fit in `u64` (which is exactly when `hi >= d`).
// Note: one shared copy (a call costs a few units, and only a product over 64 bits gets
// here); `mul_wide_div`, whose divisor is always a constant, inlines its own.
#[inline(never)]
pub fn div_wide(hi: u64, lo: u64, d: u64) -> Option<(u64, u64)> {
    div_wide_inline(hi, lo, d)
}

/// [`div_wide`], inlined: with a constant divisor its normalization folds away.
#[inline(always)]
fn div_wide_inline(hi: u64, lo: u64, d: u64) -> Option<(u64, u64)> {
    if hi >= d {
        // Covers d == 0 too.
        return None;
    }
    const B: u64 = 1 << 32;

    // Normalize: shift so that the divisor's top bit is set. Then every estimated quotient
    // digit is at most 2 too large. Note: d != 0, so s <= 63 and the shifts are in range.
    let s = d.leading_zeros();
    let v = d << s;
    let (vn1, vn0) = (v >> 32, v & LO32);
    // hi < d, so the shifted high word loses no bits; `lo >> (64 - s)` is skipped for s == 0
    // because a shift by 64 is out of range.
    let un32 = if s == 0 {
        hi
    } else {
        (hi << s) | (lo >> (64 - s))
    };
    let un10 = lo << s;
    let (un1, un0) = (un10 >> 32, un10 & LO32);

    // First quotient digit. Note: vn1 >= 2^31 after normalization, so the division never
    // sees zero; `checked_div` keeps a panic path out of the binary.
    let mut q1 = un32.checked_div(vn1)?;
    let mut rhat = un32 - q1 * vn1;
    // Note: un32 < v, so q1 <= B + 1 and q1 * vn0 < 2^64; rhat < B whenever it is
    // multiplied by B, so B * rhat + un1 < 2^64.
    while q1 >= B || q1 * vn0 > (rhat << 32) + un1 {
        q1 -= 1;
        rhat += vn1;
        if rhat >= B {
            break;
        }
    }
    // The partial remainder is < v; its intermediate terms wrap, the result does not.
    let un21 = (un32 << 32)
        .wrapping_add(un1)
        .wrapping_sub(q1.wrapping_mul(v));

    // Second quotient digit, the same way.
    let mut q0 = un21.checked_div(vn1)?;
    let mut rhat = un21 - q0 * vn1;
    while q0 >= B || q0 * vn0 > (rhat << 32) + un0 {
        q0 -= 1;
        rhat += vn1;
        if rhat >= B {
            break;
        }
    }
    let r = (un21 << 32)
        .wrapping_add(un0)
        .wrapping_sub(q0.wrapping_mul(v))
        >> s;
    Some(((q1 << 32) | q0, r))
}


/// An unsigned 128-bit integer as two `u64` limbs, for values that outgrow `u64` (the
/// co-stakers' reward-per-share accumulator). Stored little-endian as `[u8; 16]` (the
/// byte layout of a `u128`), so an account field of that type is a `u128` to every client.
///
/// Only additions, subtractions, comparisons and the two mixed multiply-divides below: the
/// operations the accumulator needs, each from 64-bit operations (no `u128` on-chain).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, PartialOrd, Ord)]
pub struct U128 {
    // Note: `hi` first, so the derived ordering is the numeric one.
    pub hi: u64,
    pub lo: u64,
}

impl U128 {
    pub const ZERO: U128 = U128 { hi: 0, lo: 0 };
    pub const MAX: U128 = U128 { hi: u64::MAX, lo: u64::MAX };

    #[inline(always)]
    pub const fn from_u64(value: u64) -> U128 {
        U128 { hi: 0, lo: value }
    }

    /// From the little-endian bytes of a `u128`.
    #[inline(always)]
    pub fn from_le_bytes(bytes: &[u8; 16]) -> U128 {
        let mut lo = [0u8; 8];
        let mut hi = [0u8; 8];
        lo.copy_from_slice(&bytes[..8]);
        hi.copy_from_slice(&bytes[8..]);
        U128 { hi: u64::from_le_bytes(hi), lo: u64::from_le_bytes(lo) }
    }

    /// The little-endian bytes of the `u128` of equal value.
    #[inline(always)]
    pub fn to_le_bytes(self) -> [u8; 16] {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.lo.to_le_bytes());
        bytes[8..].copy_from_slice(&self.hi.to_le_bytes());
        bytes
    }

    /// `self + other`, or `None` on overflow.
    #[inline]
    pub fn checked_add(self, other: U128) -> Option<U128> {
        let (lo, carry) = self.lo.overflowing_add(other.lo);
        let hi = self.hi.checked_add(other.hi)?.checked_add(carry as u64)?;
        Some(U128 { hi, lo })
    }

    /// `self - other`, or `None` if `other > self`.
    #[inline]
    pub fn checked_sub(self, other: U128) -> Option<U128> {
        let (lo, borrow) = self.lo.overflowing_sub(other.lo);
        let hi = self.hi.checked_sub(other.hi)?.checked_sub(borrow as u64)?;
        Some(U128 { hi, lo })
    }
}

/// `floor(a * b / d)` as a 128-bit value (the quotient may exceed `u64`); `None` if
/// `d == 0`.
#[inline]
pub fn mul_div_wide(a: u64, b: u64, d: u64) -> Option<U128> {
    if d == 0 {
        return None;
    }
    let (hi, lo) = mul_wide(a, b);
    if hi == 0 {
        return Some(U128::from_u64(lo / d));
    }
    // Long division by 64-bit digits: the high digit by hardware division, the rest by
    // `div_wide` (whose quotient fits since the running remainder is < d).
    let q_hi = hi / d;
    let r = hi % d;
    let (q_lo, _) = div_wide(r, lo, d)?;
    Some(U128 { hi: q_hi, lo: q_lo })
}

/// `a * b / d` for a 64-bit `a` and a 128-bit `b` (a 192-bit product), rounded down or
/// (`ceil`) up; `None` if `d == 0` or the quotient does not fit in `u64`.
pub fn mul_wide_div(a: u64, b: U128, d: u64, ceil: bool) -> Option<u64> {
    if d == 0 {
        return None;
    }
    // a * b = a * b.hi * 2^64 + a * b.lo = (t2, t1, t0) in 64-bit digits; usually b.hi == 0
    // and the product is the 128-bit (t1, t0) of `mul_div`.
    let (mut t1, t0) = mul_wide(a, b.lo);
    if b.hi != 0 {
        let (h1, l1) = mul_wide(a, b.hi);
        let (sum, carry) = l1.overflowing_add(t1);
        // Note: the product is < 2^192, so the top digit cannot overflow.
        let t2 = h1 + carry as u64;
        // The quotient fits in u64 only if the top two digits are below d (as a 128-bit value).
        if t2 != 0 {
            return None;
        }
        t1 = sum;
    }
    let (q, r) = if t1 == 0 { (t0 / d, t0 % d) } else { div_wide_inline(t1, t0, d)? };
    if ceil && r != 0 {
        return q.checked_add(1);
    }
    Some(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX: u64 = u64::MAX;

    fn ref_mul_div(a: u64, b: u64, d: u64, ceil: bool) -> Option<u64> {
        if d == 0 {
            return None;
        }
        let p = a as u128 * b as u128;
        let d = d as u128;
        let q = if ceil { p.div_ceil(d) } else { p / d };
        u64::try_from(q).ok()
    }

    fn check(a: u64, b: u64, d: u64) {
        let p = a as u128 * b as u128;
        assert_eq!(
            mul_wide(a, b),
            ((p >> 64) as u64, p as u64),
            "mul_wide({a}, {b})"
        );
        assert_eq!(checked_mul(a, b), a.checked_mul(b), "checked_mul({a}, {b})");
        assert_eq!(checked_add(a, b), a.checked_add(b));
        assert_eq!(checked_sub(a, b), a.checked_sub(b));
        assert_eq!(
            mul_div_floor(a, b, d),
            ref_mul_div(a, b, d, false),
            "floor({a}*{b}/{d})"
        );
        assert_eq!(
            mul_div_ceil(a, b, d),
            ref_mul_div(a, b, d, true),
            "ceil({a}*{b}/{d})"
        );
        // div_wide directly, on a (hi, lo) that is not necessarily a product.
        let (hi, lo) = (a, b);
        let n = ((hi as u128) << 64) | lo as u128;
        let expect = if d != 0 && n / (d as u128) <= MAX as u128 {
            Some(((n / d as u128) as u64, (n % d as u128) as u64))
        } else {
            None
        };
        assert_eq!(div_wide(hi, lo, d), expect, "div_wide({hi}, {lo}, {d})");
    }

    fn edge_values() -> [u64; 24] {
        [
            0,
            1,
            2,
            3,
            7,
            10_000,
            0xFFFF_FFFF,
            0x1_0000_0000,
            0x1_0000_0001,
            0x8000_0000,
            0x8000_0000_0000_0000,
            0x8000_0000_0000_0001,
            0x7FFF_FFFF_FFFF_FFFF,
            0xFFFF_FFFF_0000_0000,
            0x0000_0001_FFFF_FFFF,
            0xFFFF_FFFE_FFFF_FFFF,
            1 << 40,
            1 << 52,
            1 << 63,
            1_000_000_000,
            1_000_000_000_000_000_000,
            MAX - 1,
            MAX,
            MAX / 3,
        ]
    }

    #[test]
    fn edge_cases_all_triples() {
        let e = edge_values();
        for &a in &e {
            for &b in &e {
                for &d in &e {
                    check(a, b, d);
                }
            }
        }
    }

    #[test]
    fn documented_cases() {
        assert_eq!(mul_div_floor(5, 5, 0), None);
        assert_eq!(mul_div_ceil(5, 5, 0), None);
        assert_eq!(mul_div_floor(0, 0, 0), None);
        assert_eq!(mul_div_floor(MAX, MAX, MAX), Some(MAX));
        assert_eq!(mul_div_floor(MAX, 7, 1), None);
        assert_eq!(mul_div_floor(MAX, 1, 1), Some(MAX));
        assert_eq!(mul_div_floor(7, 3, 2), Some(10));
        assert_eq!(mul_div_ceil(7, 3, 2), Some(11));
        assert_eq!(mul_div_ceil(6, 3, 2), Some(9));
        // Exactly u64::MAX, and one over: (2^64 - 1) = 3 * 5 * 17 * 257 * 641 * 65537 * 6700417.
        let (x, y) = (0xFFFF_FFFF_u64, 0x1_0000_0001_u64); // x * y == u64::MAX
        assert_eq!(mul_div_floor(x, y, 1), Some(MAX));
        assert_eq!(mul_div_floor(x * 2, y, 2), Some(MAX));
        assert_eq!(mul_div_ceil(x * 2, y, 2), Some(MAX));
        assert_eq!(mul_div_floor(MAX, 2, 2), Some(MAX));
        assert_eq!(mul_div_ceil(MAX, 3, 3), Some(MAX));
        // (2^64 - 1) * 2 + 1 over 2: floor fits, ceil is one over.
        assert_eq!(mul_div_floor(MAX, 3, 3), Some(MAX));
        let (hi, lo) = mul_wide(MAX, 2); // 2^65 - 2
        assert_eq!(div_wide(hi, lo + 1, 2), Some((MAX, 1)));
        assert_eq!(mul_div_floor(1 << 63, 2, 1), None); // exactly 2^64
        assert_eq!(mul_div_floor(1 << 63, 2, 2), Some(1 << 63));
        assert_eq!(mul_div_ceil(MAX, MAX, MAX - 1), None);
        assert_eq!(mul_div_floor(MAX, MAX - 1, MAX), Some(MAX - 1));
        assert_eq!(mul_div_ceil(MAX, MAX - 1, MAX), Some(MAX - 1));
        // The quotient is just above u64::MAX, ceil of a value just below it fits.
        assert_eq!(mul_div_ceil(MAX - 1, MAX, MAX), Some(MAX - 1));
        assert_eq!(checked_mul(1 << 32, 1 << 32), None);
        assert_eq!(
            checked_mul(1 << 32, (1 << 32) - 1),
            Some(0xFFFF_FFFF_0000_0000)
        );
        assert_eq!(checked_add(MAX, 1), None);
        assert_eq!(checked_sub(0, 1), None);
    }

    #[test]
    fn bps_helper() {
        assert_eq!(bps(1_000_000, 25), Some(2_500));
        assert_eq!(bps(399, 25), Some(0));
        assert_eq!(bps_ceil(399, 25), Some(1));
        assert_eq!(bps(400, 25), Some(1));
        assert_eq!(bps_ceil(400, 25), Some(1));
        assert_eq!(bps(MAX, 10_000), Some(MAX));
        assert_eq!(bps(MAX, 10_001), None);
        assert_eq!(bps(MAX, 5_000), Some(MAX / 2));
        assert_eq!(bps(0, MAX), Some(0));
        assert_eq!(bps(12_345, 0), Some(0));
    }

    /// xorshift64*: small, deterministic, no crates.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        /// A value with a random bit length, so small, mid and huge values all show up.
        fn any(&mut self) -> u64 {
            let bits = self.next() % 65;
            let v = self.next();
            match bits {
                0 => 0,
                64 => v,
                n => v & ((1 << n) - 1),
            }
        }
    }

    #[test]
    fn random_against_u128() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..300_000 {
            let (a, b, d) = (rng.any(), rng.any(), rng.any());
            check(a, b, d);
            check(a, b, rng.next());
            check(rng.next(), rng.next(), rng.next());
        }
    }

    #[test]
    fn random_near_quotient_limit() {
        // d close to the high word, so the quotient is near u64::MAX and the quotient-digit
        // corrections run.
        let mut rng = Rng(0xD1B5_4A32_D192_ED03);
        for _ in 0..200_000 {
            let (a, b) = (rng.next(), rng.next());
            let (hi, _) = mul_wide(a, b);
            for d in [
                hi,
                hi.wrapping_add(1),
                hi.wrapping_add(2),
                hi.wrapping_sub(1),
            ] {
                check(a, b, d);
            }
            let d = rng.next() | (1 << 63);
            check(rng.next() % d, rng.next(), d); // hi < d, a normalized divisor
            let d = rng.any() | 1;
            check(rng.next() % d, rng.next(), d); // hi < d, a small divisor
        }
    }

    fn to_u128(v: U128) -> u128 {
        ((v.hi as u128) << 64) | v.lo as u128
    }

    fn of_u128(v: u128) -> U128 {
        U128 { hi: (v >> 64) as u64, lo: v as u64 }
    }

    fn check_wide(a: u64, b: u64, c: u128, d: u64) {
        let (x, y) = (of_u128(c), of_u128((a as u128) << 64 | b as u128));
        assert_eq!(to_u128(U128::from_le_bytes(&c.to_le_bytes())), c);
        assert_eq!(x.to_le_bytes(), c.to_le_bytes());
        assert_eq!(x.checked_add(y).map(to_u128), c.checked_add(to_u128(y)), "{c} + {y:?}");
        assert_eq!(x.checked_sub(y).map(to_u128), c.checked_sub(to_u128(y)), "{c} - {y:?}");
        assert_eq!(x < y, c < to_u128(y));
        let expect = if d == 0 { None } else { Some(a as u128 * b as u128 / d as u128) };
        assert_eq!(mul_div_wide(a, b, d).map(to_u128), expect, "wide({a}*{b}/{d})");
        // a * c / d with a 192-bit product: computed exactly from the 128-bit halves.
        let expect = if d == 0 {
            None
        } else {
            let (d, a) = (d as u128, a as u128);
            let (ch, cl) = (c >> 64, c & u64::MAX as u128);
            // a * c = (a * ch) << 64 + a * cl; divide digit by digit in u128.
            let top = a * ch;
            let (q2, r2) = (top / d, top % d);
            let low = a * cl;
            // (r2 << 64) + low may exceed u128: split low.
            let mid = (r2 << 32) + (low >> 64 << 32) + ((low >> 32) & 0xFFFF_FFFF);
            let (q1, r1) = (mid / d, mid % d);
            let last = (r1 << 32) + (low & 0xFFFF_FFFF);
            let (q0, r0) = (last / d, last % d);
            // q = q2 * 2^64 + q1 * 2^32 + q0
            if q2 != 0 || q1 >> 32 != 0 {
                (None, None)
            } else {
                let q = (q1 << 32) + q0;
                let c = if r0 != 0 { q + 1 } else { q };
                (u64::try_from(q).ok(), u64::try_from(c).ok())
            }
            .into()
        };
        let (floor, ceil): (Option<u64>, Option<u64>) = expect.unwrap_or((None, None));
        assert_eq!(mul_wide_div(a, x, d, false), floor, "floor({a}*{c}/{d})");
        assert_eq!(mul_wide_div(a, x, d, true), ceil, "ceil({a}*{c}/{d})");
    }

    #[test]
    fn wide_edge_cases() {
        let e = edge_values();
        let wides: [u128; 8] = [
            0,
            1,
            u64::MAX as u128,
            1 << 64,
            (1 << 64) + 1,
            u128::MAX,
            u128::MAX - 1,
            (u64::MAX as u128) * 1_000_000_000_000,
        ];
        for &a in &e {
            for &b in &e {
                for &c in &wides {
                    for &d in &[0, 1, 2, 3, 1_000_000_000_000, u64::MAX, 1 << 63, 0xFFFF_FFFF] {
                        check_wide(a, b, c, d);
                    }
                }
            }
        }
        assert_eq!(U128::MAX.checked_add(U128::from_u64(1)), None);
        assert_eq!(U128::ZERO.checked_sub(U128::from_u64(1)), None);
        // The accumulator's worst case fits: all of u64 over one share at scale 1e12.
        let top = mul_div_wide(u64::MAX, 1_000_000_000_000, 1).unwrap();
        assert_eq!(to_u128(top), u64::MAX as u128 * 1_000_000_000_000);
        assert_eq!(mul_wide_div(1, top, 1_000_000_000_000, false), Some(u64::MAX));
        assert_eq!(mul_wide_div(2, top, 1_000_000_000_000, false), None);
    }

    #[test]
    fn wide_random_against_u128() {
        let mut rng = Rng(0x0123_4567_89AB_CDEF);
        for _ in 0..200_000 {
            let c = ((rng.any() as u128) << 64) | rng.any() as u128;
            check_wide(rng.any(), rng.any(), c, rng.any());
            check_wide(rng.next(), rng.next(), (rng.any() as u128) << 20, rng.next() | 1);
        }
    }
}
