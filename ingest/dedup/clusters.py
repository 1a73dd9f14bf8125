"""Which copy of a story is the original, and what the other copies are told.

Stored stories whose texts are near-duplicates share a `cluster_id`. Within a cluster the
origin is chosen by evidence, in this order: a page on the own site of a publisher that a
copy credits; a page on a wire service's own site; a page that credits nobody; then the
earliest publication (or fetch) time. Every other copy on another site that has no credit
of its own gets `near-duplicate` evidence naming the origin's URL and the similarity, is
marked syndicated, and takes the origin's publisher. This is re-decided whenever a member
arrives or changes, so a later-arriving original takes its place at the head.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ingest.core.publishers import Registry

NEAR_DUPLICATE = "near-duplicate"


@dataclass(frozen=True, slots=True)
class Member:
    """What the decision needs of one stored record."""

    id: str
    url: str
    site_domain: str
    site_name: str | None
    is_syndicated: bool
    original_publisher: str | None
    evidence: list[dict[str, Any]]
    when: str
    """published_at, else fetched_at: ISO strings compare in time order."""
    order: int
    """Storage order, the last tie-break."""

    @property
    def own_evidence(self) -> list[dict[str, Any]]:
        """What the page itself showed, as opposed to what its cluster told it."""
        return [e for e in self.evidence if e.get("kind") != NEAR_DUPLICATE]


def origin(members: list[Member], registry: Registry) -> Member:
    """The cluster's original, by the order in the module docstring."""
    credited = {e["publisher"] for m in members for e in m.own_evidence if e.get("publisher")}

    def rank(member: Member) -> tuple[int, int, str, int]:
        own = registry.for_host(member.site_domain)
        place = 0 if own and own.name in credited else 1 if own and own.wire else 2
        return place, 1 if member.own_evidence else 0, member.when, member.order

    return min(members, key=rank)


def settle(members: list[Member], similarity: Callable[[str, str], float],
           registry: Registry) -> dict[str, dict[str, Any]]:
    """The changes (record id -> new field values) that make the cluster consistent."""
    head = origin(members, registry)
    changes: dict[str, dict[str, Any]] = {}
    for member in members:
        own = member.own_evidence
        if member is head or member.site_domain == head.site_domain or own:
            if len(own) == len(member.evidence):
                continue
            want: dict[str, Any] = {"syndication_evidence": own}
            if not own:  # was a copy only by its likeness to another: an original again
                pub = registry.for_host(member.site_domain)
                want |= {"is_syndicated": False,
                         "original_publisher": pub.name if pub else member.site_name}
        else:
            note = {"kind": NEAR_DUPLICATE,
                    "text": f"{similarity(member.id, head.id):.2f} similar to {head.url}",
                    "publisher": head.original_publisher}
            want = {"syndication_evidence": [note], "is_syndicated": True,
                    "original_publisher": head.original_publisher}
        current = {"syndication_evidence": member.evidence,
                   "is_syndicated": member.is_syndicated,
                   "original_publisher": member.original_publisher}
        if any(current[k] != v for k, v in want.items()):
            changes[member.id] = want
    return changes
