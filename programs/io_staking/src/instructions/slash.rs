//! `slash`: takes `bps` of both of a node's pools, active and unbonding (stake in its
//! cooldown stays slashable). Share prices drop; no position changes. The tokens go to the
//! treasury, or are burned, as the config says. Only the slashing program's ["slasher"]
//! PDA (config.slasher) may sign, which it can only do through a CPI of that program.

use framework::cpi::Signer;
use framework::error::ProgramResult;
use framework::math;
use framework::token::{BurnChecked, Payout};

use crate::checks::{config_seeds, ConfigSeed};
use crate::interface::{ErrorCode, NodeSlashed, SlashAccounts, SlashArgs, BPS_DENOMINATOR};
use crate::rules::Pool;

#[inline(always)]
pub fn process(accounts: &mut SlashAccounts, args: SlashArgs) -> ProgramResult {
    let SlashAccounts { config, node, stake_vault, stake_mint, treasury, stake_token_program: token_program, .. } =
        accounts;
    if args.bps == 0 || args.bps as u64 > BPS_DENOMINATOR {
        return Err(ErrorCode::InvalidSlashBps.into());
    }

    let mut active = Pool::load(node.active());
    let mut unbonding = Pool::load(node.unbonding());
    let active_amount = active.slash(args.bps)?;
    let unbonding_amount = unbonding.slash(args.bps)?;
    active.store(node.active_mut());
    unbonding.store(node.unbonding_mut());
    // Note: both amounts come out of pools whose tokens sit in one vault, so their sum fits.
    let amount = active_amount + unbonding_amount;
    let slashed = math::checked_add(node.slashed_total(), amount).ok_or(ErrorCode::MathOverflow)?;
    node.set_slashed_total(slashed);

    let burned = config.slash_burn();
    if amount != 0 {
        if burned {
            let bump = [config.bump()];
            let seeds = config_seeds(&bump);
            let burn = BurnChecked {
                token_program,
                from: stake_vault,
                mint: stake_mint,
                authority: config.info(),
                amount,
                decimals: config.mint_decimals(),
            };
            burn.invoke_signed(&[Signer::from(&seeds[..])])?;
        } else {
            let payout = Payout {
                authority: config.info(),
                seed: ConfigSeed,
                bump: config.bump(),
                decimals: config.mint_decimals(),
                vault: stake_vault,
                to: treasury,
                mint: stake_mint,
                token_program,
            };
            payout.pay(amount)?;
        }
    }

    NodeSlashed { node: *node.key(), bps: args.bps, active_amount, unbonding_amount, burned }.emit();
    Ok(())
}
