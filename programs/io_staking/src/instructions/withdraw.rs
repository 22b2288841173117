//! `withdraw`: after its unlock time, pays the position's unbonding shares at the
//! unbonding pool's price (so slashes during the cooldown count), rounded down. Works
//! while paused or jailed, and never looks at rewards.

use framework::error::ProgramResult;
use framework::pubkey::Pubkey;
use framework::state;

use crate::checks::{has_one, mint_and_program, now, owned_token_account, Payout};
use crate::interface::{ErrorCode, Node, StakePosition, StakingConfig, WithdrawAccounts, Withdrawn};
use crate::rules::Pool;

pub fn process(program_id: &Pubkey, accounts: &WithdrawAccounts) -> ProgramResult {
    let WithdrawAccounts {
        config: config_info,
        node: node_info,
        position: position_info,
        staker,
        staker_token,
        stake_vault,
        stake_mint,
        stake_token_program,
        ..
    } = accounts;
    let config = state::load::<StakingConfig>(config_info, program_id)?;
    has_one(config.stake_vault(), stake_vault)?;
    mint_and_program(&config, stake_mint, stake_token_program)?;
    let mut node = state::load_mut::<Node>(node_info, program_id)?;
    let mut position = state::load_mut::<StakePosition>(position_info, program_id)?;
    has_one(position.node(), node_info)?;
    has_one(position.staker(), staker)?;
    owned_token_account(&config, staker_token, staker.key())?;

    let shares = position.unbonding_shares();
    if shares == 0 {
        return Err(ErrorCode::NothingToWithdraw.into());
    }
    if now()? < position.unlock_at() {
        return Err(ErrorCode::StillUnbonding.into());
    }

    let mut unbonding = Pool::load(node.unbonding());
    let amount = unbonding.redeem(shares)?;
    unbonding.store(node.unbonding_mut());
    position.set_unbonding_shares(0);
    position.set_unlock_at(0);

    if amount != 0 {
        let payout = Payout {
            config: config_info,
            bump: config.bump(),
            decimals: config.mint_decimals(),
            vault: stake_vault,
            to: staker_token,
            mint: stake_mint,
            token_program: stake_token_program,
            amount,
        };
        payout.invoke()?;
    }

    Withdrawn { node: *node_info.key(), staker: *staker.key(), amount, shares }.emit();
    Ok(())
}
