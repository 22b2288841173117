//! `withdraw`: after its unlock time, pays the position's unbonding shares at the
//! unbonding pool's price (so slashes during the cooldown count), rounded down. Works
//! while paused or jailed, and never looks at rewards; refused while a slash proposal
//! against the node is pending, so that nobody escapes it by unstaking.

use framework::error::ProgramResult;
use framework::token::Payout;

use crate::checks::{now, pending_slashes, ConfigSeed};
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
    if pending_slashes(config, node) != 0 {
        return Err(ErrorCode::SlashPending.into());
    }

    let mut unbonding = Pool::load(node.unbonding());
    let amount = unbonding.redeem(shares)?;
    unbonding.store(node.unbonding_mut());
    position.set_unbonding_shares(0);
    position.set_unlock_at(0);

    // Shares a slash made worthless pay nothing, and the payout then moves nothing.
    let payout = Payout {
        authority: config.info(),
        seed: ConfigSeed,
        bump: config.bump(),
        decimals: config.mint_decimals(),
        vault: stake_vault,
        to: staker_token,
        mint: stake_mint,
        token_program,
    };
    payout.pay(amount)?;

    Withdrawn { node: *node.key(), staker: *staker.key(), amount, shares }.emit();
    Ok(())
}
