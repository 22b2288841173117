"""``ionet deploy [PROGRAM...]`` and ``ionet upgrade``: progress, resuming an interrupted
buffer, upgrade authority checks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from cli_harness import STAKING_SO, TestCluster, World, write_keypair
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet import loader_v3, onchain_idl

STAKING_IDL = STAKING_SO.parent.parent / "idl" / "io_staking.json"


def _project(cli: World, tmp_path: Path) -> tuple[Path, Keypair]:
    """A project directory: Anchor.toml naming a new io_staking id, its build and IDL."""
    program = Keypair()
    deploy_dir = tmp_path / "target" / "deploy"
    deploy_dir.mkdir(parents=True)
    shutil.copy(STAKING_SO, deploy_dir / "io_staking.so")
    (tmp_path / "target" / "idl").mkdir()
    shutil.copy(STAKING_IDL, tmp_path / "target" / "idl" / "io_staking.json")
    write_keypair(deploy_dir / "io_staking-keypair.json", program)
    (tmp_path / "Anchor.toml").write_text(
        f"[programs.localnet]\nio_staking = \"{program.pubkey()}\"\n")
    return tmp_path, program


async def _stored_idl(cluster: TestCluster, program_id: Pubkey) -> onchain_idl.IdlAccount:
    account = await cluster.account(onchain_idl.idl_address(program_id))
    assert account is not None, f"no IDL account for {program_id}"
    return onchain_idl.decode(bytes(account.data))


def _is_program(cli: World, program: Keypair) -> bool:
    async def get(cluster: TestCluster) -> bool:
        account = await cluster.account(program.pubkey())
        return account is not None and account.executable
    return bool(cli.call(get))


def test_deploy_anchor_programs_then_upgrade(cli: World, tmp_path: Path) -> None:
    project, program = _project(cli, tmp_path)
    result = cli.ok("deploy", cwd=project)
    assert "io_staking" in result.out and "deployed" in result.out
    assert str(program.pubkey()) in result.out
    assert "io_staking" in result.err  # the progress bar, on stderr
    assert _is_program(cli, program)
    # The IDL is on chain, where anchor-cli and Program.fetchIdl look, for this id.
    spec = json.loads(STAKING_IDL.read_text())
    stored = cli.call(lambda c: _stored_idl(c, program.pubkey()))
    assert stored.idl == {**spec, "address": str(program.pubkey())}
    assert stored.authority == cli.deployer.pubkey()

    upgraded = cli.json("upgrade", "io_staking", cwd=project)
    (entry,) = upgraded["programs"]
    assert entry["action"] == "upgraded" and entry["programId"] == str(program.pubkey())
    assert entry["idl"] == "unchanged"
    assert entry["signature"] and entry["writes"] > 50

    stranger, _ = cli.user(0)
    cli.fails("upgrade", "io_staking", "-k", str(stranger), cwd=project,
              message="is not the upgrade authority")
    cli.fails("upgrade", str(STAKING_SO), "--program-id", str(Keypair().pubkey()),
              message="no program at")
    cli.fails("deploy", str(project / "missing.so"), message="does not exist")
    poor = cli.keypair_file(Keypair(), "poor")
    cli.call(lambda c: c.airdrop(Keypair.from_json(poor.read_text()).pubkey(), 10**7))
    cli.fails("deploy", str(STAKING_SO), "--program-keypair",
              str(cli.keypair_file(Keypair(), "p")), "-k", str(poor), message="needs about")


def test_deploy_resumes_an_interrupted_buffer(cli: World) -> None:
    elf = STAKING_SO.read_bytes()
    program = Keypair()
    program_path = cli.keypair_file(program, "program")
    buffer = Keypair()
    # What an interrupted `ionet deploy` leaves: its buffer keypair, a buffer half written,
    # and here also one chunk that holds the wrong bytes.
    state = cli.home / "ionet" / "buffers" / f"localnet-{program.pubkey()}.json"
    state.parent.mkdir(parents=True, exist_ok=True)
    write_keypair(state, buffer)

    async def half(cluster: TestCluster) -> int:
        rent = (await cluster.client.get_minimum_balance_for_rent_exemption(
            loader_v3.BUFFER_METADATA_SIZE + len(elf))).value
        create, *writes = loader_v3.buffer_steps(cli.deployer, cli.deployer, buffer, elf,
                                                 lambda _n: rent)
        await cluster.send(create.instructions, create.signers)
        for step in writes[: len(writes) // 2]:
            await cluster.send(step.instructions, step.signers)
        await cluster.send([loader_v3.write(buffer.pubkey(), cli.deployer.pubkey(), 0,
                                            b"\x00" * 16)], [])
        return len(writes)
    total = cli.call(half)

    result = cli.run("deploy", str(STAKING_SO), "--program-keypair", str(program_path))
    assert result.code == 0, result.err
    assert f"Resuming buffer {buffer.pubkey()}: {total // 2 - 1} of {total} chunks" in result.err
    assert not state.exists()
    assert _is_program(cli, program)
    # The program runs: it initializes and answers.
    cli.ok("init", "--mint", str(cli.mint), "--program-id", str(program.pubkey()))
    assert cli.json("config", "show", "--program-id", str(program.pubkey()))["paused"] is False

    # JSON output reports what was written; a new deployment starts a new buffer.
    again = Keypair()
    data = cli.json("deploy", str(STAKING_SO), "--program-keypair",
                    str(cli.keypair_file(again, "program")), "--max-len", str(len(elf) + 1000))
    (entry,) = data["programs"]
    assert entry["chunksResumed"] == 0 and entry["writes"] == total
