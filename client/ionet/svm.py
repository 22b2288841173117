"""An in-process Solana runtime (solders' LiteSVM) set up like today's clusters.

``new_svm`` builds it, ``send`` sends one transaction and raises on failure,
``deploy_program`` / ``upgrade_program`` go through the BPF Upgradeable Loader
exactly as ``solana program deploy`` does: buffer, writes, deploy or upgrade.
"""

from collections.abc import Sequence
from typing import Final

from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.litesvm import FeatureSet, LiteSVM
from solders.message import Message
from solders.pubkey import Pubkey
from solders.transaction import Signer, Transaction
from solders.transaction_metadata import FailedTransactionMetadata, TransactionMetadata
from solders.transaction_status import InstructionErrorCustom, TransactionErrorInstructionError
from solders.transaction_status import TransactionErrorType as TransactionError

from ionet import loader_v3

__all__ = [
    "DISABLE_NEW_LOADER_V3_DEPLOYMENTS",
    "PACKET_DATA_SIZE",
    "DeployFailed",
    "SvmPanic",
    "TransactionFailed",
    "cluster_feature_set",
    "deploy_program",
    "new_svm",
    "program_data",
    "program_upgrade_authority",
    "send",
    "upgrade_program",
]

DISABLE_NEW_LOADER_V3_DEPLOYMENTS: Final = Pubkey.from_string(
    "EmhbpdVtZ2hWRGFWBDjn2i3SJD8Z36z4mpMcZJEnebnP"
)
"""Feature that makes loader v3 refuse DeployWithMaxDataLen (not yet active on clusters)."""

PACKET_DATA_SIZE: Final = loader_v3.PACKET_DATA_SIZE


class TransactionFailed(Exception):
    """A transaction was rejected or one of its instructions failed."""

    def __init__(self, error: TransactionError, logs: Sequence[str]) -> None:
        self.error = error
        self.logs = list(logs)
        self.instruction_index: int | None = None
        self.custom_code: int | None = None
        if isinstance(error, TransactionErrorInstructionError):
            self.instruction_index = error.index
            if isinstance(error.err, InstructionErrorCustom):
                self.custom_code = error.err.code
        super().__init__(self._describe())

    def _describe(self) -> str:
        lines = [f"transaction failed: {self.error}"]
        lines += [f"  {line}" for line in self.logs]
        return "\n".join(lines)


class DeployFailed(TransactionFailed):
    """A transaction of a deployment or upgrade failed; ``step`` names it."""

    def __init__(self, step: str, failure: TransactionFailed) -> None:
        self.step = step
        super().__init__(failure.error, failure.logs)

    def _describe(self) -> str:
        return f"{self.step}: {super()._describe()}"


class SvmPanic(RuntimeError):
    """LiteSVM's native code panicked; the LiteSVM may be left half-updated.

    A Rust panic surfaces as ``pyo3_runtime.PanicException``, a ``BaseException``
    that ``except Exception`` does not catch; ``send`` turns it into this. Seen with
    loader-v3 Close of a program, which panics LiteSVM most of the time.
    """


def cluster_feature_set() -> FeatureSet:
    """Every feature active except ``DISABLE_NEW_LOADER_V3_DEPLOYMENTS``."""
    every = FeatureSet.all_enabled()
    active = every.active
    del active[DISABLE_NEW_LOADER_V3_DEPLOYMENTS]
    return FeatureSet(active, every.inactive | {DISABLE_NEW_LOADER_V3_DEPLOYMENTS})


def new_svm(lamports: int = 10**15) -> LiteSVM:
    """A LiteSVM that accepts loader-v3 deployments and checks signatures and blockhashes.

    ``LiteSVM()`` activates every feature, so loader v3 refuses new programs;
    ``LiteSVM.default()`` alone checks neither signatures nor blockhashes.
    ``lamports`` funds the airdrop account.
    """
    features = cluster_feature_set()
    return (
        LiteSVM.default()
        .with_sysvars()
        .with_builtins(features)
        .with_precompiles(features)
        .with_spl_programs()
        .with_lamports(lamports)
        .with_sigverify(True)
        .with_blockhash_check(True)
    )


def _is_panic(error: BaseException) -> bool:
    kind = type(error)
    return kind.__module__ == "pyo3_runtime" and kind.__name__ == "PanicException"


def _sign(
    svm: LiteSVM, instructions: Sequence[Instruction], signers: Sequence[Signer], payer: Pubkey
) -> Transaction:
    blockhash = svm.latest_blockhash()
    message = Message.new_with_blockhash(instructions, payer, blockhash)
    return Transaction(signers, message, blockhash)


def send(
    svm: LiteSVM,
    instructions: Sequence[Instruction],
    signers: Sequence[Signer],
    payer: Signer | None = None,
) -> TransactionMetadata:
    """Send a legacy transaction with the latest blockhash; raise ``TransactionFailed``.

    The fee payer is ``payer``, else the first signer; it pays LiteSVM's fee, the base fee
    only (``ionet localnet`` charges priority fees as Agave does). If the same transaction was
    already processed (same instructions, signers and blockhash, so same signature),
    the blockhash is expired first so it is not rejected as ``AlreadyProcessed``.
    """
    unique: dict[Pubkey, Signer] = {}
    for signer in [payer, *signers] if payer is not None else signers:
        unique.setdefault(signer.pubkey(), signer)
    if not unique:
        raise ValueError("a transaction needs at least one signer to pay its fee")
    keys = list(unique.values())
    fee_payer = keys[0].pubkey()
    tx = _sign(svm, instructions, keys, fee_payer)
    if svm.get_transaction(tx.signatures[0]) is not None:
        svm.expire_blockhash()
        tx = _sign(svm, instructions, keys, fee_payer)
    try:
        result = svm.send_transaction(tx)
    except BaseException as error:
        if _is_panic(error):
            raise SvmPanic(f"LiteSVM panicked: {error}") from error
        raise
    if isinstance(result, FailedTransactionMetadata):
        raise TransactionFailed(result.err(), result.meta().logs())
    return result


def _step(
    step: str,
    svm: LiteSVM,
    instructions: Sequence[Instruction],
    signers: Sequence[Signer],
) -> None:
    try:
        send(svm, instructions, signers)
    except TransactionFailed as failure:
        raise DeployFailed(step, failure) from None


def _next_slot(svm: LiteSVM) -> None:
    svm.warp_to_slot(svm.get_clock().slot + 1)


def _run(svm: LiteSVM, steps: Sequence[loader_v3.Step]) -> None:
    for step in steps:
        _step(step.name, svm, step.instructions, step.signers)


def _write_buffer(svm: LiteSVM, payer: Keypair, authority: Keypair, elf: bytes) -> Pubkey:
    """Create a buffer owned by ``authority`` holding ``elf``."""
    buffer = Keypair()
    _run(svm, loader_v3.buffer_steps(payer, authority, buffer, elf,
                                     svm.minimum_balance_for_rent_exemption))
    return buffer.pubkey()


def deploy_program(
    svm: LiteSVM,
    payer: Keypair,
    program: Keypair,
    elf: bytes,
    upgrade_authority: Keypair | None = None,
    max_data_len: int | None = None,
) -> Pubkey:
    """Deploy ``elf`` at ``program``'s address through loader v3; return the program id.

    ``upgrade_authority`` defaults to ``payer``, ``max_data_len`` (room for later
    upgrades) to twice the program's size. Afterwards the clock is one slot later:
    a cluster runs a program from the slot after its deployment (LiteSVM at once),
    and refuses to upgrade it in the slot it was deployed in.
    Raises ``DeployFailed`` naming the step that failed.
    """
    authority = upgrade_authority or payer
    buffer = _write_buffer(svm, payer, authority, elf)
    length = max_data_len if max_data_len is not None else 2 * len(elf)
    _run(svm, [loader_v3.deploy_step(payer, program, authority, buffer, length,
                                     svm.minimum_balance_for_rent_exemption)])
    _next_slot(svm)
    return program.pubkey()


def upgrade_program(
    svm: LiteSVM, payer: Keypair, program_id: Pubkey, elf: bytes, upgrade_authority: Keypair
) -> None:
    """Replace the code of ``program_id`` with ``elf`` (buffer + Upgrade).

    The ProgramData account is first extended if ``elf`` does not fit; ``payer``
    pays for that and gets the buffer's lamports back. The clock ends one slot later.
    Raises ``DeployFailed`` naming the step that failed.
    """
    capacity = program_data(svm, program_id).program_len
    buffer = _write_buffer(svm, payer, upgrade_authority, elf)
    if len(elf) > capacity:
        _step(
            "extend program",
            svm,
            [loader_v3.extend_program(program_id, payer.pubkey(), len(elf) - capacity)],
            [payer],
        )
        _next_slot(svm)
    _run(svm, [loader_v3.upgrade_step(payer, program_id, upgrade_authority, buffer)])
    _next_slot(svm)


def program_data(svm: LiteSVM, program_id: Pubkey) -> loader_v3.ProgramData:
    """The ProgramData header of a loader-v3 program; ``ValueError`` if it is not one."""
    program = svm.get_account(program_id)
    if program is None or program.owner != loader_v3.LOADER_V3_ID:
        raise ValueError(f"{program_id} is not a loader-v3 program")
    account = svm.get_account(loader_v3.decode_program(bytes(program.data)))
    return loader_v3.decode_programdata(bytes(account.data) if account else b"")


def program_upgrade_authority(svm: LiteSVM, program_id: Pubkey) -> Pubkey | None:
    """Who may upgrade ``program_id``; None if it is immutable."""
    return program_data(svm, program_id).upgrade_authority
