//! Creation of a program derived account (Anchor's `init` with `seeds` and `bump`): the one
//! place where an account of ours comes into being.

use core::mem::MaybeUninit;

use crate::account::AccountInfo;
use crate::check::{fail, fail_with, Name};
use crate::cpi::{written, Seed, Signer};
use crate::error::{anchor, ProgramError, ProgramResult};
use crate::pubkey::{find_program_address_of, keys_eq, Pubkey, MAX_SEEDS, SYSTEM_PROGRAM_ID};
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
        let count = self.seeds.len();
        // One slot more for the bump.
        if count >= MAX_SEEDS {
            return Err(ProgramError::MAX_SEED_LENGTH_EXCEEDED);
        }
        // Laid out once, for the derivation and then the signature. Only the seeds used
        // are written (zeroing all sixteen was 32 stores).
        let mut slots = [const { MaybeUninit::<Seed>::uninit() }; MAX_SEEDS];
        for (slot, seed) in slots.iter_mut().zip(self.seeds) {
            slot.write(Seed::from(*seed));
        }
        let mut address = [0u8; 32];
        // SAFETY: the first `count` slots were written just above.
        let bump = find_program_address_of(unsafe { written(&slots, count) }, self.program_id, &mut address)?;
        if !keys_eq(self.account.key(), &address) {
            return Err(fail(&anchor::CONSTRAINT_SEEDS_INFO, self.name, Some((self.account.key(), &address))));
        }
        if !self.account.is_owned_by(&SYSTEM_PROGRAM_ID) || self.account.data_len() != 0 {
            return Err(fail(&anchor::ACCOUNT_DISCRIMINATOR_ALREADY_SET_INFO, self.name, None));
        }
        let bump_seed = [bump];
        slots[count].write(Seed::from(&bump_seed));
        // SAFETY: the first `count + 1` slots were written above.
        let seeds = unsafe { written(&slots, count + 1) };
        let create = CreateAccount {
            system_program: self.system_program,
            payer: self.payer,
            account: self.account,
            space: self.space,
            owner: self.owner,
        };
        create.invoke_signed(&[Signer::from(seeds)]).map_err(|error| fail_with(error, self.name))?;
        Ok(bump)
    }
}
