from __future__ import annotations
from . import offense_policy
import typing
from dataclasses import dataclass
from construct import Container
import borsh_construct as borsh


class SlashingParamsJSON(typing.TypedDict):
    challenge_window_secs: int
    appeal_window_secs: int
    rolling_window_secs: int
    max_rolling_bps: int
    offenses: list[offense_policy.OffensePolicyJSON]


@dataclass
class SlashingParams:
    layout: typing.ClassVar = borsh.CStruct(
        "challenge_window_secs" / borsh.I64,
        "appeal_window_secs" / borsh.I64,
        "rolling_window_secs" / borsh.I64,
        "max_rolling_bps" / borsh.U16,
        "offenses" / offense_policy.OffensePolicy.layout[4],
    )
    challenge_window_secs: int
    appeal_window_secs: int
    rolling_window_secs: int
    max_rolling_bps: int
    offenses: list[offense_policy.OffensePolicy]

    @classmethod
    def from_decoded(cls, obj: Container) -> "SlashingParams":
        return cls(
            challenge_window_secs=obj.challenge_window_secs,
            appeal_window_secs=obj.appeal_window_secs,
            rolling_window_secs=obj.rolling_window_secs,
            max_rolling_bps=obj.max_rolling_bps,
            offenses=list(
                map(
                    lambda item: offense_policy.OffensePolicy.from_decoded(item),
                    obj.offenses,
                )
            ),
        )

    def to_encodable(self) -> dict[str, typing.Any]:
        return {
            "challenge_window_secs": self.challenge_window_secs,
            "appeal_window_secs": self.appeal_window_secs,
            "rolling_window_secs": self.rolling_window_secs,
            "max_rolling_bps": self.max_rolling_bps,
            "offenses": list(map(lambda item: item.to_encodable(), self.offenses)),
        }

    def to_json(self) -> SlashingParamsJSON:
        return {
            "challenge_window_secs": self.challenge_window_secs,
            "appeal_window_secs": self.appeal_window_secs,
            "rolling_window_secs": self.rolling_window_secs,
            "max_rolling_bps": self.max_rolling_bps,
            "offenses": list(map(lambda item: item.to_json(), self.offenses)),
        }

    @classmethod
    def from_json(cls, obj: SlashingParamsJSON) -> "SlashingParams":
        return cls(
            challenge_window_secs=obj["challenge_window_secs"],
            appeal_window_secs=obj["appeal_window_secs"],
            rolling_window_secs=obj["rolling_window_secs"],
            max_rolling_bps=obj["max_rolling_bps"],
            offenses=list(
                map(
                    lambda item: offense_policy.OffensePolicy.from_json(item),
                    obj["offenses"],
                )
            ),
        )
