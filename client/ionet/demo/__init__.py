"""`make demo`: the narrated end-to-end scenario against the embedded local validator.

Modules: :mod:`~ionet.demo.cast` (mints and participants), :mod:`~ionet.demo.scene` (what
the chapters share), :mod:`~ionet.demo.narrator` (printing and sending),
:mod:`~ionet.demo.setup`, :mod:`~ionet.demo.chapters`, :mod:`~ionet.demo.coordinator` and
:mod:`~ionet.demo.slashing` (the chapters), :mod:`~ionet.demo.report` (the closing tables),
:mod:`~ionet.demo.scenario` (their order), ``python -m ionet.demo`` (the command).
"""
