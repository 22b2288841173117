"""A private PostgreSQL server for the tests: ``initdb`` into a temporary directory and
``postgres`` listening only on a Unix socket there (no TCP port to collide on). PostgreSQL
refuses to run as root, so as root the server runs as ``nobody`` (the process itself, so
that a signal stops it), which owns the directory; Debian's ``postgresql`` package puts
the binaries in ``/usr/lib/postgresql/<version>/bin``."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

__all__ = ["PostgresServer", "find_bin", "start_postgres"]

PORT = 5432  # of the Unix socket's name only (.s.PGSQL.5432): nothing listens on TCP
NOBODY = 65534


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
    bin_dir: Path
    process: subprocess.Popen[bytes] | None = None
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

    def serve(self, timeout: float = 30) -> None:
        """Starts the server on its data directory; returns once it accepts connections."""
        self.process = subprocess.Popen([
            str(self.bin_dir / "postgres"), "-D", str(self.folder / "data"),
            "-k", str(self.socket_dir), "-p", str(PORT), "-c", "listen_addresses=",
            "-c", "fsync=off", "-c", "max_connections=50"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **_server_user())
        deadline = time.monotonic() + timeout
        while True:
            try:
                psycopg.connect(self.url(), connect_timeout=2).close()
                return
            except psycopg.OperationalError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("the test PostgreSQL server did not start") from None
                time.sleep(0.1)

    def shut_down(self) -> None:
        """Stops the server ("fast" shutdown: clients are cut off); its data stays."""
        if self.process is None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def stop(self) -> None:
        self.shut_down()
        shutil.rmtree(self.folder, ignore_errors=True)


def _server_user() -> dict[str, Any]:
    """``subprocess`` arguments that run a program as ``nobody`` when we are root."""
    return {"user": NOBODY, "group": NOBODY, "extra_groups": []} if os.geteuid() == 0 else {}


def start_postgres(bin_dir: Path, timeout: float = 30) -> PostgresServer:
    folder = Path(tempfile.mkdtemp(prefix="ionet-pg-"))
    data, socket_dir = folder / "data", folder / "socket"
    socket_dir.mkdir()
    if os.geteuid() == 0:
        for path in (folder, socket_dir):
            os.chown(path, NOBODY, NOBODY)
    subprocess.run([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres",
                    "--auth=trust", "-E", "UTF8", "--no-sync"],
                   check=True, capture_output=True, cwd=folder, **_server_user())
    server = PostgresServer(folder, bin_dir)
    server.serve(timeout)
    return server
