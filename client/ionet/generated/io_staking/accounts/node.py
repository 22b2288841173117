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
from .. import types


class NodeJSON(typing.TypedDict):
    version: int
    bump: int
    owner: str
    node_id: list[int]
    gpu_count: int
    multiplier_bps: int
    costake_reward_share_bps: int
    registered_at: int
    registered_epoch: int
    jailed_until: int
    active: types.pool.PoolJSON
    unbonding: types.pool.PoolJSON
    costake_shares: int
    costake_earning_shares: int
    reward_per_share: int
    rewards_claimed: int
    owner_rewards: int
    rewards_forfeited: int
    slashed_total: int
    position_count: int
    closed: bool
    jailed_at: int
    last_claim_posted_at: int
    costaker_carry: int
    pending_slashes: int
    pending_slash_generation: int
    reserved: list[int]


@dataclass
class Node:
    discriminator: typing.ClassVar = b"\xd05\x01\x031z\xb41"
    layout: typing.ClassVar = borsh.CStruct(
        "version" / borsh.U8,
        "bump" / borsh.U8,
        "owner" / BorshPubkey,
        "node_id" / borsh.U8[32],
        "gpu_count" / borsh.U16,
        "multiplier_bps" / borsh.U32,
        "costake_reward_share_bps" / borsh.U16,
        "registered_at" / borsh.I64,
        "registered_epoch" / borsh.U64,
        "jailed_until" / borsh.I64,
        "active" / types.pool.Pool.layout,
        "unbonding" / types.pool.Pool.layout,
        "costake_shares" / borsh.U64,
        "costake_earning_shares" / borsh.U64,
        "reward_per_share" / borsh.U128,
        "rewards_claimed" / borsh.U64,
        "owner_rewards" / borsh.U64,
        "rewards_forfeited" / borsh.U64,
        "slashed_total" / borsh.U64,
        "position_count" / borsh.U32,
        "closed" / borsh.Bool,
        "jailed_at" / borsh.I64,
        "last_claim_posted_at" / borsh.I64,
        "costaker_carry" / borsh.U64,
        "pending_slashes" / borsh.U32,
        "pending_slash_generation" / borsh.U32,
        "reserved" / borsh.U8[55],
    )
    version: int
    bump: int
    owner: Pubkey
    node_id: list[int]
    gpu_count: int
    multiplier_bps: int
    costake_reward_share_bps: int
    registered_at: int
    registered_epoch: int
    jailed_until: int
    active: types.pool.Pool
    unbonding: types.pool.Pool
    costake_shares: int
    costake_earning_shares: int
    reward_per_share: int
    rewards_claimed: int
    owner_rewards: int
    rewards_forfeited: int
    slashed_total: int
    position_count: int
    closed: bool
    jailed_at: int
    last_claim_posted_at: int
    costaker_carry: int
    pending_slashes: int
    pending_slash_generation: int
    reserved: list[int]

    @classmethod
    async def fetch(
        cls,
        conn: AsyncClient,
        address: Pubkey,
        commitment: typing.Optional[Commitment] = None,
        program_id: Pubkey = PROGRAM_ID,
    ) -> typing.Optional["Node"]:
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
    ) -> typing.List[typing.Optional["Node"]]:
        infos = await get_multiple_accounts(conn, addresses, commitment=commitment)
        res: typing.List[typing.Optional["Node"]] = []
        for info in infos:
            if info is None:
                res.append(None)
                continue
            if info.account.owner != program_id:
                raise ValueError("Account does not belong to this program")
            res.append(cls.decode(info.account.data))
        return res

    @classmethod
    def decode(cls, data: bytes) -> "Node":
        if data[:ACCOUNT_DISCRIMINATOR_SIZE] != cls.discriminator:
            raise AccountInvalidDiscriminator(
                "The discriminator for this account is invalid"
            )
        dec = Node.layout.parse(data[ACCOUNT_DISCRIMINATOR_SIZE:])
        return cls(
            version=dec.version,
            bump=dec.bump,
            owner=dec.owner,
            node_id=dec.node_id,
            gpu_count=dec.gpu_count,
            multiplier_bps=dec.multiplier_bps,
            costake_reward_share_bps=dec.costake_reward_share_bps,
            registered_at=dec.registered_at,
            registered_epoch=dec.registered_epoch,
            jailed_until=dec.jailed_until,
            active=types.pool.Pool.from_decoded(dec.active),
            unbonding=types.pool.Pool.from_decoded(dec.unbonding),
            costake_shares=dec.costake_shares,
            costake_earning_shares=dec.costake_earning_shares,
            reward_per_share=dec.reward_per_share,
            rewards_claimed=dec.rewards_claimed,
            owner_rewards=dec.owner_rewards,
            rewards_forfeited=dec.rewards_forfeited,
            slashed_total=dec.slashed_total,
            position_count=dec.position_count,
            closed=dec.closed,
            jailed_at=dec.jailed_at,
            last_claim_posted_at=dec.last_claim_posted_at,
            costaker_carry=dec.costaker_carry,
            pending_slashes=dec.pending_slashes,
            pending_slash_generation=dec.pending_slash_generation,
            reserved=dec.reserved,
        )

    def to_json(self) -> NodeJSON:
        return {
            "version": self.version,
            "bump": self.bump,
            "owner": str(self.owner),
            "node_id": self.node_id,
            "gpu_count": self.gpu_count,
            "multiplier_bps": self.multiplier_bps,
            "costake_reward_share_bps": self.costake_reward_share_bps,
            "registered_at": self.registered_at,
            "registered_epoch": self.registered_epoch,
            "jailed_until": self.jailed_until,
            "active": self.active.to_json(),
            "unbonding": self.unbonding.to_json(),
            "costake_shares": self.costake_shares,
            "costake_earning_shares": self.costake_earning_shares,
            "reward_per_share": self.reward_per_share,
            "rewards_claimed": self.rewards_claimed,
            "owner_rewards": self.owner_rewards,
            "rewards_forfeited": self.rewards_forfeited,
            "slashed_total": self.slashed_total,
            "position_count": self.position_count,
            "closed": self.closed,
            "jailed_at": self.jailed_at,
            "last_claim_posted_at": self.last_claim_posted_at,
            "costaker_carry": self.costaker_carry,
            "pending_slashes": self.pending_slashes,
            "pending_slash_generation": self.pending_slash_generation,
            "reserved": self.reserved,
        }

    @classmethod
    def from_json(cls, obj: NodeJSON) -> "Node":
        return cls(
            version=obj["version"],
            bump=obj["bump"],
            owner=Pubkey.from_string(obj["owner"]),
            node_id=obj["node_id"],
            gpu_count=obj["gpu_count"],
            multiplier_bps=obj["multiplier_bps"],
            costake_reward_share_bps=obj["costake_reward_share_bps"],
            registered_at=obj["registered_at"],
            registered_epoch=obj["registered_epoch"],
            jailed_until=obj["jailed_until"],
            active=types.pool.Pool.from_json(obj["active"]),
            unbonding=types.pool.Pool.from_json(obj["unbonding"]),
            costake_shares=obj["costake_shares"],
            costake_earning_shares=obj["costake_earning_shares"],
            reward_per_share=obj["reward_per_share"],
            rewards_claimed=obj["rewards_claimed"],
            owner_rewards=obj["owner_rewards"],
            rewards_forfeited=obj["rewards_forfeited"],
            slashed_total=obj["slashed_total"],
            position_count=obj["position_count"],
            closed=obj["closed"],
            jailed_at=obj["jailed_at"],
            last_claim_posted_at=obj["last_claim_posted_at"],
            costaker_carry=obj["costaker_carry"],
            pending_slashes=obj["pending_slashes"],
            pending_slash_generation=obj["pending_slash_generation"],
            reserved=obj["reserved"],
        )
