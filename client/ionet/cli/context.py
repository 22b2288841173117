"""What every command needs to know before it acts: the cluster, the keypairs, the program
ids, the commitment, the output format. Resolved as the Solana CLI does.

* ``-u/--url``: ``localnet``, ``devnet``, ``testnet``, ``mainnet-beta`` (or ``l d t m``) or
  an ``http(s)://`` URL; default: ``json_rpc_url`` of the Solana CLI config file
  (``-C/--config``, default ``~/.config/solana/cli/config.yml``) when present, else
  localnet.
* ``-k/--keypair``: a keypair file; default: the config file's ``keypair_path``, else
  ``~/.config/solana/id.json``.
* ``--commitment``: default the config file's ``commitment``, else ``confirmed``.
* Program ids: ``[programs.<cluster>]`` of the nearest ``Anchor.toml`` from the current
  directory up, unless ``--program-id`` is given.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final
from urllib.parse import quote, urlparse

import yaml
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Commitment
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet.cli.errors import CliError
from ionet.rpc_client import async_client

__all__ = [
    "CLUSTERS",
    "Context",
    "Signer",
    "parse_pubkey",
    "read_keypair_file",
]

CLUSTERS: Final = {
    "localnet": "http://127.0.0.1:8899",
    "devnet": "https://api.devnet.solana.com",
    "testnet": "https://api.testnet.solana.com",
    "mainnet-beta": "https://api.mainnet-beta.solana.com",
}
MONIKERS: Final = {"l": "localnet", "d": "devnet", "t": "testnet", "m": "mainnet-beta",
                    "mainnet": "mainnet-beta"}
COMMITMENTS: Final = ("processed", "confirmed", "finalized")
DEFAULT_CONFIG: Final = Path("~/.config/solana/cli/config.yml")
DEFAULT_KEYPAIR: Final = Path("~/.config/solana/id.json")


def parse_pubkey(text: str, what: str = "address") -> Pubkey:
    try:
        return Pubkey.from_string(text.strip())
    except ValueError:
        raise CliError(f"{what} {text!r} is not a base58 public key") from None


def read_keypair_file(path: Path, what: str = "keypair") -> Keypair:
    """A Solana CLI keypair file (a JSON array of 64 bytes), or a one-line error."""
    shown = str(path)
    path = path.expanduser()
    if not path.exists():
        raise CliError(f"{what} file {shown} does not exist (create one with "
                       f"`solana-keygen new -o {shown}`)")
    try:
        raw = json.loads(path.read_text())
        if not isinstance(raw, list) or len(raw) != 64:
            raise ValueError
        return Keypair.from_bytes(bytes(raw))
    except (ValueError, TypeError, OSError, UnicodeDecodeError):
        raise CliError(f"{what} file {shown} is not a keypair file (expected a JSON array "
                       f"of 64 bytes)") from None


@dataclass(frozen=True)
class Signer:
    """A signer argument: a keypair, or only a public key (its signature comes from
    ``--signer PUBKEY=SIGNATURE``, or it is absent with ``--sign-only`` /
    ``--dump-transaction``)."""

    pubkey: Pubkey
    keypair: Keypair | None = None


def _signer_or_pubkey(text: str, what: str) -> Signer:
    """A keypair path, or a bare public key (offline signing)."""
    candidate = Path(text).expanduser()
    if not candidate.exists():
        try:
            return Signer(Pubkey.from_string(text))
        except ValueError:
            pass
    keypair = read_keypair_file(Path(text), what)
    return Signer(keypair.pubkey(), keypair)


def _cluster_name_of(url: str) -> str:
    host = (urlparse(url).hostname or "").lower()
    if host in ("127.0.0.1", "localhost", "0.0.0.0", "::1"):
        return "localnet"
    for name in ("devnet", "testnet", "mainnet"):
        if name in host:
            return "mainnet" if name == "mainnet" else name
    return "custom"


def resolve_url(text: str) -> str:
    name = MONIKERS.get(text, text)
    if name in CLUSTERS:
        return CLUSTERS[name]
    parsed = urlparse(text)
    if parsed.scheme in ("http", "https") and parsed.hostname:
        return text
    raise CliError(f"unknown cluster {text!r}: use localnet, devnet, testnet, mainnet-beta "
                   f"(l, d, t, m) or an http(s):// URL")


def find_anchor_toml(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        candidate = folder / "Anchor.toml"
        if candidate.is_file():
            return candidate
    return None


@dataclass
class Context:
    """The resolved global options of one invocation (built from the click options)."""

    url_option: str | None = None
    keypair_option: str | None = None
    config_option: str | None = None
    commitment_option: str | None = None
    output: str = "human"
    verbose: bool = False
    program_id_option: str | None = None
    _config: dict[str, Any] | None = None
    _signer: Signer | None = None
    _client: AsyncClient | None = None
    _cache: dict[str, Any] = field(default_factory=dict)

    # ---- Solana CLI config file

    @property
    def config_file(self) -> dict[str, Any]:
        if self._config is None:
            path = Path(self.config_option or os.environ.get("SOLANA_CONFIG") or
                        DEFAULT_CONFIG).expanduser()
            if not path.exists():
                if self.config_option:
                    raise CliError(f"config file {self.config_option} does not exist")
                self._config = {}
            else:
                try:
                    loaded = yaml.safe_load(path.read_text())
                except (yaml.YAMLError, OSError, UnicodeDecodeError) as exc:
                    raise CliError(f"config file {path} is not valid YAML: "
                                   f"{str(exc).splitlines()[0]}") from None
                self._config = loaded if isinstance(loaded, dict) else {}
        return self._config

    # ---- cluster

    @property
    def url(self) -> str:
        if self.url_option:
            return resolve_url(self.url_option)
        configured = self.config_file.get("json_rpc_url")
        return resolve_url(str(configured)) if configured else CLUSTERS["localnet"]

    @property
    def cluster_name(self) -> str:
        """``localnet``, ``devnet``, ``testnet``, ``mainnet`` or ``custom`` (the URL's)."""
        return _cluster_name_of(self.url)

    @property
    def commitment(self) -> Commitment:
        value = self.commitment_option or self.config_file.get("commitment") or "confirmed"
        if value not in COMMITMENTS:
            raise CliError(f"commitment {value!r} is not one of {', '.join(COMMITMENTS)}")
        return Commitment(value)

    @property
    def client(self) -> AsyncClient:
        if self._client is None:
            self._client = async_client(self.url, self.commitment, timeout=30)
        return self._client

    async def close(self) -> None:
        if self._client is not None:
            await self._client.close()

    def explorer_link(self, signature: str) -> str | None:
        """Solana Explorer's page of a transaction on this cluster (custom-cluster link for
        localnet and other URLs)."""
        base = f"https://explorer.solana.com/tx/{signature}"
        name = self.cluster_name
        if name == "mainnet":
            return base
        if name in ("devnet", "testnet"):
            return f"{base}?cluster={name}"
        return f"{base}?cluster=custom&customUrl={quote(self.url, safe='')}"

    # ---- keypairs

    @property
    def keypair_path(self) -> str:
        return str(self.keypair_option or self.config_file.get("keypair_path") or
                   DEFAULT_KEYPAIR)

    @property
    def signer(self) -> Signer:
        """``-k/--keypair`` (a keypair file, or a public key for offline signing)."""
        if self._signer is None:
            self._signer = _signer_or_pubkey(self.keypair_path, "keypair")
        return self._signer

    def signer_arg(self, text: str | None, what: str) -> Signer:
        """Another signer option (``--fee-payer``, ``--authority``...); default ``-k``."""
        return self.signer if text is None else _signer_or_pubkey(text, what)

    # ---- program ids

    def program_id(self, program: str, *, override: bool = True) -> Pubkey:
        """``--program-id`` (unless not ``override``: the id of another program than the
        command's) or ``Anchor.toml``'s ``[programs.<cluster>]`` entry."""
        if override and self.program_id_option:
            return parse_pubkey(self.program_id_option, "--program-id")
        anchor = find_anchor_toml(Path.cwd())
        if anchor is None:
            raise CliError(f"no program id for {program}: pass --program-id (no Anchor.toml "
                           f"in {Path.cwd()} or above)")
        doc = tomllib.loads(anchor.read_text())
        table = doc.get("programs", {}).get(self.cluster_name, {})
        value = table.get(program)
        if isinstance(value, dict):
            value = value.get("address")
        if not value:
            raise CliError(f"no program id for {program} on {self.cluster_name} in {anchor} "
                           f"([programs.{self.cluster_name}]): pass --program-id")
        return parse_pubkey(str(value), f"{anchor} [programs.{self.cluster_name}] {program}")
