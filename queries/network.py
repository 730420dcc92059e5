"""The supply network the chain-chief analyses share: segment statuses and the supply links that count.

供需对接 (queries/supply.py), 产业链安全 (queries/risk.py) and 延链 (queries/opportunities.py) read the
same picture: every segment's local status (queries/gaps.py rules), the SUPPLIES links that count under
the review rules (queries/review.py: rejected judgement never; with `confirmed_only`, unreviewed judgement
neither), each with its basis and reason, and which segments a chain covers. It is read once per call,
over the store interface, so both backends give the same answer.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast
from weakref import WeakKeyDictionary

import networkx as nx

from graph.model import PropertyValue, RelType, number_prop, text_prop
from graph.store import LOCAL_NAMES_KEPT, EnterpriseTie, FirmMasks, GraphStore, SegmentAggregate, SegmentProfile
from graph.vocabulary import Basis, Locality, ReviewState, Status
from queries.gaps import local_status
from queries.review import ACCEPTED, Review, is_judged_link, link_key, link_state, reviewed_profiles, reviews
from queries.structure import chain_family

T = TypeVar("T")
PLAN_PRESENT = frozenset({Status.STRONG, Status.COVERED})
"""Statuses that, without any local enterprise recorded, mean the plan itself declares local presence."""
BASIS_WORDS = {
    Basis.PLAN.value: "规划原文",
    Basis.INDUSTRY_STRUCTURE.value: "行业常识判断",
    Basis.TEMPLATE.value: "模板判断",
    Basis.NAME_INFERENCE.value: "名称推断",
}
"""How each basis of a supply link is named in tables: a plan fact or a kind of judgement."""


@dataclass(frozen=True)
class SupplyLink:
    """One counted SUPPLIES link: `start` supplies `end`, on `basis`, for `reason`."""

    start: str
    end: str
    basis: str
    reason: str
    review_state: str

    @property
    def basis_words(self) -> str:
        return BASIS_WORDS.get(self.basis, self.basis or "未注明")


@dataclass
class Network:
    """Segment statuses and counted supply links, keyed by segment id."""

    profiles: dict[str, SegmentProfile]
    statuses: dict[str, Status]
    links: list[SupplyLink]
    upstream: dict[str, list[SupplyLink]] = field(default_factory=dict)
    downstream: dict[str, list[SupplyLink]] = field(default_factory=dict)
    masks: FirmMasks = field(default_factory=FirmMasks)
    _ties: dict[str, list[EnterpriseTie]] = field(default_factory=dict)
    _aggregates: dict[str, SegmentAggregate] | None = None
    _memo: dict[tuple[str, str], Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for link in self.links:
            self.upstream.setdefault(link.end, []).append(link)
            self.downstream.setdefault(link.start, []).append(link)

    def name(self, segment_id: str) -> str:
        return self.profiles[segment_id].name

    def plan_only(self, segment_id: str) -> bool:
        """The plan says the segment is present locally (优势 or 已有基础) but no local enterprise is recorded in it:
        local supply exists by the plan's word, and who supplies it is unknown."""
        return not self.profiles[segment_id].local_enterprises and self.statuses[segment_id] in PLAN_PRESENT

    def local_ties(self, store: GraphStore, segment_ids: Iterable[str]) -> dict[str, list[EnterpriseTie]]:
        """The local enterprises each segment counts (after review), with their properties, for segments with some."""
        wanted = set(segment_ids) - self._ties.keys()
        with_firms = [sid for sid in wanted if self.profiles[sid].local_enterprises]
        read = store.enterprises_in_each(with_firms, Locality.LOCAL)
        for sid in wanted:
            counted = set(self.profiles[sid].local_enterprises)
            self._ties[sid] = [tie for tie in read.get(sid, []) if tie.id in counted]
        return {sid: self._ties[sid] for sid in sorted(set(segment_ids)) if self._ties[sid]}

    def figures(self, store: GraphStore, segment_id: str) -> SegmentAggregate:
        """The segment's local firms (as review counts them) and outside candidates in figures.

        From the store's one aggregate read of every segment; only where review dropped one of the
        segment's ties (or a write from elsewhere came between the two reads) does it read that segment's
        firms and count them again.
        """
        if self._aggregates is None:
            self._aggregates = store.segment_aggregates()
        read = self._aggregates.get(segment_id)
        if read is not None and read.local == len(self.profiles[segment_id].local_enterprises):
            return read
        ties = self.local_ties(store, [segment_id]).get(segment_id, [])
        sizes = [number_prop(tie.properties, "registered_capital_wan") for tie in ties]
        return SegmentAggregate(
            id=segment_id,
            local=len(ties),
            local_names=sorted(tie.name for tie in ties)[:LOCAL_NAMES_KEPT],
            local_capitals=dict(Counter(size for size in sizes if size is not None and size > 0)),
            substitutes=read.substitutes if read is not None else {},
        )

    def memo(self, kind: str, item: str, compute: Callable[[], T]) -> T:
        """A figure an analysis derives from this reading for one segment or chain, computed once (`kind` names it)."""
        key = (kind, item)
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])

    def reach(self, scope: list[str]) -> dict[str, list[str]]:
        """Each scope segment → the scope segments reachable from it over counted links, in id order."""
        supply = self._graph(scope)
        return {sid: sorted(nx.descendants(supply, sid)) for sid in scope}

    def _graph(self, scope: list[str]) -> nx.DiGraph[str]:
        """The counted links among the scope's segments."""
        inside = set(scope)
        supply: nx.DiGraph[str] = nx.DiGraph()
        supply.add_nodes_from(scope)
        supply.add_edges_from((lk.start, lk.end) for lk in self.links if lk.start in inside and lk.end in inside)
        return supply

    def downstream_firms(self, scope: list[str]) -> dict[str, int]:
        """Each scope segment → how many distinct local firms operate in the scope segments downstream of it.

        One pass over the condensed supply graph with a bit per firm: a segment's mask is the OR of its
        successors' own and downstream masks, so no firm set is built per segment.
        """
        supply = self._graph(scope)
        own = self.masks.of({sid: self.profiles[sid].local_enterprises for sid in scope})
        condensed = nx.condensation(supply)
        members = condensed.graph["mapping"]
        below: dict[int, int] = {}
        for component in reversed(list(nx.topological_sort(condensed))):
            mask = 0
            for successor in condensed.successors(component):
                mask |= below[successor]
                for sid in condensed.nodes[successor]["members"]:
                    mask |= own[sid]
            below[component] = mask
        counts = {}
        for sid in scope:
            mask = below[members[sid]]
            for other in condensed.nodes[members[sid]]["members"] - {sid}:  # the rest of a supply cycle is downstream
                mask |= own[other]
            counts[sid] = mask.bit_count()
        return counts

    def in_scope(self, families: Iterable[str] | None) -> list[str]:
        """Segment ids of the chains named (with their sub-chains), or every segment, in id order."""
        if families is None:
            return sorted(self.profiles)
        wanted = set(families)
        return sorted(sid for sid, profile in self.profiles.items() if wanted & set(profile.chains))


_HELD: WeakKeyDictionary[GraphStore, tuple[str, dict[Hashable, Any]]] = WeakKeyDictionary()
_MASKS: WeakKeyDictionary[GraphStore, dict[bool, FirmMasks]] = WeakKeyDictionary()
_SEGMENT_HELD_LOCK = threading.Lock()
HELD_PER_STORE = 512
"""At most this many readings are kept per store and version (a long session asks for many segments)."""


def held(store: GraphStore, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, done once per store version and `key`: the one cache of readings the analyses share.

    `GraphStore.version` changes after every write from any process, so nothing kept here outlives a write.
    """
    version = store.version()
    entry = _HELD.get(store)
    if entry is None or entry[0] != version:
        entry = (version, {})
        _HELD[store] = entry
    known = entry[1]
    if key not in known:
        if len(known) >= HELD_PER_STORE:
            known.clear()
        known[key] = compute()
    return cast(T, known[key])


@dataclass
class _SegmentHeld:
    """Readings kept per store across writes, each with the segments it was read from (`held_for_segments`)."""

    version: str | None = None
    entries: dict[Hashable, tuple[frozenset[str], Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


_SEGMENT_HELD: WeakKeyDictionary[GraphStore, _SegmentHeld] = WeakKeyDictionary()
_CHECKED: ContextVar[set[GraphStore] | None] = ContextVar("chainkg_segments_checked", default=None)
"""The stores `held_for_segments` has asked what changed since the outermost `one_change_check` block began."""


@contextmanager
def one_change_check() -> Iterator[None]:
    """Within the block (or the function it decorates), `held_for_segments` asks each store what changed only at
    its first call: a target list keeps readings at four places, and on Neo4j each question is a round trip.

    The block answers as of that first question: a write landing later in it is seen by the next call, and a
    reading computed after that write is kept at the earlier version, so the next question drops it if the write
    touched its segments. Blocks nest (the outermost one counts); each thread has its own.
    """
    if _CHECKED.get() is not None:
        yield
        return
    token = _CHECKED.set(set())
    try:
        yield
    finally:
        _CHECKED.reset(token)


def held_for_segments(store: GraphStore, key: Hashable, compute: Callable[[], tuple[T, Iterable[str]]]) -> T:
    """The value of `compute()` — which returns it with the segments it was read from — kept until a write
    changes one of those segments' own data or anything wider (`GraphStore.changed_segments`).

    Unlike `held`, a write elsewhere leaves it alone: after a one-firm edit only the readings of that firm's
    segments are read again. Every call asks the store once what changed since the last call (one small read;
    once per `one_change_check` block) and drops the readings it makes stale; a value computed while a write
    landed is returned but not kept.
    """
    with _SEGMENT_HELD_LOCK:
        kept = _SEGMENT_HELD.setdefault(store, _SegmentHeld())
    checked = _CHECKED.get()
    with kept.lock:
        if kept.version is None or checked is None or store not in checked:
            _drop_changed(store, kept)
            if checked is not None:
                checked.add(store)
        now = kept.version
        found = kept.entries.get(key)
    if found is not None:
        return cast(T, found[1])
    value, segments = compute()
    with kept.lock:
        if kept.version == now:
            kept.entries[key] = (frozenset(segments), value)
    return value


def _drop_changed(store: GraphStore, kept: _SegmentHeld) -> None:
    """Bring `kept` to the store's version, dropping the readings the writes since made stale. The first call (with
    nothing kept) asks the same question as later ones, not `version()`: on Neo4j a freshly started server then
    compiles that statement's plan before the first list after a write needs it (2.8 s at load 17)."""
    now, changed = store.changed_segments(kept.version or "")
    if changed is None or len(kept.entries) >= HELD_PER_STORE:
        kept.entries.clear()
    elif changed:
        kept.entries = {k: entry for k, entry in kept.entries.items() if entry[0].isdisjoint(changed)}
    kept.version = now


def supply_network(store: GraphStore, *, confirmed_only: bool = False) -> Network:
    """The network as the review rules allow it: reviewed profiles, their statuses and the links that count.

    Read once per store version (`held`), so the three analyses and repeated page views share one reading,
    as the embedded store shares its segment profiles until the next write; the per-segment figures a
    Network gathers (local firms, aggregates) are kept with it.
    """
    masks = _MASKS.setdefault(store, {}).setdefault(confirmed_only, FirmMasks())
    return held(store, ("supply network", confirmed_only), lambda: _read_network(store, confirmed_only, masks))


@dataclass(frozen=True)
class SuppliedSegment:
    """A segment linked to another by a direct SUPPLIES link (as stored), with the link and the local firms in it."""

    id: str
    name: str
    link: Mapping[str, PropertyValue]
    local: list[EnterpriseTie]
    """Its local enterprises in name order: the buyers (or suppliers) a firm of the other segment deals with."""


def supplied_segments(store: GraphStore, segment_id: str) -> list[SuppliedSegment]:
    """The segments `segment_id` supplies directly, each with its local firms; kept until a write changes one
    of these segments (`held_for_segments`).

    The one reading of "who is downstream of this segment locally": the segment card's downstream list,
    the target list's local buyers and an enterprise card's customers all come from here.
    """
    return held_for_segments(store, ("supplied segments", segment_id), lambda: _linked(store, segment_id, True))


def supplying_segments(store: GraphStore, segment_id: str) -> list[SuppliedSegment]:
    """The segments that supply `segment_id` directly, each with its local firms (an enterprise card's suppliers)."""
    return held_for_segments(store, ("supplying segments", segment_id), lambda: _linked(store, segment_id, False))


def _linked(store: GraphStore, segment_id: str, downstream: bool) -> tuple[list[SuppliedSegment], list[str]]:
    """The linked segments, and the segments they were read from (a supply link's change is wider than them)."""
    if downstream:
        links = store.relationships(RelType.SUPPLIES, start=segment_id)
    else:
        links = store.relationships(RelType.SUPPLIES, end=segment_id)
    others = [link.end if downstream else link.start for link in links]
    names = {node.id: node.name for node in store.subgraph(others).nodes}
    local = store.enterprises_in_each(others, Locality.LOCAL)
    linked = [
        SuppliedSegment(
            id=other,
            name=names.get(other, other),
            link=link.properties,
            local=sorted(local.get(other, []), key=lambda tie: tie.name),
        )
        for other, link in zip(others, links, strict=True)
    ]
    return linked, [segment_id, *others]


def _read_network(store: GraphStore, confirmed_only: bool, masks: FirmMasks) -> Network:
    read = store.segment_profiles()
    profiles = reviewed_profiles(store, read, confirmed_only=confirmed_only)
    kept = {profile.id: profile for profile in profiles}
    ledger = reviews(store)
    rejected = {key for key, review in ledger.items() if review.state == ReviewState.REJECTED}
    accepted = {key for key, review in ledger.items() if review.state in ACCEPTED}
    links = []
    for rel in store.supply_links():  # one read: a round trip per supplying segment costs seconds on a server
        if rel.start not in kept or rel.end not in kept:
            continue
        key, judged = link_key(rel.start, rel.end), is_judged_link(rel)
        if key in rejected or (confirmed_only and judged and key not in accepted):
            continue
        links.append(_link(rel.start, rel.end, rel.properties, ledger))
    # the status rules of queries/gaps.py, without gap severity (its downstream-firm count is done below, by bitmask)
    statuses = {p.id: local_status(p, p.local_enterprises, p.small_enterprises, False) for p in profiles}
    return Network(profiles=kept, statuses=statuses, links=links, masks=masks)


def _link(start: str, end: str, properties: Mapping[str, PropertyValue], ledger: dict[str, Review]) -> SupplyLink:
    """A link as tables show it: a template's link is 模板 judgement whatever basis the template gives it."""
    source = text_prop(properties, "source")
    basis = source if source == Basis.TEMPLATE.value else text_prop(properties, "basis") or source or ""
    reason = text_prop(properties, "reason") or text_prop(properties, "note") or ""
    named = text_prop(properties, "basis_source")
    if named:
        reason = f"{reason}（出处：{named}）"
    return SupplyLink(start, end, basis, reason, link_state(ledger, start, end, basis))


def family_of(store: GraphStore, chain: str | None) -> set[str] | None:
    """The chain's name and its sub-chains' (NotFound for an unknown chain), or None for every chain."""
    return None if chain is None else chain_family(store, chain)


def names_of(items: list[str], limit: int = 10) -> str:
    """A short list for a sentence: the first `limit` names joined, "等 N 个" when there are more."""
    shown = "、".join(items[:limit])
    return f"{shown} 等 {len(items)} 个" if len(items) > limit else shown
