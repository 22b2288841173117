//! io_staking: $IO staking by GPU suppliers and their co-stakers.
//!
//! The interface (instructions, accounts, events, errors) is generated from `idl.json`
//! into [`interface`]; each instruction's handler is `instructions/<name>.rs`.
#![no_std]

pub mod interface;

mod instructions;
mod rules;

framework::entrypoint!(interface::dispatch);
