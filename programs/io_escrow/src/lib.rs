//! io_escrow: compute-credit escrow that a coordinator settles.
//!
//! The interface (instructions, accounts, events, errors) is generated from `idl.json`
//! into [`interface`]; each instruction's handler is `instructions/<name>.rs`.
#![no_std]
#![deny(unsafe_code)]

pub mod interface;

mod instructions;

framework::entrypoint!(interface::dispatch);
