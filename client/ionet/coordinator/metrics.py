"""The coordinator's Prometheus metrics (served at ``/metrics``), one registry per
service so that several services in one process (the tests, the bench) do not clash."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

__all__ = ["Metrics"]

LAG_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.records_in = Counter("ionet_coordinator_records_total",
                                  "Usage records journaled, by source", ["source"], registry=r)
        self.duplicates = Counter("ionet_coordinator_duplicate_records_total",
                                  "Records acknowledged and ignored (report_id seen before)",
                                  ["source"], registry=r)
        self.rejected = Counter("ionet_coordinator_rejected_total",
                                "Batches refused (malformed, unauthenticated, disk full)",
                                ["source", "reason"], registry=r)
        self.settled = Counter("ionet_coordinator_escrows_settled_total",
                               "Escrow settlements that landed", registry=r)
        self.transactions = Counter("ionet_coordinator_transactions_total",
                                    "Settlement transactions by outcome", ["outcome"],
                                    registry=r)
        self.rebroadcasts = Counter("ionet_coordinator_rebroadcasts_total",
                                    "Pending transactions sent again (same signature)",
                                    registry=r)
        self.failures = Counter("ionet_coordinator_failures_total",
                                "Failures by kind", ["kind"], registry=r)
        self.rpc_retries = Counter("ionet_coordinator_rpc_retries_total",
                                   "RPC calls retried after an error or timeout", ["method"],
                                   registry=r)
        self.lag = Histogram("ionet_coordinator_settlement_lag_seconds",
                             "From a record's arrival to its settlement",
                             buckets=LAG_BUCKETS, registry=r)
        self.backlog = Gauge("ionet_coordinator_backlog_records",
                             "Journaled records not settled yet", registry=r)
