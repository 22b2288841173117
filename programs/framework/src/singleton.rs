//! Creation of a program's one config account, the way every program of ours starts:
//! only the program's upgrade authority may do it (so nobody can front-run the deployer),
//! at the canonical PDA of one seed, exactly once.

use crate::account::AccountInfo;
use crate::cpi::{Seed, Signer};
use crate::error::{anchor, ProgramError, ProgramResult};
use crate::loader::check_upgrade_authority;
use crate::pubkey::{find_program_address, keys_eq, Pubkey};
use crate::state::{self, AccountMut, AccountState};
use crate::system::CreateAccount;

pub struct CreateSingleton<'a> {
    pub program_id: &'a Pubkey,
    /// The config PDA `[seed]`; writable.
    pub account: &'a AccountInfo,
    /// The upgrade authority; signer, pays the rent.
    pub authority: &'a AccountInfo,
    /// The program's ProgramData account.
    pub program_data: &'a AccountInfo,
    pub system_program: &'a AccountInfo,
    pub seed: &'a [u8],
    /// The program's own error for "not the upgrade authority".
    pub not_authority: ProgramError,
}

impl<'a> CreateSingleton<'a> {
    /// Creates the account and writes its discriminator; returns it and its bump.
    pub fn create<T: AccountState>(&self) -> ProgramResult<(AccountMut<'a, T>, u8)> {
        check_upgrade_authority(self.program_id, self.program_data, self.authority, self.not_authority)?;
        let (address, bump) = find_program_address(&[self.seed], self.program_id)?;
        if !keys_eq(self.account.key(), &address) {
            return Err(anchor::CONSTRAINT_SEEDS);
        }
        if self.account.is_owned_by(self.program_id) {
            return Err(anchor::ACCOUNT_DISCRIMINATOR_ALREADY_SET);
        }
        let bump_seed = [bump];
        let seeds = [Seed::from(self.seed), Seed::from(&bump_seed)];
        let create = CreateAccount {
            system_program: self.system_program,
            payer: self.authority,
            account: self.account,
            space: T::LEN,
            owner: self.program_id,
        };
        create.invoke_signed(&[Signer::from(&seeds[..])])?;
        Ok((state::init::<T>(self.account, self.program_id)?, bump))
    }
}
