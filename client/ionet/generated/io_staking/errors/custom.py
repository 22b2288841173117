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


CustomError = typing.Union[
    NotUpgradeAuthority,
    InvalidGpuCount,
    InvalidMultiplier,
    InvalidBps,
    InvalidDuration,
    MathOverflow,
]
CUSTOM_ERROR_MAP: dict[int, CustomError] = {
    6000: NotUpgradeAuthority(),
    6001: InvalidGpuCount(),
    6002: InvalidMultiplier(),
    6003: InvalidBps(),
    6004: InvalidDuration(),
    6005: MathOverflow(),
}


def from_code(code: int) -> typing.Optional[CustomError]:
    maybe_err = CUSTOM_ERROR_MAP.get(code)
    if maybe_err is None:
        return None
    return maybe_err
