"""Deploying and upgrading programs through the BPF Upgradeable Loader in LiteSVM.

Until our own programs are built, real SBPF programs come from the accounts
LiteSVM preloads (SPL Memo v2, SPL Token), deployed again at new addresses.
"""

import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.litesvm import FeatureSet, LiteSVM
from solders.message import Message
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.system_program import CreateAccountParams, TransferParams, create_account, transfer
from solders.token import ID as TOKEN_PROGRAM_ID
from solders.transaction import Transaction, VersionedTransaction
from solders.transaction_metadata import FailedTransactionMetadata, TransactionResult
from solders.transaction_status import (
    InstructionErrorFieldless,
    TransactionErrorFieldless,
    TransactionErrorInstructionError,
)

from idlgen.program_ids import program_names
from ionet import loader_v3
from ionet.svm import (
    DISABLE_NEW_LOADER_V3_DEPLOYMENTS,
    PACKET_DATA_SIZE,
    DeployFailed,
    SvmPanic,
    TransactionFailed,
    cluster_feature_set,
    deploy_program,
    new_svm,
    program_data,
    program_upgrade_authority,
    send,
    upgrade_program,
)

MEMO_V2 = Pubkey.from_string("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr")
MEMO_V1 = Pubkey.from_string("Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo")
TARGET_DEPLOY = Path(__file__).resolve().parents[1] / "target" / "deploy"
OUR_PROGRAMS = program_names(TARGET_DEPLOY.parents[1])


def preloaded_elf(svm: LiteSVM, program_id: Pubkey) -> bytes:
    """The ELF of a program LiteSVM preloads under loader v2 (account data = ELF)."""
    account = svm.get_account(program_id)
    assert account is not None
    assert bytes(account.data[:4]) == b"\x7fELF"
    return bytes(account.data)


def memo(program_id: Pubkey, text: bytes, signer: Pubkey) -> Instruction:
    return Instruction(program_id, text, [AccountMeta(signer, True, False)])


def lamports(svm: LiteSVM, address: Pubkey) -> int:
    return svm.get_balance(address) or 0


def rejection(svm: LiteSVM, tx: Transaction) -> object:
    result = svm.send_transaction(tx)
    assert isinstance(result, FailedTransactionMetadata)
    return result.err()


def instruction_error(failure: TransactionFailed) -> object:
    assert isinstance(failure.error, TransactionErrorInstructionError)
    return failure.error.err


class RecordingSVM(LiteSVM):
    """The same runtime, remembering the size of every transaction sent."""

    def __init__(self, svm: LiteSVM) -> None:
        self._inner = svm._inner
        self.sizes: list[int] = []

    def send_transaction(self, tx: Transaction | VersionedTransaction) -> TransactionResult:
        self.sizes.append(len(bytes(tx)))
        return super().send_transaction(tx)


class PanickingSVM(LiteSVM):
    """A runtime whose native code panics while sending (as it does on a bad program file)."""

    def __init__(self, svm: LiteSVM) -> None:
        self._inner = svm._inner

    def send_transaction(self, tx: Transaction | VersionedTransaction) -> TransactionResult:
        self.add_program(Pubkey.new_unique(), b"not an ELF")
        raise AssertionError("add_program should have panicked")


@pytest.fixture
def svm() -> LiteSVM:
    return new_svm()


@pytest.fixture
def payer(svm: LiteSVM) -> Keypair:
    keypair = Keypair()
    svm.airdrop(keypair.pubkey(), 100 * 10**9)
    return keypair


@pytest.fixture
def memo_elf(svm: LiteSVM) -> bytes:
    return preloaded_elf(svm, MEMO_V2)


# The runtime


def test_cluster_feature_set_is_all_but_the_loader_v3_shutdown() -> None:
    features = cluster_feature_set()
    assert not features.is_active(DISABLE_NEW_LOADER_V3_DEPLOYMENTS)
    every = set(features.active) | {DISABLE_NEW_LOADER_V3_DEPLOYMENTS}
    assert every == set(FeatureSet.all_enabled().active)


def test_litesvm_with_every_feature_refuses_loader_v3_deploys(memo_elf: bytes) -> None:
    svm = LiteSVM()
    payer = Keypair()
    svm.airdrop(payer.pubkey(), 100 * 10**9)
    with pytest.raises(DeployFailed) as failed:
        deploy_program(svm, payer, Keypair(), memo_elf)
    assert failed.value.step == "deploy"
    assert instruction_error(failed.value) == InstructionErrorFieldless.InvalidInstructionData


def test_new_svm_checks_signatures_and_blockhashes(svm: LiteSVM, payer: Keypair) -> None:
    pay = transfer(
        TransferParams(from_pubkey=payer.pubkey(), to_pubkey=Pubkey.new_unique(), lamports=1)
    )
    blockhash = svm.latest_blockhash()
    forged = Transaction.populate(
        Message.new_with_blockhash([pay], payer.pubkey(), blockhash), [Signature.default()]
    )
    assert rejection(svm, forged) == TransactionErrorFieldless.SignatureFailure
    stale = Transaction([payer], Message([pay], payer.pubkey()), Message([pay]).recent_blockhash)
    assert rejection(svm, stale) == TransactionErrorFieldless.BlockhashNotFound


# send


def test_send_twice_the_same_instructions_succeeds(svm: LiteSVM, payer: Keypair) -> None:
    to = Pubkey.new_unique()
    pay = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=to, lamports=10**6))
    first = send(svm, [pay], [payer])
    second = send(svm, [pay], [payer])
    assert first.signature() != second.signature()
    assert svm.get_balance(to) == 2 * 10**6


def test_send_keeps_the_blockhash_when_nothing_collides(svm: LiteSVM, payer: Keypair) -> None:
    blockhash = svm.latest_blockhash()
    for lamports in (10**6, 2 * 10**6):
        to = Pubkey.new_unique()
        send(
            svm,
            [transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=to, lamports=lamports))],
            [payer],
        )
    assert svm.latest_blockhash() == blockhash


def test_send_uses_payer_as_fee_payer(svm: LiteSVM, payer: Keypair) -> None:
    owner = Keypair()
    svm.airdrop(owner.pubkey(), 10**9)
    to = Pubkey.new_unique()
    pay = transfer(TransferParams(from_pubkey=owner.pubkey(), to_pubkey=to, lamports=10**6))
    send(svm, [pay], [owner], payer=payer)
    assert svm.get_balance(owner.pubkey()) == 10**9 - 10**6


def test_send_needs_a_signer(svm: LiteSVM) -> None:
    with pytest.raises(ValueError, match="signer"):
        send(svm, [], [])


def test_send_raises_with_custom_code_and_logs(svm: LiteSVM, payer: Keypair) -> None:
    too_much = transfer(
        TransferParams(from_pubkey=payer.pubkey(), to_pubkey=Pubkey.new_unique(), lamports=10**15)
    )
    with pytest.raises(TransactionFailed) as failed:
        send(svm, [too_much], [payer])
    assert failed.value.instruction_index == 0
    assert failed.value.custom_code == 1  # SystemError::ResultWithNegativeLamports
    assert any("insufficient lamports" in line for line in failed.value.logs)
    assert "insufficient lamports" in str(failed.value)


def test_send_raises_on_transaction_errors(svm: LiteSVM) -> None:
    broke = Keypair()
    with pytest.raises(TransactionFailed) as failed:
        send(svm, [memo(MEMO_V2, b"hi", broke.pubkey())], [broke])
    assert failed.value.error == TransactionErrorFieldless.AccountNotFound
    assert failed.value.instruction_index is None
    assert failed.value.custom_code is None


def test_send_turns_a_native_panic_into_an_exception(svm: LiteSVM, payer: Keypair) -> None:
    with pytest.raises(SvmPanic, match="panicked"):
        send(PanickingSVM(svm), [memo(MEMO_V2, b"hi", payer.pubkey())], [payer])


# deploy_program


def test_deploy_then_invoke(svm: LiteSVM, payer: Keypair, memo_elf: bytes) -> None:
    program = Keypair()
    program_id = deploy_program(svm, payer, program, memo_elf)
    assert program_id == program.pubkey()
    account = svm.get_account(program_id)
    assert account is not None
    assert account.owner == loader_v3.LOADER_V3_ID
    assert account.executable
    assert svm.get_clock().slot == 1
    header = program_data(svm, program_id)
    assert (header.slot, header.upgrade_authority) == (0, payer.pubkey())
    assert header.program_len == 2 * len(memo_elf)
    programdata = svm.get_account(loader_v3.programdata_address(program_id))
    assert programdata is not None
    start = loader_v3.PROGRAMDATA_METADATA_SIZE
    assert bytes(programdata.data[start : start + len(memo_elf)]) == memo_elf

    logs = send(svm, [memo(program_id, b"hello", payer.pubkey())], [payer]).logs()
    assert f"Program log: Signed by {payer.pubkey()}" in logs
    assert 'Program log: Memo (len 5): "hello"' in logs
    assert logs[-1] == f"Program {program_id} success"


def test_deploy_fills_each_write_up_to_the_packet_size(
    svm: LiteSVM, payer: Keypair, memo_elf: bytes
) -> None:
    for authority in (payer, Keypair()):
        recording = RecordingSVM(svm)
        deploy_program(recording, payer, Keypair(), memo_elf, upgrade_authority=authority)
        assert max(recording.sizes) == PACKET_DATA_SIZE
        writes = recording.sizes[1:-1]
        assert all(size == PACKET_DATA_SIZE for size in writes[:-1])


def test_deploy_with_separate_authority_and_max_data_len(
    svm: LiteSVM, payer: Keypair, memo_elf: bytes
) -> None:
    authority = Keypair()
    program_id = deploy_program(
        svm, payer, Keypair(), memo_elf, upgrade_authority=authority, max_data_len=len(memo_elf)
    )
    assert program_upgrade_authority(svm, program_id) == authority.pubkey()
    assert program_data(svm, program_id).program_len == len(memo_elf)
    assert svm.get_balance(authority.pubkey()) is None  # the payer paid for everything


@pytest.mark.parametrize(
    ("cut", "log"),
    [
        pytest.param(lambda elf: elf[: len(elf) // 2], "out of bounds", id="truncated"),
        pytest.param(lambda elf: elf[:64], "out of bounds", id="header only"),
        pytest.param(lambda elf: b"\x01" * 500, "sbpf_version", id="garbage"),
    ],
)
def test_deploy_rejects_a_malformed_elf(
    svm: LiteSVM, payer: Keypair, memo_elf: bytes, cut: Callable[[bytes], bytes], log: str
) -> None:
    program = Keypair()
    with pytest.raises(DeployFailed) as failed:
        deploy_program(svm, payer, program, cut(memo_elf))
    assert failed.value.step == "deploy"
    assert instruction_error(failed.value) == InstructionErrorFieldless.InvalidAccountData
    assert log in str(failed.value)
    assert svm.get_account(program.pubkey()) is None


def test_deploy_rejects_a_program_using_a_retired_syscall(svm: LiteSVM, payer: Keypair) -> None:
    with pytest.raises(DeployFailed, match=r"Unresolved symbol \(sol_alloc_free_\)"):
        deploy_program(svm, payer, Keypair(), preloaded_elf(svm, MEMO_V1))


def test_deploy_rejects_an_empty_program(svm: LiteSVM, payer: Keypair) -> None:
    with pytest.raises(ValueError, match="empty"):
        deploy_program(svm, payer, Keypair(), b"")


def test_deploy_to_a_used_address_names_the_step(
    svm: LiteSVM, payer: Keypair, memo_elf: bytes
) -> None:
    program = Keypair()
    deploy_program(svm, payer, program, memo_elf)
    with pytest.raises(DeployFailed) as failed:
        deploy_program(svm, payer, program, memo_elf)
    assert failed.value.step == "deploy"
    assert str(failed.value).startswith("deploy: transaction failed")
    assert any("already in use" in line for line in failed.value.logs)


# upgrade_program


def test_upgrade_replaces_the_code(svm: LiteSVM, payer: Keypair, memo_elf: bytes) -> None:
    authority = Keypair()
    program_id = deploy_program(svm, payer, Keypair(), memo_elf, upgrade_authority=authority)
    logs = send(svm, [memo(program_id, b"before", payer.pubkey())], [payer]).logs()
    assert 'Program log: Memo (len 6): "before"' in logs

    token_elf = preloaded_elf(svm, TOKEN_PROGRAM_ID)
    assert len(token_elf) <= 2 * len(memo_elf)  # fits without extending
    balance = lamports(svm, payer.pubkey())
    upgrade_program(svm, payer, program_id, token_elf, authority)
    header = program_data(svm, program_id)
    assert (header.slot, header.upgrade_authority) == (1, authority.pubkey())
    assert svm.get_clock().slot == 2
    assert (
        0 < balance - lamports(svm, payer.pubkey()) < 10**7
    )  # only fees: the buffer's rent came back

    with pytest.raises(TransactionFailed) as failed:
        send(svm, [memo(program_id, b"after", payer.pubkey())], [payer])
    assert failed.value.custom_code == 12  # TokenError::InvalidInstruction: SPL Token now runs
    assert "Program log: Error: Invalid instruction" in failed.value.logs


def test_upgrade_extends_the_program_when_needed(
    svm: LiteSVM, payer: Keypair, memo_elf: bytes
) -> None:
    program_id = deploy_program(svm, payer, Keypair(), memo_elf, max_data_len=len(memo_elf))
    token_elf = preloaded_elf(svm, TOKEN_PROGRAM_ID)
    upgrade_program(svm, payer, program_id, token_elf, payer)
    header = program_data(svm, program_id)
    assert header.program_len == len(token_elf)
    assert header.slot == 2  # extended in slot 1, upgraded in slot 2
    with pytest.raises(TransactionFailed) as failed:
        send(svm, [memo(program_id, b"x", payer.pubkey())], [payer])
    assert failed.value.custom_code == 12


def test_upgrade_back_and_forth(svm: LiteSVM, payer: Keypair, memo_elf: bytes) -> None:
    program_id = deploy_program(svm, payer, Keypair(), memo_elf)
    upgrade_program(svm, payer, program_id, preloaded_elf(svm, TOKEN_PROGRAM_ID), payer)
    upgrade_program(svm, payer, program_id, memo_elf, payer)
    logs = send(svm, [memo(program_id, b"again", payer.pubkey())], [payer]).logs()
    assert 'Program log: Memo (len 5): "again"' in logs


def test_upgrade_with_the_wrong_authority_fails(
    svm: LiteSVM, payer: Keypair, memo_elf: bytes
) -> None:
    program_id = deploy_program(svm, payer, Keypair(), memo_elf)
    intruder = Keypair()
    with pytest.raises(DeployFailed) as failed:
        upgrade_program(svm, payer, program_id, memo_elf, intruder)
    assert failed.value.step == "upgrade"
    assert instruction_error(failed.value) == InstructionErrorFieldless.IncorrectAuthority
    assert "Incorrect upgrade authority provided" in failed.value.logs
    assert program_data(svm, program_id).slot == 0


def test_upgrade_needs_a_deployed_program(svm: LiteSVM, payer: Keypair, memo_elf: bytes) -> None:
    with pytest.raises(ValueError, match="not a loader-v3 program"):
        upgrade_program(svm, payer, MEMO_V2, memo_elf, payer)


# program_upgrade_authority and the other loader instructions


def test_program_upgrade_authority(svm: LiteSVM, payer: Keypair, memo_elf: bytes) -> None:
    authority, successor = Keypair(), Keypair()
    program_id = deploy_program(svm, payer, Keypair(), memo_elf, upgrade_authority=authority)
    assert program_upgrade_authority(svm, program_id) == authority.pubkey()

    send(
        svm,
        [loader_v3.set_upgrade_authority(program_id, authority.pubkey(), successor.pubkey())],
        [payer, authority],
    )
    assert program_upgrade_authority(svm, program_id) == successor.pubkey()

    send(
        svm,
        [loader_v3.set_upgrade_authority(program_id, successor.pubkey(), None)],
        [payer, successor],
    )
    assert program_upgrade_authority(svm, program_id) is None
    with pytest.raises(DeployFailed) as failed:
        upgrade_program(svm, payer, program_id, memo_elf, successor)
    assert "Program not upgradeable" in failed.value.logs


def test_program_upgrade_authority_of_other_accounts(svm: LiteSVM) -> None:
    with pytest.raises(ValueError, match="not a loader-v3 program"):
        program_upgrade_authority(svm, MEMO_V2)  # a loader-v2 program
    with pytest.raises(ValueError, match="not a loader-v3 program"):
        program_upgrade_authority(svm, Pubkey.new_unique())


def test_buffer_lifecycle(svm: LiteSVM, payer: Keypair) -> None:
    buffer, authority = Keypair(), Keypair()
    space = loader_v3.BUFFER_METADATA_SIZE + 4
    lamports = svm.minimum_balance_for_rent_exemption(space)
    create = create_account(
        CreateAccountParams(
            from_pubkey=payer.pubkey(),
            to_pubkey=buffer.pubkey(),
            lamports=lamports,
            space=space,
            owner=loader_v3.LOADER_V3_ID,
        )
    )
    initialize = loader_v3.initialize_buffer(buffer.pubkey(), authority.pubkey())
    send(svm, [create, initialize], [payer, buffer])
    send(svm, [loader_v3.write(buffer.pubkey(), authority.pubkey(), 2, b"ab")], [payer, authority])
    account = svm.get_account(buffer.pubkey())
    assert account is not None
    assert loader_v3.buffer_authority(bytes(account.data)) == authority.pubkey()
    assert bytes(account.data[loader_v3.BUFFER_METADATA_SIZE :]) == b"\0\0ab"

    recipient = Pubkey.new_unique()
    close = loader_v3.close_buffer(buffer.pubkey(), recipient, authority.pubkey())
    send(svm, [close], [payer, authority])
    assert not svm.get_balance(buffer.pubkey())  # LiteSVM keeps closed accounts, with 0 lamports
    assert svm.get_balance(recipient) == lamports


def test_extend_program(svm: LiteSVM, payer: Keypair, memo_elf: bytes) -> None:
    program_id = deploy_program(svm, payer, Keypair(), memo_elf)
    send(svm, [loader_v3.extend_program(program_id, payer.pubkey(), 1000)], [payer])
    assert program_data(svm, program_id).program_len == 2 * len(memo_elf) + 1000


def test_extend_program_checked_is_not_in_this_runtime(
    svm: LiteSVM, payer: Keypair, memo_elf: bytes
) -> None:
    program_id = deploy_program(svm, payer, Keypair(), memo_elf)
    with pytest.raises(TransactionFailed) as failed:
        send(
            svm,
            [loader_v3.extend_program_checked(program_id, payer.pubkey(), payer.pubkey(), 1000)],
            [payer],
        )
    assert instruction_error(failed.value) == InstructionErrorFieldless.InvalidInstructionData


# Pure encoding


def test_instruction_data_layouts() -> None:
    key = Pubkey.new_unique()
    assert bytes(loader_v3.initialize_buffer(key, key).data) == bytes(4)
    assert bytes(loader_v3.write(key, key, 7, b"xyz").data) == struct.pack("<IIQ", 1, 7, 3) + b"xyz"
    deploy = loader_v3.deploy_with_max_data_len(key, key, key, key, 2**40)
    assert bytes(deploy.data) == struct.pack("<IQ", 2, 2**40)
    assert bytes(loader_v3.upgrade(key, key, key, key).data) == struct.pack("<I", 3)
    assert bytes(loader_v3.set_upgrade_authority(key, key, None).data) == struct.pack("<I", 4)
    assert bytes(loader_v3.close_buffer(key, key, key).data) == struct.pack("<I", 5)
    assert bytes(loader_v3.extend_program(key, key, 9).data) == struct.pack("<II", 6, 9)
    assert bytes(loader_v3.extend_program_checked(key, key, key, 9).data) == struct.pack(
        "<II", 9, 9
    )


def test_programdata_address_is_the_loader_pda() -> None:
    program_id = Pubkey.new_unique()
    expected, _ = Pubkey.find_program_address([bytes(program_id)], loader_v3.LOADER_V3_ID)
    assert loader_v3.programdata_address(program_id) == expected


def test_decoders_reject_other_states() -> None:
    program_state = struct.pack("<I", 2) + bytes(32)
    assert loader_v3.decode_program(program_state) == Pubkey.default()
    with pytest.raises(ValueError, match="ProgramData"):
        loader_v3.decode_programdata(program_state + bytes(9))
    with pytest.raises(ValueError, match="Buffer"):
        loader_v3.buffer_authority(program_state + bytes(1))
    with pytest.raises(ValueError, match="Program"):
        loader_v3.decode_program(b"\2\0\0")
    immutable = struct.pack("<IQB", 3, 5, 0) + bytes(32) + b"code"
    assert loader_v3.decode_programdata(immutable) == loader_v3.ProgramData(5, None, 4)


# Our own programs, once built


@pytest.mark.parametrize("name", OUR_PROGRAMS)
def test_built_program_deploys_upgrades_and_runs(svm: LiteSVM, payer: Keypair,
                                                  name: str) -> None:
    """Each of our programs passes the runtime's deployment verification, runs, and can be
    upgraded in place; its answer to empty data is Anchor's InstructionMissing (100)."""
    path = TARGET_DEPLOY / f"{name}.so"
    assert path.exists(), f"{path} is missing: run `make build`"
    keypair_file = path.with_name(f"{path.stem}-keypair.json")
    program = Keypair.from_json(keypair_file.read_text()) if keypair_file.exists() else Keypair()
    program_id = deploy_program(svm, payer, program, path.read_bytes())

    def call_with_empty_data() -> TransactionFailed:
        with pytest.raises(TransactionFailed) as failed:
            send(svm, [Instruction(program_id, b"", [])], [payer])
        return failed.value

    failure = call_with_empty_data()
    assert (failure.instruction_index, failure.custom_code) == (0, 100)
    assert any("Error Code: InstructionMissing" in line for line in failure.logs)

    upgrade_program(svm, payer, program_id, path.read_bytes(), payer)
    assert call_with_empty_data().custom_code == 100
    assert program_upgrade_authority(svm, program_id) == payer.pubkey()
