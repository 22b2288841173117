//! `close_position`: closes a position without shares or unpaid rewards (for the owner's
//! position, without unpaid owner rewards either); the rent goes back to the staker.

use framework::error::ProgramResult;
use framework::pubkey::Pubkey;
use framework::state;

use crate::checks::has_one;
use crate::interface::{ClosePositionAccounts, ErrorCode, Node, PositionClosed, StakePosition};
use crate::position;

pub fn process(program_id: &Pubkey, accounts: &ClosePositionAccounts) -> ProgramResult {
    let ClosePositionAccounts { node: node_info, position: position_info, staker, .. } = accounts;
    let mut node = state::load_mut::<Node>(node_info, program_id)?;
    {
        let position = state::load::<StakePosition>(position_info, program_id)?;
        has_one(position.node(), node_info)?;
        has_one(position.staker(), staker)?;

        // Note: leaving shares are part of the active shares, and without earning shares
        // nothing is left to settle.
        if position.active_shares() != 0 || position.unbonding_shares() != 0 || position.rewards_pending() != 0 {
            return Err(ErrorCode::PositionNotEmpty.into());
        }
        if position::is_owner(&node, &position) && node.owner_rewards() != 0 {
            return Err(ErrorCode::PositionNotEmpty.into());
        }
    }
    // Note: every position counted at its creation is closed once.
    let position_count = node.position_count() - 1;
    node.set_position_count(position_count);
    position_info.close_to(staker)?;

    PositionClosed { node: *node_info.key(), staker: *staker.key() }.emit();
    Ok(())
}
