//! The BPF Upgradeable Loader's ProgramData account, which names a program's upgrade
//! authority. Initialize instructions check it so that nobody but the deployer can
//! initialize a freshly deployed program (front-running initialization).

use crate::account::AccountInfo;
use crate::error::{anchor, ProgramError, ProgramResult};
use crate::cpi::Seed;
use crate::pubkey::{find_program_address_of, keys_eq, Pubkey, BPF_LOADER_UPGRADEABLE_ID};

/// `UpgradeableLoaderState::ProgramData { slot, upgrade_authority_address }` (bincode).
const PROGRAM_DATA_TAG: u32 = 3;
const AUTHORITY_FLAG: usize = 12;
const AUTHORITY: usize = 13;

/// Succeeds when `program_data` is `program_id`'s ProgramData account and names
/// `authority` as the upgrade authority; otherwise returns `not_authority` (the calling
/// program's own error), or Anchor's errors for a wrong ProgramData account.
/// The caller checks that `authority` signed.
pub fn check_upgrade_authority(
    program_id: &Pubkey,
    program_data: &AccountInfo,
    authority: &AccountInfo,
    not_authority: ProgramError,
) -> ProgramResult {
    if !program_data.is_owned_by(&BPF_LOADER_UPGRADEABLE_ID) {
        return Err(anchor::ACCOUNT_NOT_PROGRAM_DATA);
    }
    let mut expected = [0u8; 32];
    find_program_address_of(&[Seed::from(program_id)], &BPF_LOADER_UPGRADEABLE_ID, &mut expected)?;
    if !keys_eq(program_data.key(), &expected) {
        return Err(anchor::CONSTRAINT_SEEDS);
    }
    let data = program_data.try_borrow_data()?;
    if data.len() < AUTHORITY + 32 || data[..4] != PROGRAM_DATA_TAG.to_le_bytes() {
        return Err(anchor::ACCOUNT_NOT_PROGRAM_DATA);
    }
    // An immutable program (no authority) can never be initialized after deployment.
    if data[AUTHORITY_FLAG] != 1 || data[AUTHORITY..AUTHORITY + 32] != *authority.key() {
        return Err(not_authority);
    }
    Ok(())
}
