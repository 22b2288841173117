//! io_escrow: compute-credit escrow that a coordinator settles.
//!
//! The interface (instructions, accounts, events, errors) is generated from `idl.json`
//! into [`interface`]; each instruction's handler is `instructions/<name>.rs`.
//!
//! * `books`: what several handlers share: the clock, fees, the rate bound, one
//!   settlement, node eligibility (read from io_staking's own accounts), vault payouts.
//!
//! # The books of a payment mint
//!
//! Each accepted mint has one pooled vault (owned by the config PDA) and a `PaymentMint`
//! account holding `owed` (the sum of every open escrow's `deposited - settled`) and
//! `fees_accrued` (customer and supplier fees not yet swept to the treasury). After every
//! instruction the vault holds exactly `owed + fees_accrued`, plus whatever was sent to it
//! directly, which nothing owes anyone. Fees accrue in the books, so a settlement makes one
//! token transfer, and `sweep_fees` moves them to the treasury in one.
#![no_std]
#![deny(unsafe_code)]

pub mod interface;

mod books;
mod instructions;

framework::entrypoint!(interface::dispatch);
