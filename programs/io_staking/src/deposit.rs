//! The core of `stake` and `costake`: tokens into a node's active pool, shares to the
//! staker's position (created on the first deposit).

use framework::account::AccountInfo;
use framework::cpi::{Seed, Signer};
use framework::error::{anchor, ProgramResult};
use framework::math;
use framework::pubkey::{find_program_address, keys_eq, Pubkey};
use framework::state::{self, AccountMut, AccountState};
use framework::system::CreateAccount;
use framework::token::TransferChecked;

use crate::checks::{has_one, jailed_now, mint_and_program, not_paused};
use crate::interface::{ErrorCode, Node, StakePosition, Staked, StakingConfig, ACCOUNT_VERSION, POSITION_SEED};
use crate::position;
use crate::rules::{self, Pool};

/// The accounts of `stake` and `costake`, which are the same.
pub struct Deposit<'a> {
    pub config: &'a AccountInfo,
    pub node: &'a AccountInfo,
    pub position: &'a AccountInfo,
    pub staker: &'a AccountInfo,
    pub staker_token: &'a AccountInfo,
    pub stake_vault: &'a AccountInfo,
    pub stake_mint: &'a AccountInfo,
    pub token_program: &'a AccountInfo,
    pub system_program: &'a AccountInfo,
}

impl Deposit<'_> {
    /// Moves `amount` from the staker into the node's active pool: as its owner, or
    /// (`costake`) as anyone else, within the co-stake cap.
    pub fn run(&self, program_id: &Pubkey, amount: u64, costake: bool) -> ProgramResult {
        let config = state::load::<StakingConfig>(self.config, program_id)?;
        not_paused(&config)?;
        if amount == 0 {
            return Err(ErrorCode::ZeroAmount.into());
        }
        has_one(config.stake_vault(), self.stake_vault)?;
        mint_and_program(&config, self.stake_mint, self.token_program)?;
        let mut node = state::load_mut::<Node>(self.node, program_id)?;
        if node.closed() {
            return Err(ErrorCode::NodeClosed.into());
        }

        // Validates the staker's role: the owner stakes, everyone else co-stakes.
        let owner = keys_eq(node.owner(), self.staker.key());
        if !costake && !owner {
            return Err(ErrorCode::NotNodeOwner.into());
        }
        if costake && owner {
            return Err(ErrorCode::OwnerCannotCostake.into());
        }
        if jailed_now(&node)? {
            return Err(ErrorCode::NodeJailed.into());
        }
        let mut active = Pool::load(node.active());
        if active.is_depleted() || Pool::load(node.unbonding()).is_depleted() {
            return Err(ErrorCode::PoolDepleted.into());
        }

        let mut position = self.position(program_id, &mut node)?;
        let shares = active.deposit(amount)?;
        if shares == 0 {
            return Err(ErrorCode::AmountTooSmall.into());
        }
        if costake {
            position::settle(&node, &mut position);
            let costake_shares = math::checked_add(node.costake_shares(), shares).ok_or(ErrorCode::MathOverflow)?;
            if !rules::within_costake_cap(costake_shares, active.shares, config.max_costake_bps()) {
                return Err(ErrorCode::CostakeCapExceeded.into());
            }
            node.set_costake_shares(costake_shares);
            // Note: earning shares are part of the co-stake shares, which did not overflow.
            let costake_earning_shares = node.costake_earning_shares() + shares;
            node.set_costake_earning_shares(costake_earning_shares);
        }
        // Note: a position's shares are part of its pool's shares, which did not overflow.
        let active_shares = position.active_shares() + shares;
        position.set_active_shares(active_shares);
        active.store(node.active_mut());

        let transfer = TransferChecked {
            token_program: self.token_program,
            from: self.staker_token,
            mint: self.stake_mint,
            to: self.stake_vault,
            authority: self.staker,
            amount,
            decimals: config.mint_decimals(),
        };
        transfer.invoke_signed(&[])?;

        Staked { node: *self.node.key(), staker: *self.staker.key(), amount, shares, costake }.emit();
        Ok(())
    }

    /// The staker's position in this node: loaded (its stored keys checked), or created at
    /// the canonical PDA ["position", node, staker] on the first deposit.
    fn position<'p>(&'p self, program_id: &Pubkey, node: &mut Node) -> ProgramResult<AccountMut<'p, StakePosition>> {
        if self.position.is_owned_by(program_id) {
            let position = state::load_mut::<StakePosition>(self.position, program_id)?;
            has_one(position.node(), self.node)?;
            has_one(position.staker(), self.staker)?;
            return Ok(position);
        }
        let (address, bump) = find_program_address(&[POSITION_SEED, self.node.key(), self.staker.key()], program_id)?;
        if !keys_eq(self.position.key(), &address) {
            return Err(anchor::CONSTRAINT_SEEDS);
        }
        let bump_seed = [bump];
        let seeds = [Seed::from(POSITION_SEED), Seed::from(self.node.key()), Seed::from(self.staker.key()), Seed::from(&bump_seed)];
        let create = CreateAccount {
            system_program: self.system_program,
            payer: self.staker,
            account: self.position,
            space: StakePosition::LEN,
            owner: program_id,
        };
        create.invoke_signed(&[Signer::from(&seeds[..])])?;
        let mut position = state::init::<StakePosition>(self.position, program_id)?;
        position.set_version(ACCOUNT_VERSION);
        position.set_bump(bump);
        *position.node_mut() = *self.node.key();
        *position.staker_mut() = *self.staker.key();
        position.set_reward_per_share_snapshot(node.reward_per_share());
        let count = node.position_count().checked_add(1).ok_or(ErrorCode::MathOverflow)?;
        node.set_position_count(count);
        Ok(position)
    }
}
