//! Creation of a program derived account (Anchor's `init` with `seeds` and `bump`): the one
//! place where an account of ours comes into being.

use crate::account::AccountInfo;
use crate::check::{fail, fail_with, Name};
use crate::cpi::{Seed, Signer};
use crate::error::{anchor, ProgramError, ProgramResult};
use crate::pubkey::{find_program_address, keys_eq, Pubkey, MAX_SEEDS, SYSTEM_PROGRAM_ID};
use crate::system::CreateAccount;

/// Creates `account` at the canonical address of `seeds` under `program_id`, with `space`
/// bytes owned by `owner` (our program, or the token program for a vault), paid by `payer`.
pub struct CreatePda<'a> {
    pub program_id: &'a Pubkey,
    pub account: &'a AccountInfo,
    pub seeds: &'a [&'a [u8]],
    pub space: usize,
    pub owner: &'a Pubkey,
    pub payer: &'a AccountInfo,
    pub system_program: &'a AccountInfo,
    /// The account's name, for the error log line.
    pub name: Name,
}

impl CreatePda<'_> {
    /// Finds the canonical bump (only `find_program_address` proves a bump canonical),
    /// compares the address, refuses an account that already exists, and creates it, also
    /// when someone sent the address lamports first. Returns the bump, for the caller to
    /// store beside the discriminator.
    #[inline(never)]
    pub fn create(&self) -> ProgramResult<u8> {
        let (address, bump) = find_program_address(self.seeds, self.program_id)?;
        if !keys_eq(self.account.key(), &address) {
            return Err(fail(&anchor::CONSTRAINT_SEEDS_INFO, self.name, Some((self.account.key(), &address))));
        }
        if !self.account.is_owned_by(&SYSTEM_PROGRAM_ID) || self.account.data_len() != 0 {
            return Err(fail(&anchor::ACCOUNT_DISCRIMINATOR_ALREADY_SET_INFO, self.name, None));
        }
        let count = self.seeds.len();
        if count >= MAX_SEEDS {
            return Err(ProgramError::MAX_SEED_LENGTH_EXCEEDED);
        }
        let bump_seed = [bump];
        let mut seeds = [const { Seed::empty() }; MAX_SEEDS];
        for (slot, seed) in seeds.iter_mut().zip(self.seeds) {
            *slot = Seed::from(*seed);
        }
        seeds[count] = Seed::from(&bump_seed);
        let create = CreateAccount {
            system_program: self.system_program,
            payer: self.payer,
            account: self.account,
            space: self.space,
            owner: self.owner,
        };
        create.invoke_signed(&[Signer::from(&seeds[..=count])]).map_err(|error| fail_with(error, self.name))?;
        Ok(bump)
    }
}
