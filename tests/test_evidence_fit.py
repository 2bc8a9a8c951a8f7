from __future__ import annotations

import hashlib

from claimgraph.evidence.fit import wice_fit_half


def test_wice_fit_half_follows_the_hash_of_the_id() -> None:
    ids = [f"dev{n:05d}" for n in range(400)]
    fit = [i for i in ids if wice_fit_half(i)]
    # the rule in the judge design: the first 8 hex digits of sha256(id), even = fit half
    assert fit == [i for i in ids if int(hashlib.sha256(i.encode()).hexdigest(), 16) >> 224 & 1 == 0]
    assert 120 < len(fit) < 280  # both halves are substantial


def test_wice_fit_half_does_not_depend_on_order_or_repeats() -> None:
    assert [wice_fit_half(i) for i in ("a", "b", "c")] == [wice_fit_half(i) for i in ("a", "b", "c")]
    assert {wice_fit_half("dev00001") for _ in range(3)} == {wice_fit_half("dev00001")}
