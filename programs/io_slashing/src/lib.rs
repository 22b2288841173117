//! io_slashing: supplier slashing with evidence, appeal and a rolling cap.
//!
//! The interface (instructions, accounts, events, errors) is generated from `idl.json`
//! into [`interface`]; each instruction's handler is `instructions/<name>.rs`.
//!
//! * [`rules`]: the rolling cap over a node's window of proposals, and the settings'
//!   bounds, host-tested.
//! * `staking`: the CPIs into io_staking, signed by the ["slasher"] PDA.
//!
//! A proposal's life: `propose_slash` (pending; io_staking freezes the node's
//! withdrawals) → `dispute` by the node's owner inside the challenge window → `resolve`
//! by the admin (upheld or rejected) → `execute_slash` by anyone (undisputed after the
//! window, or upheld); `cancel` by the reporter or the admin before execution. Executed,
//! rejected and cancelled proposals are closed for good.
#![no_std]
#![deny(unsafe_code)]

pub mod interface;

mod instructions;
mod proposal;
pub mod rules;
mod staking;

framework::entrypoint!(interface::dispatch);
