"""The coordinator: usage records in, io_escrow settlements out, exactly once.

* :mod:`~ionet.coordinator.records`: the record format and its validation;
* :mod:`~ionet.coordinator.journal` (SQLite: ``journal_sqlite``, PostgreSQL:
  ``journal_postgres``): records, escrow leases, transactions before and after sending;
* :mod:`~ionet.coordinator.spool`, :mod:`~ionet.coordinator.http`: ingestion;
* :mod:`~ionet.coordinator.planner`: what to settle; :mod:`~ionet.coordinator.sender`:
  transactions (with :mod:`~ionet.coordinator.lookup`'s address lookup tables);
* :mod:`~ionet.coordinator.reconcile`: outcomes of journaled transactions after a crash;
* :mod:`~ionet.coordinator.metrics`, :mod:`~ionet.coordinator.service` (the loop),
  :mod:`~ionet.coordinator.bench` (throughput and lag), :mod:`~ionet.coordinator.faults`
  (crash injection for the tests).

The command is ``ionet coordinator run | status | reconcile`` (:mod:`ionet.cli.coordinator`).
"""
