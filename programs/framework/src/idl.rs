//! Anchor's on-chain IDL instructions (`anchor:idl`), which every Anchor program answers
//! so that `anchor idl init | upgrade | fetch`, `Program.fetchIdl` and explorers work.
//!
//! An instruction whose first 8 bytes are [`IDL_IX_TAG`] is one of these; the rest is the
//! Borsh `IdlInstruction` of Anchor 0.30 (`lang/src/idl.rs`): a one-byte variant, then its
//! fields. The IDL lives in an `IdlAccount`, owned by the program, at
//! `create_with_seed(find_program_address([], program_id).0, "anchor:idl", program_id)`;
//! an upgrade writes a buffer account of the same layout and copies it over:
//!
//! ```text
//! [u8; 8] discriminator   sha256("internal:IdlAccount")[..8]
//! [u8; 32] authority      who may change it (all zeros: nobody)
//! u32 data_len            length of the zlib-compressed IDL JSON that follows
//! [u8; data_len] data
//! ```
//!
//! The account lists, checks and error codes are those of Anchor's generated
//! `__idl_dispatch` (`lang/syn/src/codegen/program/{handlers,idl}.rs`). The program never
//! reads the IDL itself: compression is the client's business.

use crate::account::AccountInfo;
use crate::check::{compact as check, fail, Name};
use crate::cpi::{invoke_signed_cold, AccountMeta, Instruction, Seed, Signer};
use crate::error::{anchor, ErrorInfo, ProgramError, ProgramResult};
use crate::log::log_anchor_error;
use crate::pubkey::{find_program_address_of, keys_eq, Pubkey, SYSTEM_PROGRAM_ID};
use crate::system::Transfer;
use crate::sysvar::rent_exempt_minimum;

/// The first 8 bytes of an IDL instruction, read as a little-endian u64:
/// `sha256("anchor:idl")[..8]` read big-endian, as Anchor defines it.
pub const IDL_IX_TAG: u64 = 0x0a69_e9a7_78bc_f440;

/// `sha256("internal:IdlAccount")[..8]`: Anchor declares `IdlAccount` with
/// `#[account("internal")]`.
pub const IDL_ACCOUNT_DISCRIMINATOR: [u8; 8] = [24, 70, 98, 191, 58, 144, 123, 158];

/// The seed of the IDL account's address (`create_with_seed`).
pub const SEED: &[u8; 10] = b"anchor:idl";

/// Discriminator, authority and data length: where the compressed IDL starts.
const HEADER: usize = 44;
const AUTHORITY: usize = 8;
const DATA_LEN: usize = 40;
/// How much `Create` and each `Resize` may allocate (Anchor's limit).
const MAX_GROWTH: usize = 10_000;
const ERASED_AUTHORITY: Pubkey = [0; 32];

/// `IdlInstruction`'s Borsh variants, in Anchor's order.
const CREATE: u8 = 0;
const CREATE_BUFFER: u8 = 1;
const WRITE: u8 = 2;
const SET_BUFFER: u8 = 3;
const SET_AUTHORITY: u8 = 4;
const CLOSE: u8 = 5;
const RESIZE: u8 = 6;

static IDL_INSTRUCTION_INVALID_PROGRAM: ErrorInfo =
    crate::error_info!(1001, "IdlInstructionInvalidProgram", "Invalid program given to the IDL instruction");
static IDL_ACCOUNT_NOT_EMPTY: ErrorInfo = crate::error_info!(1002, "IdlAccountNotEmpty", "IDL account must be empty in order to resize, try closing first");
static CONSTRAINT_RENT_EXEMPT: ErrorInfo =
    crate::error_info!(2005, "ConstraintRentExempt", "A rent exemption constraint was violated");
static REQUIRE_GTE_VIOLATED: ErrorInfo =
    crate::error_info!(2506, "RequireGteViolated", "A require_gte expression was violated");

/// Logs an error that no account caused, the way Anchor does, and returns it.
#[cold]
#[inline(never)]
fn error(info: &'static ErrorInfo) -> ProgramError {
    log_anchor_error(info);
    info.error().logged()
}

/// Runs the IDL instruction `data` (the bytes after the tag). Out of line: the
/// dispatcher's hot path only compares the tag.
#[inline(never)]
pub fn dispatch(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> ProgramResult {
    let Some((&variant, args)) = data.split_first() else {
        return Err(anchor::INSTRUCTION_DID_NOT_DESERIALIZE);
    };
    match variant {
        CREATE => create(program_id, accounts, u64_arg(args)?),
        CREATE_BUFFER => create_buffer(program_id, accounts),
        WRITE => write(program_id, accounts, args),
        SET_BUFFER => set_buffer(program_id, accounts),
        SET_AUTHORITY => set_authority(program_id, accounts, args),
        CLOSE => close(program_id, accounts),
        RESIZE => resize(program_id, accounts, u64_arg(args)?),
        _ => Err(anchor::INSTRUCTION_DID_NOT_DESERIALIZE),
    }
}

/// Copies `bytes` into `data` at `at`. Out of line so that the copy is one `sol_memcpy_`
/// whatever its length: LLVM expands a constant-length copy of unaligned bytes into a
/// load and a store per byte.
#[inline(never)]
fn put(data: &mut [u8], at: usize, bytes: &[u8]) -> ProgramResult {
    match data.get_mut(at..at + bytes.len()) {
        Some(target) => {
            target.copy_from_slice(bytes);
            Ok(())
        }
        None => Err(ProgramError::ACCOUNT_DATA_TOO_SMALL),
    }
}

/// [`keys_eq`] out of line: these instructions are cold, and each inlined compare is a
/// dozen instructions.
#[inline(never)]
fn same_key(a: &Pubkey, b: &Pubkey) -> bool {
    keys_eq(a, b)
}

/// [`AccountInfo::is_owned_by`] out of line, for the same reason.
#[inline(never)]
fn owned_by(info: &AccountInfo, program: &Pubkey) -> bool {
    info.is_owned_by(program)
}

/// Writes the discriminator and `authority` into a new IDL or buffer account.
#[inline(never)]
fn init_header(account: &AccountInfo, authority: &AccountInfo) -> ProgramResult {
    let mut data = account.try_borrow_mut_data()?;
    put(&mut data, 0, &IDL_ACCOUNT_DISCRIMINATOR)?;
    put(&mut data, AUTHORITY, authority.key())
}

/// The authority stored in an IDL account's data (at least [`HEADER`] bytes: see [`load`]).
fn stored_authority(data: &[u8]) -> &Pubkey {
    data[AUTHORITY..].first_chunk::<32>().expect("loaded accounts have a whole header")
}

fn u64_arg(args: &[u8]) -> ProgramResult<u64> {
    args.first_chunk::<8>().map(|bytes| u64::from_le_bytes(*bytes)).ok_or(anchor::INSTRUCTION_DID_NOT_DESERIALIZE)
}

fn stored_len(data: &[u8]) -> usize {
    let mut len = [0u8; 4];
    len.copy_from_slice(&data[DATA_LEN..HEADER]);
    u32::from_le_bytes(len) as usize
}

/// `Account<IdlAccount>` with `mut`: owned by the program, with the discriminator and a
/// whole header.
#[inline(never)]
fn load(info: &AccountInfo, program_id: &Pubkey, name: Name) -> ProgramResult {
    if owned_by(info, &SYSTEM_PROGRAM_ID) && info.lamports() == 0 {
        return Err(fail(&anchor::ACCOUNT_NOT_INITIALIZED_INFO, name, None));
    }
    if !owned_by(info, program_id) {
        return Err(fail(&anchor::ACCOUNT_OWNED_BY_WRONG_PROGRAM_INFO, name, Some((&info.owner(), program_id))));
    }
    let data = info.try_borrow_data()?;
    let Some(discriminator) = data.first_chunk::<8>() else {
        return Err(fail(&anchor::ACCOUNT_DISCRIMINATOR_NOT_FOUND_INFO, name, None));
    };
    if u64::from_le_bytes(*discriminator) != u64::from_le_bytes(IDL_ACCOUNT_DISCRIMINATOR) {
        return Err(fail(&anchor::ACCOUNT_DISCRIMINATOR_MISMATCH_INFO, name, None));
    }
    if data.len() < HEADER {
        return Err(fail(&anchor::ACCOUNT_DID_NOT_DESERIALIZE_INFO, name, None));
    }
    check::writable(info, name)
}

/// `authority: Signer` with `constraint = authority.key != &ERASED_AUTHORITY`.
#[inline(never)]
fn signer(authority: &AccountInfo) -> ProgramResult {
    check::signer(authority, &"authority")?;
    if same_key(authority.key(), &ERASED_AUTHORITY) {
        return Err(fail(&anchor::CONSTRAINT_RAW_INFO, &"authority", None));
    }
    Ok(())
}

/// `IdlAccounts`: the IDL account `idl` (named `name`), writable, whose stored authority
/// is `authority`, a signer.
#[inline(never)]
fn authorized(program_id: &Pubkey, idl: &AccountInfo, authority: &AccountInfo, name: Name) -> ProgramResult {
    load(idl, program_id, name)?;
    signer(authority)?;
    check::has_one(stored_authority(&idl.try_borrow_data()?), authority, name, &anchor::CONSTRAINT_HAS_ONE_INFO)
}

/// `Create { data_len }`: creates the IDL account with `from` as its authority.
/// Accounts: from (signer), to (the IDL address), base (the program's signer PDA), the
/// system program, the program; the rent sysvar may follow.
fn create(program_id: &Pubkey, accounts: &[AccountInfo], data_len: u64) -> ProgramResult {
    let [from, to, base, system_program, program, ..] = accounts else {
        return Err(anchor::ACCOUNT_NOT_ENOUGH_KEYS);
    };
    if !from.is_signer() {
        return Err(fail(&anchor::CONSTRAINT_SIGNER_INFO, &"from", None));
    }
    check::writable(to, &"to")?;
    let mut address = [0u8; 32];
    let bump = find_program_address_of(&[], program_id, &mut address)?;
    if !same_key(base.key(), &address) {
        return Err(fail(&anchor::CONSTRAINT_SEEDS_INFO, &"base", Some((base.key(), &address))));
    }
    check::program(system_program, &SYSTEM_PROGRAM_ID, &"system_program")?;
    if !program.executable() {
        return Err(fail(&anchor::CONSTRAINT_EXECUTABLE_INFO, &"program", None));
    }
    if !same_key(program.key(), program_id) {
        return Err(error(&IDL_INSTRUCTION_INVALID_PROGRAM));
    }
    let space = (HEADER as u64).saturating_add(data_len).min(MAX_GROWTH as u64);
    let lamports = rent_exempt_minimum(space as usize)?;
    // system_instruction::create_account_with_seed: tag, base, seed (u64 length, bytes),
    // lamports, space, owner; the program's PDA signs as the base.
    // Zeroed as 13 words rather than 102 single bytes.
    let mut words = [0u64; 13];
    // SAFETY: 13 initialized u64s are 104 initialized bytes, borrowed exclusively here.
    let bytes = unsafe { core::slice::from_raw_parts_mut(words.as_mut_ptr() as *mut u8, 104) };
    bytes[0] = 3;
    put(bytes, 4, base.key())?;
    bytes[36] = SEED.len() as u8;
    put(bytes, 44, SEED)?;
    put(bytes, 54, &lamports.to_le_bytes())?;
    put(bytes, 62, &space.to_le_bytes())?;
    put(bytes, 70, program_id)?;
    let data = &bytes[..102];
    let metas = [AccountMeta::writable_signer(from), AccountMeta::writable(to), AccountMeta::readonly_signer(base)];
    let ix = Instruction { program_id: &SYSTEM_PROGRAM_ID, accounts: &metas, data };
    let bump = [bump];
    let seeds = [Seed::from(&bump)];
    invoke_signed_cold(&ix, [from, to, base, system_program], &[Signer::from(&seeds[..])])?;
    init_header(to, from)
}

/// `CreateBuffer`: initializes a zeroed account of the program (created by the client in
/// the same transaction) as an IDL buffer of `authority`. Accounts: buffer, authority.
fn create_buffer(program_id: &Pubkey, accounts: &[AccountInfo]) -> ProgramResult {
    let [buffer, authority, ..] = accounts else {
        return Err(anchor::ACCOUNT_NOT_ENOUGH_KEYS);
    };
    // `#[account(zero)]`: writable, ours, no discriminator yet, rent exempt.
    check::writable(buffer, &"buffer")?;
    if !owned_by(buffer, program_id) {
        return Err(fail(&anchor::ACCOUNT_OWNED_BY_WRONG_PROGRAM_INFO, &"buffer", Some((&buffer.owner(), program_id))));
    }
    signer(authority)?;
    let data = buffer.try_borrow_data()?;
    let Some(discriminator) = data.first_chunk::<8>() else {
        return Err(fail(&anchor::ACCOUNT_DISCRIMINATOR_NOT_FOUND_INFO, &"buffer", None));
    };
    if *discriminator != [0; 8] {
        return Err(fail(&anchor::CONSTRAINT_ZERO_INFO, &"buffer", None));
    }
    if data.len() < HEADER {
        return Err(fail(&anchor::ACCOUNT_DID_NOT_DESERIALIZE_INFO, &"buffer", None));
    }
    if buffer.lamports() < rent_exempt_minimum(data.len())? {
        return Err(fail(&CONSTRAINT_RENT_EXEMPT, &"buffer", None));
    }
    drop(data);
    init_header(buffer, authority)
}

/// `Write { data: Vec<u8> }`: appends to the IDL (or buffer) account. Accounts: idl,
/// authority.
fn write(program_id: &Pubkey, accounts: &[AccountInfo], args: &[u8]) -> ProgramResult {
    let [idl, authority, ..] = accounts else {
        return Err(anchor::ACCOUNT_NOT_ENOUGH_KEYS);
    };
    let chunk = args
        .split_first_chunk::<4>()
        .and_then(|(len, rest)| rest.get(..u32::from_le_bytes(*len) as usize))
        .ok_or(anchor::INSTRUCTION_DID_NOT_DESERIALIZE)?;
    authorized(program_id, idl, authority, &"idl")?;
    let mut data = idl.try_borrow_mut_data()?;
    let len = stored_len(&data);
    put(&mut data, HEADER + len, chunk)?;
    put(&mut data, DATA_LEN, &((len + chunk.len()) as u32).to_le_bytes())
}

/// `SetBuffer`: copies the buffer's IDL into the IDL account; both have the same
/// authority. Accounts: buffer, idl, authority.
fn set_buffer(program_id: &Pubkey, accounts: &[AccountInfo]) -> ProgramResult {
    let [buffer, idl, authority, ..] = accounts else {
        return Err(anchor::ACCOUNT_NOT_ENOUGH_KEYS);
    };
    load(buffer, program_id, &"buffer")?;
    authorized(program_id, idl, authority, &"idl")?;
    // The same account twice fails here: it cannot be borrowed both ways.
    let source = buffer.try_borrow_data()?;
    let mut target = idl.try_borrow_mut_data()?;
    if !same_key(stored_authority(&source), stored_authority(&target)) {
        return Err(fail(&anchor::CONSTRAINT_RAW_INFO, &"buffer", None));
    }
    let Some(idl) = source.get(DATA_LEN..HEADER + stored_len(&source)) else {
        return Err(error(&REQUIRE_GTE_VIOLATED));
    };
    // The length, then the compressed IDL.
    put(&mut target, DATA_LEN, idl).map_err(|_| error(&REQUIRE_GTE_VIOLATED))
}

/// `SetAuthority { new_authority }`. Accounts: idl, authority.
fn set_authority(program_id: &Pubkey, accounts: &[AccountInfo], args: &[u8]) -> ProgramResult {
    let [idl, authority, ..] = accounts else {
        return Err(anchor::ACCOUNT_NOT_ENOUGH_KEYS);
    };
    let new_authority = args.first_chunk::<32>().ok_or(anchor::INSTRUCTION_DID_NOT_DESERIALIZE)?;
    authorized(program_id, idl, authority, &"idl")?;
    put(&mut idl.try_borrow_mut_data()?, AUTHORITY, new_authority)
}

/// `Close`: closes the IDL or a buffer account, its lamports to `sol_destination`.
/// Accounts: account, authority, sol_destination.
fn close(program_id: &Pubkey, accounts: &[AccountInfo]) -> ProgramResult {
    let [account, authority, destination, ..] = accounts else {
        return Err(anchor::ACCOUNT_NOT_ENOUGH_KEYS);
    };
    authorized(program_id, account, authority, &"account")?;
    check::writable(destination, &"sol_destination")?;
    account.close_to(destination)
}

/// `Resize { data_len }`: grows an IDL account that holds no IDL yet by up to 10 000
/// bytes towards `data_len`, the authority paying the rent. Accounts: idl, authority,
/// the system program.
fn resize(program_id: &Pubkey, accounts: &[AccountInfo], data_len: u64) -> ProgramResult {
    let [idl, authority, system_program, ..] = accounts else {
        return Err(anchor::ACCOUNT_NOT_ENOUGH_KEYS);
    };
    authorized(program_id, idl, authority, &"idl")?;
    check::writable(authority, &"authority")?;
    check::program(system_program, &SYSTEM_PROGRAM_ID, &"system_program")?;
    if stored_len(&idl.try_borrow_data()?) != 0 {
        return Err(error(&IDL_ACCOUNT_NOT_EMPTY));
    }
    let current = idl.data_len();
    let Some(missing) = (data_len as usize).checked_sub(current) else {
        return Err(error(&REQUIRE_GTE_VIOLATED));
    };
    let new_len = current + missing.min(MAX_GROWTH);
    if new_len > current {
        let rent = rent_exempt_minimum(new_len)?;
        let lamports = rent.saturating_sub(idl.lamports());
        if lamports > 0 {
            Transfer { system_program, from: authority, to: idl, lamports }.invoke_signed(&[])?;
        }
        idl.resize(new_len)?;
    }
    Ok(())
}
