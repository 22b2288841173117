//! `withdraw`: after its unlock time, pays the position's unbonding shares at the
//! unbonding pool's price (so slashes during the cooldown count), rounded down. Works
//! while paused or jailed, and never looks at rewards.

use framework::error::ProgramResult;

use crate::checks::{now, Payout};
use crate::interface::{ErrorCode, WithdrawAccounts, WithdrawArgs, Withdrawn};
use crate::rules::Pool;

#[inline(always)]
pub fn process(accounts: &mut WithdrawAccounts, _args: WithdrawArgs) -> ProgramResult {
    let WithdrawAccounts {
        config,
        node,
        position,
        staker,
        staker_token,
        stake_vault,
        stake_mint,
        stake_token_program: token_program,
        ..
    } = accounts;
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
            config: config.info(),
            bump: config.bump(),
            decimals: config.mint_decimals(),
            vault: stake_vault,
            to: staker_token,
            mint: stake_mint,
            token_program,
            amount,
        };
        payout.invoke()?;
    }

    Withdrawn { node: *node.key(), staker: *staker.key(), amount, shares }.emit();
    Ok(())
}
