"""HTTP ingestion, ``POST /v1/usage``: bearer token or HMAC of the body, 202 only once the
records are committed to the journal, 400 with the reason for a malformed batch (nothing
of it stored), duplicates acknowledged and ignored, 507 when the journal's disk is full."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from solders.pubkey import Pubkey

from ionet.coordinator.http import make_app, sign
from ionet.coordinator.journal import Journal, open_journal
from ionet.coordinator.metrics import Metrics
from ionet.escrow import escrow_address

SECRET = b"a-test-secret-of-32-bytes-length"
ESCROW = str(Pubkey.new_unique())


def _escrow_of(customer: Pubkey, job_id: int) -> Pubkey:
    return escrow_address(customer, job_id)


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    return open_journal(f"sqlite:///{tmp_path / 'journal.db'}")


@pytest.fixture
async def client(journal: Journal) -> AsyncIterator[httpx.AsyncClient]:
    app = make_app(journal, Metrics(), SECRET, _escrow_of)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://coordinator") as c:
        yield c


def _body(*records: dict[str, object]) -> bytes:
    return json.dumps(list(records)).encode()


def _record(report_id: str, **fields: object) -> dict[str, object]:
    return {"report_id": report_id, "escrow": ESCROW, "amount": 5, **fields}


def _stored(journal: Journal) -> list[str]:
    return [row[0] for row in journal.rows("SELECT report_id FROM records ORDER BY id")]


async def _post(client: httpx.AsyncClient, body: bytes, **headers: str) -> httpx.Response:
    return await client.post("/v1/usage", content=body, headers=headers)


async def test_bearer_and_hmac_are_accepted_and_nothing_else(client: httpx.AsyncClient,
                                                            journal: Journal) -> None:
    body = _body(_record("a"))
    for headers in ({}, {"authorization": "Bearer wrong-token-wrong-token"},
                    {"authorization": f"Basic {SECRET.decode()}"},
                    {"x-ionet-signature": sign(SECRET, body + b" ")},
                    {"x-ionet-signature": sign(b"another-secret-entirely!", body)}):
        answer = await _post(client, body, **headers)
        assert answer.status_code == 401, headers
        assert "Bearer" in answer.json()["error"]
    assert _stored(journal) == []
    answer = await _post(client, body, authorization=f"Bearer {SECRET.decode()}")
    assert (answer.status_code, answer.json()) == (202, {"accepted": 1, "duplicates": 0})
    signed = _body(_record("b"), {"report_id": "c", "escrow": ESCROW, "seconds": 7})
    answer = await _post(client, signed, **{"x-ionet-signature": sign(SECRET, signed)})
    assert (answer.status_code, answer.json()) == (202, {"accepted": 2, "duplicates": 0})
    assert _stored(journal) == ["a", "b", "c"]


@pytest.mark.parametrize(("records", "reason"), [
    ([_record("ok"), {"report_id": "x", "escrow": ESCROW}], "record 2: give exactly one of"),
    ([_record("ok"), _record("x", seconds=3)], "record 2: give exactly one of"),
    ([_record("ok"), _record("x", amount=-1)], "record 2: amount must be an integer"),
    ([_record("ok"), _record("x", amount=2**63)], "record 2: amount must be an integer"),
    ([_record("ok"), _record("x", amount="5")], "record 2: amount must be an integer"),
    ([_record("ok"), _record("x", escrow="not-a-key")], "record 2: escrow must be a base58"),
    ([_record("ok"), _record("x", final="yes")], "record 2: final must be true or false"),
    ([_record("ok"), _record("x", colour="red")], "record 2: unknown field(s) colour"),
    ([_record("ok"), {"escrow": ESCROW, "amount": 1}], "record 2: report_id must be"),
    ([_record("ok"), {"report_id": "x", "customer": ESCROW, "amount": 1}],
     "record 2: missing escrow"),
    ([_record("ok"), _record("x", customer=ESCROW, job_id=1)], "not both"),
    ([_record("ok"), _record("ok", amount=6)], "given twice with different contents"),
    ([_record("ok"), 7], "record 2: a record is a JSON object"),
])
async def test_a_malformed_batch_is_refused_whole_with_the_reason(
        client: httpx.AsyncClient, journal: Journal, records: list[object],
        reason: str) -> None:
    body = json.dumps(records).encode()
    answer = await _post(client, body, authorization=f"Bearer {SECRET.decode()}")
    assert answer.status_code == 400
    assert reason in answer.json()["error"]
    assert _stored(journal) == []  # not even the good first record


async def test_bad_json_and_json_lines(client: httpx.AsyncClient, journal: Journal) -> None:
    auth = {"authorization": f"Bearer {SECRET.decode()}"}
    for body, reason in ((b"[{", "not valid JSON"), (b"", "no records"),
                         (b'{"report_id": "a", "escrow": "%s", "amount": 1}\n{' %
                          ESCROW.encode(), "line 2: not valid JSON"), (b"\xff", "UTF-8")):
        answer = await _post(client, body, **auth)
        assert answer.status_code == 400 and reason in answer.json()["error"], body
    assert _stored(journal) == []
    lines = b"".join(json.dumps(_record(f"l{i}")).encode() + b"\n" for i in range(3))
    assert (await _post(client, lines, **auth)).status_code == 202
    assert _stored(journal) == ["l0", "l1", "l2"]


async def test_duplicates_are_acknowledged_and_ignored(client: httpx.AsyncClient,
                                                      journal: Journal) -> None:
    auth = {"authorization": f"Bearer {SECRET.decode()}"}
    body = _body(_record("a"), _record("b"))
    assert (await _post(client, body, **auth)).json() == {"accepted": 2, "duplicates": 0}
    again = _body(_record("b"), _record("c"), _record("a"))
    assert (await _post(client, again, **auth)).json() == {"accepted": 1, "duplicates": 2}
    assert _stored(journal) == ["a", "b", "c"]
    # The same job named by customer and job id is the same escrow.
    customer = Pubkey.new_unique()
    by_job = {"report_id": "j", "customer": str(customer), "job_id": 9, "amount": 1}
    assert (await _post(client, _body(by_job), **auth)).status_code == 202
    assert journal.rows("SELECT escrow FROM records WHERE report_id = 'j'") == \
        [(str(escrow_address(customer, 9)),)]


async def test_a_full_disk_refuses_new_records_and_keeps_the_accepted_ones(
        client: httpx.AsyncClient, journal: Journal) -> None:
    auth = {"authorization": f"Bearer {SECRET.decode()}"}
    assert (await _post(client, _body(_record("kept")), **auth)).status_code == 202
    [(pages,)] = journal.rows("PRAGMA page_count")
    journal.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: SQLITE_FULL
    big = _body(*(_record(f"r{i}-{'x' * 100}") for i in range(400)))
    answer = await _post(client, big, **auth)
    assert answer.status_code == 507
    assert "disk is full" in answer.json()["error"]
    assert _stored(journal) == ["kept"]
    journal.execute("PRAGMA max_page_count = 1073741823")
    assert (await _post(client, big, **auth)).json() == {"accepted": 400, "duplicates": 0}
