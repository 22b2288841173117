"""The node's TPU over UDP: each datagram is one wire transaction, executed as
``sendTransaction`` with ``skipPreflight`` would (a failure that pays its fee lands). As
on a cluster nothing is answered; clients look for the signature over JSON-RPC. This is
the ``tpu`` address of ``getClusterNodes`` (there is no QUIC TPU, ``tpuQuic`` is null)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from ionet.localnet.validator import TransactionRejected, Validator

PACKET_DATA_SIZE = 1232
log = logging.getLogger("ionet.localnet")


class TpuProtocol(asyncio.DatagramProtocol):
    def __init__(self, validator: Validator, committed: Callable[[], None]) -> None:
        self.validator = validator
        self.committed = committed

    def datagram_received(self, data: bytes, addr: tuple[str | bytes, int]) -> None:
        if len(data) > PACKET_DATA_SIZE:
            return  # the TPU drops what does not fit in a packet
        try:
            tx = self.validator.decode(data)
        except TransactionRejected:
            return  # so does it garbage
        try:
            self.validator.execute(tx, preflight=False)
        except Exception:  # a runtime panic must not stop the node
            log.exception("TPU transaction")
        self.committed()


async def start_tpu(validator: Validator, host: str,
                    committed: Callable[[], None]) -> tuple[asyncio.DatagramTransport, int]:
    """Listen on a free UDP port of ``host``; returns the transport and the port."""
    loop = asyncio.get_running_loop()
    transport, _ = await loop.create_datagram_endpoint(
        lambda: TpuProtocol(validator, committed), local_addr=(host, 0))
    return transport, transport.get_extra_info("sockname")[1]
