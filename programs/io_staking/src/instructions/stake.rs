//! `stake`: the node owner's self-stake into the node's active pool.

use framework::error::ProgramResult;
use framework::pubkey::Pubkey;

use crate::deposit::Deposit;
use crate::interface::{StakeAccounts, StakeArgs};

pub fn process(program_id: &Pubkey, accounts: &StakeAccounts, args: StakeArgs) -> ProgramResult {
    let StakeAccounts {
        config, node, position, owner, owner_token, stake_vault, stake_mint, stake_token_program, system_program, ..
    } = accounts;
    let deposit = Deposit {
        config,
        node,
        position,
        staker: owner,
        staker_token: owner_token,
        stake_vault,
        stake_mint,
        token_program: stake_token_program,
        system_program,
    };
    deposit.run(program_id, args.amount, false)
}
