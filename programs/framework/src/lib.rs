//! The no_std core of our Solana programs: what Anchor's macros and `solana-program`
//! would give a program, written for SBPF v0 without any external crate.
#![no_std]

pub mod hash;
pub mod math;
pub mod merkle;
pub mod syscalls;
