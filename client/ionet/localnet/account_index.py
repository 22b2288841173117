"""Every live account by owner, kept beside LiteSVM (which cannot list accounts).

``getProgramAccounts`` reads here: each account's fields are held as Python values, so a
query over 100 000 accounts compares plain bytes (about 50 ns an account) instead of
asking LiteSVM for each account (about 4 µs) and formatting its address (0.6 µs).
"""

from __future__ import annotations

from collections.abc import Iterable

from solders.account import Account
from solders.pubkey import Pubkey


class IndexedAccount:
    """An account's fields (what ``encode_account`` reads) and its address."""

    __slots__ = ("_address", "data", "executable", "lamports", "owner", "pubkey", "rent_epoch")

    def __init__(self, pubkey: Pubkey, lamports: int, data: bytes, owner: Pubkey,
                 executable: bool, rent_epoch: int) -> None:
        self.pubkey = pubkey
        self.lamports = lamports
        self.data = data
        self.owner = owner
        self.executable = executable
        self.rent_epoch = rent_epoch
        self._address: str | None = None

    @property
    def address(self) -> str:
        """The base-58 address, formatted once."""
        if self._address is None:
            self._address = str(self.pubkey)
        return self._address


class AccountIndex:
    """Live accounts by owner, each owner's in address order (the order of answers)."""

    def __init__(self) -> None:
        self.owner_of: dict[Pubkey, Pubkey] = {}
        self._by_owner: dict[Pubkey, dict[Pubkey, IndexedAccount]] = {}
        self._unsorted: set[Pubkey] = set()

    def update(self, pubkey: Pubkey, account: Account | None) -> None:
        """Record ``pubkey``'s current state (None or 0 lamports: gone)."""
        if account is None or account.lamports == 0:
            self._drop(pubkey)
            return
        self.put(IndexedAccount(pubkey, account.lamports, account.data, account.owner,
                                account.executable, account.rent_epoch))

    def put(self, entry: IndexedAccount) -> None:
        pubkey, owner = entry.pubkey, entry.owner
        old = self.owner_of.get(pubkey)
        if old is not None and old != owner:
            self._drop(pubkey)
            old = None
        members = self._by_owner.get(owner)
        if members is None:
            members = self._by_owner[owner] = {}
        if old is None:
            self.owner_of[pubkey] = owner
            if members:
                self._unsorted.add(owner)  # appended at the end of the dict
        members[pubkey] = entry  # an existing key keeps its place

    def _drop(self, pubkey: Pubkey) -> None:
        owner = self.owner_of.pop(pubkey, None)
        if owner is not None:
            del self._by_owner[owner][pubkey]

    def of(self, owner: Pubkey) -> Iterable[IndexedAccount]:
        """``owner``'s accounts in address order (sorted again only after an addition)."""
        members = self._by_owner.get(owner)
        if members is None:
            return ()
        if owner in self._unsorted:
            members = self._by_owner[owner] = dict(sorted(members.items()))
            self._unsorted.discard(owner)
        return members.values()
