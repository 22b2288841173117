//! `unjail`: lifts a node's jail (after an appeal). Only the slasher PDA may sign.

use framework::error::ProgramResult;

use crate::interface::{NodeUnjailed, UnjailAccounts, UnjailArgs};

#[inline(always)]
pub fn process(accounts: &mut UnjailAccounts, _args: UnjailArgs) -> ProgramResult {
    let UnjailAccounts { node, .. } = accounts;

    node.set_jailed_until(0);
    node.set_jailed_at(0);
    NodeUnjailed { node: *node.key() }.emit();
    Ok(())
}
