"""The Solana CLI's conventions: clusters and monikers, the config file, keypairs, program
ids from Anchor.toml, help texts with examples, shell completion; exact amounts."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import click
import pytest
from cli_harness import IONET, World

from ionet.cli import cli as ionet_group
from ionet.cli.context import resolve_url
from ionet.cli.errors import CliError
from ionet.cli.units import (
    format_amount,
    format_duration,
    format_rate,
    parse_amount,
    parse_duration,
    parse_rate,
    parse_time,
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_cluster_monikers_and_urls() -> None:
    assert resolve_url("l") == resolve_url("localnet") == "http://127.0.0.1:8899"
    assert resolve_url("d") == "https://api.devnet.solana.com"
    assert resolve_url("t") == "https://api.testnet.solana.com"
    assert resolve_url("m") == resolve_url("mainnet-beta") == \
        "https://api.mainnet-beta.solana.com"
    assert resolve_url("http://10.0.0.1:8899") == "http://10.0.0.1:8899"


def test_cluster_errors(cli: World) -> None:
    cli.fails("config", "show", "-u", "moonnet", message="unknown cluster 'moonnet'")
    dead = f"http://127.0.0.1:{_free_port()}"
    cli.fails("config", "show", "-u", dead, "--program-id", str(cli.program_id),
              message=f"cannot reach the cluster at {dead}")


def test_global_options_before_the_command(cli: World) -> None:
    data = cli.ok("-u", cli.url, "--output", "json", "blockhash").json
    assert data["blockhash"] and data["lastValidBlockHeight"] > 0
    cli.fails("-u", "moonnet", "blockhash", message="unknown cluster 'moonnet'")
    # The command's own option wins over the one before it.
    assert cli.ok("-u", "moonnet", "blockhash", "-u", cli.url).out.strip()


def test_config_file_defaults(cli: World, tmp_path: Path) -> None:
    # The world's ~/.config/solana/cli/config.yml names the URL and keypair: no -u, no -k.
    out = cli.ok("positions").out
    assert out.strip() == f"No positions of {cli.deployer.pubkey()}."
    other = tmp_path / "config.yml"
    other.write_text(f"json_rpc_url: http://127.0.0.1:{_free_port()}\n")
    cli.fails("blockhash", "-C", str(other), message="cannot reach the cluster")
    other.write_text(f"json_rpc_url: {cli.url}\ncommitment: processed\n"
                     f"keypair_path: {tmp_path / 'none.json'}\n")
    assert cli.json("blockhash", "-C", str(other))["blockhash"]
    cli.fails("positions", "-C", str(other), message="none.json does not exist")
    other.write_text("json_rpc_url: [unclosed\n")
    cli.fails("blockhash", "-C", str(other), message="is not valid YAML")
    cli.fails("blockhash", "-C", str(tmp_path / "missing.yml"), message="does not exist")


def test_program_ids_from_anchor_toml(cli: World, tmp_path: Path) -> None:
    cli.fails("config", "show", cwd=tmp_path, message="no program id for io_staking")
    (tmp_path / "Anchor.toml").write_text("[programs.devnet]\nio_staking = \"x\"\n")
    cli.fails("config", "show", cwd=tmp_path, message="[programs.localnet]): pass --program-id")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (tmp_path / "Anchor.toml").write_text(
        f"[programs.localnet]\nio_staking = \"{cli.program_id}\"\n")
    assert cli.json("config", "show", cwd=nested)["programId"] == str(cli.program_id)


def _leaves(group: click.Group, path: str) -> list[tuple[str, click.Command]]:
    found = []
    for name, sub in group.commands.items():
        if isinstance(sub, click.Group):
            found += _leaves(sub, f"{path} {name}")
        else:
            found.append((f"{path} {name}", sub))
    return found


def test_every_command_has_an_example() -> None:
    leaves = _leaves(ionet_group, "ionet")
    assert len(leaves) >= 24
    for path, command in leaves:
        if path == "ionet localnet":
            continue
        assert command.help and "Example:" in command.help, path
        assert path in command.help.split("Example:")[1], path


def test_help_and_completion(cli: World) -> None:
    result = cli.ok("rewards", "post", "--help")
    assert "ionet rewards post --csv" in result.out and "--with-compute-unit-price" in result.out
    assert "usage: ionet localnet" in cli.ok("localnet", "--help").out
    completion = subprocess.run([str(IONET)], env={**cli.env(), "_IONET_COMPLETE": "bash_source"},
                                capture_output=True, text=True, timeout=30)
    assert completion.returncode == 0 and "_ionet_completion" in completion.stdout
    usage = cli.run("stake")
    assert usage.code == 2 and usage.err.strip() == \
        "error: Missing argument 'NODE'. (see `ionet stake --help`)"


@pytest.mark.parametrize(("text", "decimals", "units"), [
    ("200", 6, 200_000_000), ("0.25", 6, 250_000), (".5", 6, 500_000),
    ("1.000000", 6, 1_000_000), ("1_000", 0, 1_000), ("18446744073709.551615", 6, 2**64 - 1),
])
def test_amounts_are_exact(text: str, decimals: int, units: int) -> None:
    assert parse_amount(text, decimals) == units


@pytest.mark.parametrize(("text", "message"), [
    ("1.0000001", "has 7 decimals, but the mint has only 6"), ("1e3", "not a decimal"),
    ("-1", "not a decimal"), ("0.0", "more than zero"), ("18446744073709.551616", "more than"),
])
def test_amounts_refused(text: str, message: str) -> None:
    with pytest.raises(CliError, match=message):
        parse_amount(text, 6)


def test_amount_and_duration_formats() -> None:
    assert format_amount(1_234_500_000, 6) == "1,234.5"
    assert format_amount(7, 6) == "0.000007" and format_amount(0, 6) == "0"
    assert format_duration(13 * 86_400 + 4 * 3_600 + 59) == "13d 4h"
    assert format_duration(5 * 3_600 + 30 * 60) == "5h 30m"
    assert format_duration(86_400) == "1d" and format_duration(40) == "40s"
    assert format_duration(0) == "0s"
    assert parse_duration("14d") == 14 * 86_400
    assert parse_duration("7d 12h") == parse_duration("7d12h") == 7 * 86_400 + 43_200
    assert parse_duration("90m") == 5_400 and parse_duration("3600") == 3_600
    with pytest.raises(CliError, match="is not a duration"):
        parse_duration("two weeks")


def test_rates_are_exact_base_units_a_second() -> None:
    assert parse_rate("1.44/h", 6) == 400 and parse_rate("0.0004/s", 6) == 400
    assert parse_rate("34.56/d", 6) == 400 and format_rate(400, 6) == "1.44/h"
    with pytest.raises(CliError, match="needs a unit of time"):
        parse_rate("5", 6)
    with pytest.raises(CliError, match=r"use 1\.4976/h or 1\.5012/h"):
        parse_rate("1.5/h", 6)
    with pytest.raises(CliError, match="has 7 decimals"):
        parse_rate("0.0000001/s", 6)


def test_points_in_time() -> None:
    now = 1_800_000_000
    assert parse_time("13d 4h", now) == now + 13 * 86_400 + 4 * 3_600
    assert parse_time("@1767225600", now) == 1_767_225_600
    assert parse_time("2026-01-01", now) == parse_time("2026-01-01T00:00Z", now) == 1_767_225_600
    assert parse_time("2026-01-01T01:00+01:00", now) == 1_767_225_600
    for text, message in [("soon", "is neither a duration"), ("@x", "takes Unix seconds"),
                          ("2026-13-01", "is not an ISO 8601 date-time")]:
        with pytest.raises(CliError, match=message):
            parse_time(text, now)
