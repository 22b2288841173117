//! `stake`: the node owner's self-stake into the node's active pool.

use framework::error::ProgramResult;

use crate::deposit::Deposit;
use crate::interface::{StakeAccounts, StakeArgs};

#[inline(always)]
pub fn process(accounts: &mut StakeAccounts, args: StakeArgs) -> ProgramResult {
    let StakeAccounts {
        config,
        node,
        position,
        position_is_new,
        owner,
        owner_token,
        stake_vault,
        stake_mint,
        stake_token_program: token_program,
        ..
    } = accounts;
    let deposit = Deposit {
        config,
        node,
        position,
        position_is_new: *position_is_new,
        staker: owner,
        staker_token: owner_token,
        stake_vault,
        stake_mint,
        token_program,
    };
    deposit.run(args.amount, false)
}
