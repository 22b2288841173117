"""Every live account by owner, kept beside LiteSVM (which cannot list accounts).

``getProgramAccounts`` reads here: each account's fields are held as Python values, so a
query over 100 000 accounts compares plain bytes (about 50 ns an account) instead of
asking LiteSVM for each account (about 4 µs) and formatting its address (0.6 µs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

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
    """Live accounts by owner. Each owner's are kept in address order (the order of
    answers) and, after a re-sort, laid out in memory in that order too: scanning 100 000
    accounts scattered over the heap is five times slower than scanning them in sequence.
    Accounts added since the last re-sort wait in a small side table, merged into answers;
    the owner is re-sorted when that table has grown past a sixteenth of the sorted one."""

    def __init__(self) -> None:
        self.owner_of: dict[Pubkey, Pubkey] = {}
        self._sorted: dict[Pubkey, dict[Pubkey, IndexedAccount]] = {}
        self._added: dict[Pubkey, dict[Pubkey, IndexedAccount]] = {}

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
        if old is not None:
            sorted_members = self._sorted.get(owner)
            if sorted_members is not None and pubkey in sorted_members:
                sorted_members[pubkey] = entry
                return
        self.owner_of[pubkey] = owner
        self._added.setdefault(owner, {})[pubkey] = entry

    def load(self, entries: Iterable[IndexedAccount]) -> None:
        """Index ``entries`` of accounts not indexed yet, given in address order."""
        for entry in entries:
            self.owner_of[entry.pubkey] = entry.owner
            members = self._sorted.get(entry.owner)
            if members is None:
                members = self._sorted[entry.owner] = {}
            members[entry.pubkey] = entry

    def _drop(self, pubkey: Pubkey) -> None:
        owner = self.owner_of.pop(pubkey, None)
        if owner is None:
            return
        for table in (self._sorted, self._added):
            members = table.get(owner)
            if members is not None and members.pop(pubkey, None) is not None:
                return

    def select(self, owner: Pubkey, filters: Iterable[Callable[[bytes], bool]] = ()
               ) -> list[IndexedAccount]:
        """``owner``'s accounts whose data passes every filter, in address order."""
        added = self._added.get(owner)
        base = self._sorted.get(owner, {})
        if added and len(added) * 16 > len(base):
            base = self._resort(owner)
            added = None
        found: Iterable[IndexedAccount] = base.values()
        extra: Iterable[IndexedAccount] = added.values() if added else ()
        for matches in filters:
            found = [entry for entry in found if matches(entry.data)]
            extra = [entry for entry in extra if matches(entry.data)]
        found = list(found)
        if extra:  # two sorted runs: Timsort merges them in linear time
            found += sorted(extra, key=_address_bytes)
            found.sort(key=_address_bytes)
        return found

    def _resort(self, owner: Pubkey) -> dict[Pubkey, IndexedAccount]:
        """Merge the side table and lay the entries out afresh, in address order."""
        members = {**self._sorted.get(owner, {}), **self._added.pop(owner, {})}
        fresh = {}
        for entry in sorted(members.values(), key=_address_bytes):
            copy = IndexedAccount(entry.pubkey, entry.lamports, bytes(bytearray(entry.data)),
                                  entry.owner, entry.executable, entry.rent_epoch)
            copy._address = entry._address
            fresh[entry.pubkey] = copy
        self._sorted[owner] = fresh
        return fresh


def _address_bytes(entry: IndexedAccount) -> bytes:
    return bytes(entry.pubkey)
