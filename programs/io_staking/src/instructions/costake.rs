//! `costake`: anyone but the owner backs a node, within the co-stake cap; co-stakers earn
//! the node's co-staker share of its rewards.

use framework::error::ProgramResult;
use framework::pubkey::Pubkey;

use crate::deposit::Deposit;
use crate::interface::{CostakeAccounts, CostakeArgs};

pub fn process(program_id: &Pubkey, accounts: &CostakeAccounts, args: CostakeArgs) -> ProgramResult {
    let CostakeAccounts {
        config, node, position, staker, staker_token, stake_vault, stake_mint, stake_token_program, system_program, ..
    } = accounts;
    let deposit = Deposit {
        config,
        node,
        position,
        staker,
        staker_token,
        stake_vault,
        stake_mint,
        token_program: stake_token_program,
        system_program,
    };
    deposit.run(program_id, args.amount, true)
}
