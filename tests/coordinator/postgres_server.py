"""A private PostgreSQL server for the tests: ``initdb`` into a temporary directory and
``postgres`` listening only on a Unix socket there (no TCP port to collide on). PostgreSQL
refuses to run as root, so as root the server runs as ``nobody`` (``runuser``), which owns
the directory; Debian's ``postgresql`` package puts the binaries in
``/usr/lib/postgresql/<version>/bin``."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

__all__ = ["PostgresServer", "find_bin", "start_postgres"]

PORT = 5432  # of the Unix socket's name only (.s.PGSQL.5432): nothing listens on TCP


def find_bin() -> Path | None:
    """The newest installed server's bin directory (or the one of ``pg_ctl`` on PATH)."""
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"),
                      key=lambda p: int(p.parent.parent.name) if
                      p.parent.parent.name.isdigit() else 0)
    if versions:
        return versions[-1].parent
    found = shutil.which("pg_ctl")
    return Path(found).parent if found else None


@dataclass
class PostgresServer:
    folder: Path
    process: subprocess.Popen[bytes]
    _counter: int = 0

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@/{database}?host={self.socket_dir}&port={PORT}"

    def new_database(self) -> str:
        """A fresh empty database; returns its URL."""
        self._counter += 1
        name = f"journal_{os.getpid()}_{self._counter}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)  # "fast" shutdown: clients are cut off
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def _as_server_user(argv: list[str]) -> list[str]:
    return ["runuser", "-u", "nobody", "--", *argv] if os.geteuid() == 0 else argv


def start_postgres(bin_dir: Path, timeout: float = 30) -> PostgresServer:
    folder = Path(tempfile.mkdtemp(prefix="ionet-pg-"))
    data, socket_dir = folder / "data", folder / "socket"
    socket_dir.mkdir()
    if os.geteuid() == 0:
        for path in (folder, socket_dir):
            os.chown(path, 65534, 65534)
    subprocess.run(_as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres",
                                    "--auth=trust", "-E", "UTF8", "--no-sync"]),
                   check=True, capture_output=True)
    process = subprocess.Popen(_as_server_user([
        str(bin_dir / "postgres"), "-D", str(data), "-k", str(socket_dir), "-p", str(PORT),
        "-c", "listen_addresses=", "-c", "fsync=off", "-c", "max_connections=50"]),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = PostgresServer(folder, process)
    deadline = time.monotonic() + timeout
    while True:
        try:
            psycopg.connect(server.url(), connect_timeout=2).close()
            return server
        except psycopg.OperationalError:
            if process.poll() is not None or time.monotonic() > deadline:
                server.stop()
                raise RuntimeError("the test PostgreSQL server did not start") from None
            time.sleep(0.1)
