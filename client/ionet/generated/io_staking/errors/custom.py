import typing
from anchorpy.error import ProgramError


class NotUpgradeAuthority(ProgramError):
    def __init__(self) -> None:
        super().__init__(6000, "The signer is not the program's upgrade authority")

    code = 6000
    name = "NotUpgradeAuthority"
    msg = "The signer is not the program's upgrade authority"


class InvalidGpuCount(ProgramError):
    def __init__(self) -> None:
        super().__init__(6001, "A node needs at least one GPU")

    code = 6001
    name = "InvalidGpuCount"
    msg = "A node needs at least one GPU"


class InvalidMultiplier(ProgramError):
    def __init__(self) -> None:
        super().__init__(6002, "The earning multiplier is zero or above the maximum")

    code = 6002
    name = "InvalidMultiplier"
    msg = "The earning multiplier is zero or above the maximum"


class InvalidBps(ProgramError):
    def __init__(self) -> None:
        super().__init__(6003, "A basis-point value is above 10000")

    code = 6003
    name = "InvalidBps"
    msg = "A basis-point value is above 10000"


class InvalidDuration(ProgramError):
    def __init__(self) -> None:
        super().__init__(6004, "A duration is negative")

    code = 6004
    name = "InvalidDuration"
    msg = "A duration is negative"


class MathOverflow(ProgramError):
    def __init__(self) -> None:
        super().__init__(6005, "Arithmetic overflow")

    code = 6005
    name = "MathOverflow"
    msg = "Arithmetic overflow"


class NotAdmin(ProgramError):
    def __init__(self) -> None:
        super().__init__(6006, "The signer is not the admin")

    code = 6006
    name = "NotAdmin"
    msg = "The signer is not the admin"


class NotPendingAdmin(ProgramError):
    def __init__(self) -> None:
        super().__init__(6007, "The signer is not the proposed admin")

    code = 6007
    name = "NotPendingAdmin"
    msg = "The signer is not the proposed admin"


class NotPauseAuthority(ProgramError):
    def __init__(self) -> None:
        super().__init__(6008, "The signer may not pause or resume the program")

    code = 6008
    name = "NotPauseAuthority"
    msg = "The signer may not pause or resume the program"


class NotRewardAuthority(ProgramError):
    def __init__(self) -> None:
        super().__init__(6009, "The signer is not the reward authority")

    code = 6009
    name = "NotRewardAuthority"
    msg = "The signer is not the reward authority"


class NotSlasher(ProgramError):
    def __init__(self) -> None:
        super().__init__(6010, "The signer is not the slashing program's slasher")

    code = 6010
    name = "NotSlasher"
    msg = "The signer is not the slashing program's slasher"


class NotNodeOwner(ProgramError):
    def __init__(self) -> None:
        super().__init__(6011, "The signer does not own the node")

    code = 6011
    name = "NotNodeOwner"
    msg = "The signer does not own the node"


class OwnerCannotCostake(ProgramError):
    def __init__(self) -> None:
        super().__init__(6012, "A node's owner stakes with stake, not costake")

    code = 6012
    name = "OwnerCannotCostake"
    msg = "A node's owner stakes with stake, not costake"


class Paused(ProgramError):
    def __init__(self) -> None:
        super().__init__(6013, "The program is paused")

    code = 6013
    name = "Paused"
    msg = "The program is paused"


class NodeJailed(ProgramError):
    def __init__(self) -> None:
        super().__init__(6014, "The node is jailed")

    code = 6014
    name = "NodeJailed"
    msg = "The node is jailed"


class ZeroAmount(ProgramError):
    def __init__(self) -> None:
        super().__init__(6015, "The amount is zero")

    code = 6015
    name = "ZeroAmount"
    msg = "The amount is zero"


class AmountTooSmall(ProgramError):
    def __init__(self) -> None:
        super().__init__(6016, "The amount is worth less than one share")

    code = 6016
    name = "AmountTooSmall"
    msg = "The amount is worth less than one share"


class InsufficientStake(ProgramError):
    def __init__(self) -> None:
        super().__init__(6017, "The position holds less active stake than the amount")

    code = 6017
    name = "InsufficientStake"
    msg = "The position holds less active stake than the amount"


class CostakeCapExceeded(ProgramError):
    def __init__(self) -> None:
        super().__init__(6018, "Co-stake would exceed the node's co-stake cap")

    code = 6018
    name = "CostakeCapExceeded"
    msg = "Co-stake would exceed the node's co-stake cap"


class StillUnbonding(ProgramError):
    def __init__(self) -> None:
        super().__init__(6019, "The unbonding stake is still in its cooldown")

    code = 6019
    name = "StillUnbonding"
    msg = "The unbonding stake is still in its cooldown"


class NothingToWithdraw(ProgramError):
    def __init__(self) -> None:
        super().__init__(6020, "The position has no unbonding stake")

    code = 6020
    name = "NothingToWithdraw"
    msg = "The position has no unbonding stake"


class ExitWaitNotOver(ProgramError):
    def __init__(self) -> None:
        super().__init__(6021, "The co-staker exit wait is not over")

    code = 6021
    name = "ExitWaitNotOver"
    msg = "The co-staker exit wait is not over"


class NothingLeaving(ProgramError):
    def __init__(self) -> None:
        super().__init__(6022, "The position has no stake waiting to leave")

    code = 6022
    name = "NothingLeaving"
    msg = "The position has no stake waiting to leave"


class NothingToCancel(ProgramError):
    def __init__(self) -> None:
        super().__init__(6023, "The position has no stake leaving or unbonding")

    code = 6023
    name = "NothingToCancel"
    msg = "The position has no stake leaving or unbonding"


class InvalidProof(ProgramError):
    def __init__(self) -> None:
        super().__init__(6024, "The proof does not lead to the current reward root")

    code = 6024
    name = "InvalidProof"
    msg = "The proof does not lead to the current reward root"


class NothingToClaim(ProgramError):
    def __init__(self) -> None:
        super().__init__(6025, "There is nothing to claim")

    code = 6025
    name = "NothingToClaim"
    msg = "There is nothing to claim"


class RewardVaultShort(ProgramError):
    def __init__(self) -> None:
        super().__init__(6026, "The reward vault cannot pay what the rewards would owe")

    code = 6026
    name = "RewardVaultShort"
    msg = "The reward vault cannot pay what the rewards would owe"


class StaleEpoch(ProgramError):
    def __init__(self) -> None:
        super().__init__(6027, "The epoch is not after the current reward epoch")

    code = 6027
    name = "StaleEpoch"
    msg = "The epoch is not after the current reward epoch"


class InvalidSlashBps(ProgramError):
    def __init__(self) -> None:
        super().__init__(6028, "A slash takes between 1 and 10000 basis points")

    code = 6028
    name = "InvalidSlashBps"
    msg = "A slash takes between 1 and 10000 basis points"


class InvalidJailTime(ProgramError):
    def __init__(self) -> None:
        super().__init__(6029, "A jail must end in the future")

    code = 6029
    name = "InvalidJailTime"
    msg = "A jail must end in the future"


class PositionNotEmpty(ProgramError):
    def __init__(self) -> None:
        super().__init__(6030, "The position still holds stake or unpaid rewards")

    code = 6030
    name = "PositionNotEmpty"
    msg = "The position still holds stake or unpaid rewards"


class NodeNotEmpty(ProgramError):
    def __init__(self) -> None:
        super().__init__(6031, "The node still has positions or unpaid owner rewards")

    code = 6031
    name = "NodeNotEmpty"
    msg = "The node still has positions or unpaid owner rewards"


class PoolDepleted(ProgramError):
    def __init__(self) -> None:
        super().__init__(
            6032,
            "The node's stake was slashed to zero; it takes no stake until every old share has left",
        )

    code = 6032
    name = "PoolDepleted"
    msg = "The node's stake was slashed to zero; it takes no stake until every old share has left"


class RootBeforeRegistration(ProgramError):
    def __init__(self) -> None:
        super().__init__(
            6033, "The reward root was posted before the node was registered"
        )

    code = 6033
    name = "RootBeforeRegistration"
    msg = "The reward root was posted before the node was registered"


class CooldownTooShort(ProgramError):
    def __init__(self) -> None:
        super().__init__(
            6034, "The unstake cooldown is shorter than MIN_UNSTAKE_COOLDOWN_SECS"
        )

    code = 6034
    name = "CooldownTooShort"
    msg = "The unstake cooldown is shorter than MIN_UNSTAKE_COOLDOWN_SECS"


class ExitWaitTooShort(ProgramError):
    def __init__(self) -> None:
        super().__init__(
            6035, "The co-staker exit wait is shorter than MIN_COSTAKER_EXIT_WAIT_SECS"
        )

    code = 6035
    name = "ExitWaitTooShort"
    msg = "The co-staker exit wait is shorter than MIN_COSTAKER_EXIT_WAIT_SECS"


class DurationTooLong(ProgramError):
    def __init__(self) -> None:
        super().__init__(
            6036, "A cooldown or exit wait is longer than MAX_DURATION_SECS"
        )

    code = 6036
    name = "DurationTooLong"
    msg = "A cooldown or exit wait is longer than MAX_DURATION_SECS"


class CostakeCapTooHigh(ProgramError):
    def __init__(self) -> None:
        super().__init__(6037, "The co-stake cap is above MAX_COSTAKE_BPS")

    code = 6037
    name = "CostakeCapTooHigh"
    msg = "The co-stake cap is above MAX_COSTAKE_BPS"


class MinStakeZero(ProgramError):
    def __init__(self) -> None:
        super().__init__(6038, "The minimum stake per GPU is zero")

    code = 6038
    name = "MinStakeZero"
    msg = "The minimum stake per GPU is zero"


class NoPendingConfig(ProgramError):
    def __init__(self) -> None:
        super().__init__(6039, "No config change is proposed")

    code = 6039
    name = "NoPendingConfig"
    msg = "No config change is proposed"


class ConfigChangeNotReady(ProgramError):
    def __init__(self) -> None:
        super().__init__(6040, "The proposed config change is not active yet")

    code = 6040
    name = "ConfigChangeNotReady"
    msg = "The proposed config change is not active yet"


class MintExtensionNotAllowed(ProgramError):
    def __init__(self) -> None:
        super().__init__(
            6041, "The mint has a Token-2022 extension outside the allow-list"
        )

    code = 6041
    name = "MintExtensionNotAllowed"
    msg = "The mint has a Token-2022 extension outside the allow-list"


class MintFreezeAuthority(ProgramError):
    def __init__(self) -> None:
        super().__init__(6042, "The mint has a freeze authority")

    code = 6042
    name = "MintFreezeAuthority"
    msg = "The mint has a freeze authority"


class NodeClosed(ProgramError):
    def __init__(self) -> None:
        super().__init__(6043, "The node is closed")

    code = 6043
    name = "NodeClosed"
    msg = "The node is closed"


class NodeNotClosed(ProgramError):
    def __init__(self) -> None:
        super().__init__(6044, "The node is not closed")

    code = 6044
    name = "NodeNotClosed"
    msg = "The node is not closed"


class SharesNotWorthless(ProgramError):
    def __init__(self) -> None:
        super().__init__(6045, "The position's shares are still worth something")

    code = 6045
    name = "SharesNotWorthless"
    msg = "The position's shares are still worth something"


CustomError = typing.Union[
    NotUpgradeAuthority,
    InvalidGpuCount,
    InvalidMultiplier,
    InvalidBps,
    InvalidDuration,
    MathOverflow,
    NotAdmin,
    NotPendingAdmin,
    NotPauseAuthority,
    NotRewardAuthority,
    NotSlasher,
    NotNodeOwner,
    OwnerCannotCostake,
    Paused,
    NodeJailed,
    ZeroAmount,
    AmountTooSmall,
    InsufficientStake,
    CostakeCapExceeded,
    StillUnbonding,
    NothingToWithdraw,
    ExitWaitNotOver,
    NothingLeaving,
    NothingToCancel,
    InvalidProof,
    NothingToClaim,
    RewardVaultShort,
    StaleEpoch,
    InvalidSlashBps,
    InvalidJailTime,
    PositionNotEmpty,
    NodeNotEmpty,
    PoolDepleted,
    RootBeforeRegistration,
    CooldownTooShort,
    ExitWaitTooShort,
    DurationTooLong,
    CostakeCapTooHigh,
    MinStakeZero,
    NoPendingConfig,
    ConfigChangeNotReady,
    MintExtensionNotAllowed,
    MintFreezeAuthority,
    NodeClosed,
    NodeNotClosed,
    SharesNotWorthless,
]
CUSTOM_ERROR_MAP: dict[int, CustomError] = {
    6000: NotUpgradeAuthority(),
    6001: InvalidGpuCount(),
    6002: InvalidMultiplier(),
    6003: InvalidBps(),
    6004: InvalidDuration(),
    6005: MathOverflow(),
    6006: NotAdmin(),
    6007: NotPendingAdmin(),
    6008: NotPauseAuthority(),
    6009: NotRewardAuthority(),
    6010: NotSlasher(),
    6011: NotNodeOwner(),
    6012: OwnerCannotCostake(),
    6013: Paused(),
    6014: NodeJailed(),
    6015: ZeroAmount(),
    6016: AmountTooSmall(),
    6017: InsufficientStake(),
    6018: CostakeCapExceeded(),
    6019: StillUnbonding(),
    6020: NothingToWithdraw(),
    6021: ExitWaitNotOver(),
    6022: NothingLeaving(),
    6023: NothingToCancel(),
    6024: InvalidProof(),
    6025: NothingToClaim(),
    6026: RewardVaultShort(),
    6027: StaleEpoch(),
    6028: InvalidSlashBps(),
    6029: InvalidJailTime(),
    6030: PositionNotEmpty(),
    6031: NodeNotEmpty(),
    6032: PoolDepleted(),
    6033: RootBeforeRegistration(),
    6034: CooldownTooShort(),
    6035: ExitWaitTooShort(),
    6036: DurationTooLong(),
    6037: CostakeCapTooHigh(),
    6038: MinStakeZero(),
    6039: NoPendingConfig(),
    6040: ConfigChangeNotReady(),
    6041: MintExtensionNotAllowed(),
    6042: MintFreezeAuthority(),
    6043: NodeClosed(),
    6044: NodeNotClosed(),
    6045: SharesNotWorthless(),
}


def from_code(code: int) -> typing.Optional[CustomError]:
    maybe_err = CUSTOM_ERROR_MAP.get(code)
    if maybe_err is None:
        return None
    return maybe_err
