"""Program sizes and the rent to deploy each through the BPF Upgradeable Loader: the
program account (``UpgradeableLoaderState::Program``, 36 bytes) and the programdata
account (a 45-byte header before the program), at the program's length and at twice it
(room for upgrades, as ``solana program deploy --max-len``), priced by the runtime's
``getMinimumBalanceForRentExemption``."""

from __future__ import annotations

from typing import Any

from ionet.bench.harness import DEPLOY
from ionet.testing import TestCluster

PROGRAM_ACCOUNT_BYTES = 36
PROGRAMDATA_HEADER_BYTES = 45
SIZE_GOAL = 48 * 1024


async def program(cluster: TestCluster, name: str) -> dict[str, Any]:
    size = (DEPLOY / f"{name}.so").stat().st_size

    async def rent(length: int) -> int:
        return (await cluster.client.get_minimum_balance_for_rent_exemption(length)).value

    account = await rent(PROGRAM_ACCOUNT_BYTES)
    data_1x = await rent(PROGRAMDATA_HEADER_BYTES + size)
    data_2x = await rent(PROGRAMDATA_HEADER_BYTES + 2 * size)
    return {"size_bytes": size,
            "rent_lamports": {"program_account": account, "programdata_1x": data_1x,
                              "programdata_2x": data_2x, "deploy_1x": account + data_1x,
                              "deploy_2x": account + data_2x}}
