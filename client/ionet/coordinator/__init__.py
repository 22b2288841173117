"""The coordinator: usage records in, io_escrow settlements out, exactly once.

Run it as ``ionet coordinator run -u URL -k COORDINATOR_KEYPAIR --journal JOURNAL
--spool DIR [--http 127.0.0.1:PORT --auth-token-file FILE] [--until-idle]``:

* ``JOURNAL``: ``sqlite:///PATH`` (``sqlite:////abs/path.db`` for an absolute path; WAL,
  the embedded default) or ``postgresql://...`` (several workers, each with its own
  ``--worker`` name; an escrow is settled by one worker at a time, under a lease that a
  survivor takes over ``--lease-seconds`` after its holder died).
* Records: JSON objects ``{"report_id", "escrow" | "customer" + "job_id", "seconds" |
  "amount", "final"}`` (:mod:`~ionet.coordinator.records`), one per line in
  ``DIR/*.jsonl`` (write ``x.tmp``, then rename; taken files go to ``DIR/done/``,
  malformed ones to ``DIR/rejected/``), or a JSON array posted to ``/v1/usage`` with
  ``Authorization: Bearer TOKEN`` or ``X-Ionet-Signature: sha256=HMAC(TOKEN, body)``.
* ``--until-idle`` exits 0 once the spool is drained and every record is settled (1,
  with the reasons, when some cannot be); otherwise it runs until SIGTERM.
* ``ionet coordinator status`` (``--output json``): backlog per node, transactions in
  flight, failures and why; ``ionet coordinator reconcile``: the outcome of every
  journaled transaction not known yet. ``GET /metrics``: Prometheus metrics.
* The coordinator keypair must be io_escrow's ``coordinator`` and hold SOL for fees
  (and the rent of its lookup tables).

Modules: :mod:`~ionet.coordinator.records` (validation), :mod:`~ionet.coordinator.journal`
(the interface; :mod:`~ionet.coordinator.journal_sqlite`,
:mod:`~ionet.coordinator.journal_postgres`), :mod:`~ionet.coordinator.spool`,
:mod:`~ionet.coordinator.http` (ingestion), :mod:`~ionet.coordinator.planner` (what to
settle), :mod:`~ionet.coordinator.sender` (transactions), :mod:`~ionet.coordinator.lookup`
(address lookup tables), :mod:`~ionet.coordinator.reconcile`,
:mod:`~ionet.coordinator.chain` (JSON-RPC with retries), :mod:`~ionet.coordinator.metrics`,
:mod:`~ionet.coordinator.service` (the loop), :mod:`~ionet.coordinator.bench` (numbers for
``make bench``), :mod:`~ionet.coordinator.faults` (crash injection for the tests).
"""
