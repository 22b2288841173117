//! Reading Borsh-encoded instruction arguments in place.

use crate::error::{anchor, ProgramError, ProgramResult};

/// Reads Borsh values from instruction data; any shortfall is Anchor's
/// `InstructionDidNotDeserialize`.
pub struct Reader<'a> {
    data: &'a [u8],
}

const SHORT: ProgramError = anchor::INSTRUCTION_DID_NOT_DESERIALIZE;

impl<'a> Reader<'a> {
    #[inline(always)]
    pub fn new(data: &'a [u8]) -> Self {
        Reader { data }
    }

    #[inline(always)]
    pub fn array<const N: usize>(&mut self) -> ProgramResult<[u8; N]> {
        let (head, rest) = self.data.split_first_chunk::<N>().ok_or(SHORT)?;
        self.data = rest;
        Ok(*head)
    }

    #[inline(always)]
    pub fn u8(&mut self) -> ProgramResult<u8> {
        Ok(self.array::<1>()?[0])
    }

    /// Borsh booleans are one byte, 0 or 1; anything else does not deserialize.
    #[inline(always)]
    pub fn bool(&mut self) -> ProgramResult<bool> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(SHORT),
        }
    }

    #[inline(always)]
    pub fn u16(&mut self) -> ProgramResult<u16> {
        Ok(u16::from_le_bytes(self.array()?))
    }

    #[inline(always)]
    pub fn u32(&mut self) -> ProgramResult<u32> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    #[inline(always)]
    pub fn u64(&mut self) -> ProgramResult<u64> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    #[inline(always)]
    pub fn i64(&mut self) -> ProgramResult<i64> {
        Ok(i64::from_le_bytes(self.array()?))
    }

    /// A fixed-size struct of the interface (its bytes are its Borsh encoding).
    #[inline(always)]
    pub fn pod<T: crate::state::Pod>(&mut self) -> ProgramResult<T> {
        let value = crate::state::read_pod::<T>(self.data).ok_or(SHORT)?;
        self.data = &self.data[core::mem::size_of::<T>()..];
        Ok(value)
    }

    /// A `Vec<[u8; N]>`: u32 length, then the items, borrowed from the data.
    pub fn vec_of_arrays<const N: usize>(&mut self) -> ProgramResult<&'a [[u8; N]]> {
        let len = self.u32()? as usize;
        let bytes = len.checked_mul(N).ok_or(SHORT)?;
        if self.data.len() < bytes {
            return Err(SHORT);
        }
        let (items, rest) = self.data.split_at(bytes);
        self.data = rest;
        // SAFETY: `items` holds exactly `len * N` bytes and `[u8; N]` has alignment 1.
        Ok(unsafe { core::slice::from_raw_parts(items.as_ptr() as *const [u8; N], len) })
    }

    /// A `Vec<T>` of a fixed-size interface struct: u32 length, then the items, borrowed
    /// from the data (alignment 1, so the bytes are the items).
    pub fn vec_of_pod<T: crate::state::Pod>(&mut self) -> ProgramResult<&'a [T]> {
        let len = self.u32()? as usize;
        let bytes = len.checked_mul(core::mem::size_of::<T>()).ok_or(SHORT)?;
        if self.data.len() < bytes {
            return Err(SHORT);
        }
        let (items, rest) = self.data.split_at(bytes);
        self.data = rest;
        // SAFETY: `items` holds exactly `len * size_of::<T>()` bytes; `Pod` types have
        // alignment 1 and every bit pattern is valid.
        Ok(unsafe { core::slice::from_raw_parts(items.as_ptr() as *const T, len) })
    }
}
