//! io_staking: $IO staking by GPU suppliers and their co-stakers.
//!
//! The interface (instructions, accounts, events, errors) is generated from `idl.json`
//! into [`interface`]; each instruction's handler is `instructions/<name>.rs`.
//!
//! * [`rules`]: the arithmetic (minimum stake, share pools, reward split), host-tested.
//! * `checks`, `position`, `deposit`, `settings`: what several handlers share.
#![no_std]
#![deny(unsafe_code)]

pub mod interface;

mod checks;
mod deposit;
mod instructions;
mod position;
mod registration;
pub mod rules;
mod settings;

#[cfg(not(feature = "no-entrypoint"))]
framework::entrypoint!(interface::dispatch);
