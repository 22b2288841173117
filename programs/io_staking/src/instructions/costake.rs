//! `costake`: anyone but the node's owner backs it, within the co-stake cap.

use framework::error::ProgramResult;

use crate::deposit::Deposit;
use crate::interface::{CostakeAccounts, CostakeArgs};

#[inline(always)]
pub fn process(accounts: &mut CostakeAccounts, args: CostakeArgs) -> ProgramResult {
    let CostakeAccounts {
        config,
        node,
        position,
        position_is_new,
        staker,
        staker_token,
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
        staker,
        staker_token,
        stake_vault,
        stake_mint,
        token_program,
    };
    deposit.run(args.amount, true)
}
