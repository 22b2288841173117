import typing
from dataclasses import dataclass
from solders.pubkey import Pubkey
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Commitment
import borsh_construct as borsh
from anchorpy.coder.accounts import ACCOUNT_DISCRIMINATOR_SIZE
from anchorpy.error import AccountInvalidDiscriminator
from anchorpy.utils.rpc import get_multiple_accounts
from anchorpy.borsh_extension import BorshPubkey
from ..program_id import PROGRAM_ID


class StakePositionJSON(typing.TypedDict):
    version: int
    bump: int
    node: str
    staker: str
    active_shares: int
    leaving_shares: int
    leave_ready_at: int
    unbonding_shares: int
    unlock_at: int
    reward_per_share_snapshot: int
    rewards_pending: int
    rewards_paid: int
    reserved: list[int]


@dataclass
class StakePosition:
    discriminator: typing.ClassVar = b"N\xa5\x1eo\xab}\x0b\xdc"
    layout: typing.ClassVar = borsh.CStruct(
        "version" / borsh.U8,
        "bump" / borsh.U8,
        "node" / BorshPubkey,
        "staker" / BorshPubkey,
        "active_shares" / borsh.U64,
        "leaving_shares" / borsh.U64,
        "leave_ready_at" / borsh.I64,
        "unbonding_shares" / borsh.U64,
        "unlock_at" / borsh.I64,
        "reward_per_share_snapshot" / borsh.U128,
        "rewards_pending" / borsh.U64,
        "rewards_paid" / borsh.U64,
        "reserved" / borsh.U8[56],
    )
    version: int
    bump: int
    node: Pubkey
    staker: Pubkey
    active_shares: int
    leaving_shares: int
    leave_ready_at: int
    unbonding_shares: int
    unlock_at: int
    reward_per_share_snapshot: int
    rewards_pending: int
    rewards_paid: int
    reserved: list[int]

    @classmethod
    async def fetch(
        cls,
        conn: AsyncClient,
        address: Pubkey,
        commitment: typing.Optional[Commitment] = None,
        program_id: Pubkey = PROGRAM_ID,
    ) -> typing.Optional["StakePosition"]:
        resp = await conn.get_account_info(address, commitment=commitment)
        info = resp.value
        if info is None:
            return None
        if info.owner != program_id:
            raise ValueError("Account does not belong to this program")
        bytes_data = info.data
        return cls.decode(bytes_data)

    @classmethod
    async def fetch_multiple(
        cls,
        conn: AsyncClient,
        addresses: list[Pubkey],
        commitment: typing.Optional[Commitment] = None,
        program_id: Pubkey = PROGRAM_ID,
    ) -> typing.List[typing.Optional["StakePosition"]]:
        infos = await get_multiple_accounts(conn, addresses, commitment=commitment)
        res: typing.List[typing.Optional["StakePosition"]] = []
        for info in infos:
            if info is None:
                res.append(None)
                continue
            if info.account.owner != program_id:
                raise ValueError("Account does not belong to this program")
            res.append(cls.decode(info.account.data))
        return res

    @classmethod
    def decode(cls, data: bytes) -> "StakePosition":
        if data[:ACCOUNT_DISCRIMINATOR_SIZE] != cls.discriminator:
            raise AccountInvalidDiscriminator(
                "The discriminator for this account is invalid"
            )
        dec = StakePosition.layout.parse(data[ACCOUNT_DISCRIMINATOR_SIZE:])
        return cls(
            version=dec.version,
            bump=dec.bump,
            node=dec.node,
            staker=dec.staker,
            active_shares=dec.active_shares,
            leaving_shares=dec.leaving_shares,
            leave_ready_at=dec.leave_ready_at,
            unbonding_shares=dec.unbonding_shares,
            unlock_at=dec.unlock_at,
            reward_per_share_snapshot=dec.reward_per_share_snapshot,
            rewards_pending=dec.rewards_pending,
            rewards_paid=dec.rewards_paid,
            reserved=dec.reserved,
        )

    def to_json(self) -> StakePositionJSON:
        return {
            "version": self.version,
            "bump": self.bump,
            "node": str(self.node),
            "staker": str(self.staker),
            "active_shares": self.active_shares,
            "leaving_shares": self.leaving_shares,
            "leave_ready_at": self.leave_ready_at,
            "unbonding_shares": self.unbonding_shares,
            "unlock_at": self.unlock_at,
            "reward_per_share_snapshot": self.reward_per_share_snapshot,
            "rewards_pending": self.rewards_pending,
            "rewards_paid": self.rewards_paid,
            "reserved": self.reserved,
        }

    @classmethod
    def from_json(cls, obj: StakePositionJSON) -> "StakePosition":
        return cls(
            version=obj["version"],
            bump=obj["bump"],
            node=Pubkey.from_string(obj["node"]),
            staker=Pubkey.from_string(obj["staker"]),
            active_shares=obj["active_shares"],
            leaving_shares=obj["leaving_shares"],
            leave_ready_at=obj["leave_ready_at"],
            unbonding_shares=obj["unbonding_shares"],
            unlock_at=obj["unlock_at"],
            reward_per_share_snapshot=obj["reward_per_share_snapshot"],
            rewards_pending=obj["rewards_pending"],
            rewards_paid=obj["rewards_paid"],
            reserved=obj["reserved"],
        )
