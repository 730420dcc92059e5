"""Everything the product ships → a store, in one atomic write."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from graph.model import GraphData
from graph.store import GraphStore, Progress
from loaders.candidates import build_candidate_graph
from loaders.importing import with_name_keys
from loaders.leads import with_leads
from loaders.matching import with_matches
from loaders.review import with_reviews
from loaders.seed import build_seed_graph
from loaders.status_locality import with_status_localities


def load_all(
    store: GraphStore,
    *,
    reset: bool = False,
    progress: Progress | None = None,
    seed_dir: Path | None = None,
    step: Callable[[str], None] | None = None,
) -> GraphData:
    """Load the plan seed and the candidate pool (matched to segments by keyword); loading twice changes nothing.

    `seed_dir` loads another seed directory (another city's plan, a draft from `chainkg extract`) instead of
    the shipped one; it must carry the plan text its quotes come from (`plan/*.txt`).

    The seed is validated completely before the store is touched. With `reset`, the new data
    replaces everything in one atomic step (use it after editing or removing seed facts: a plain
    load only adds and updates); a crash leaves the old graph or the new one, never an empty store.
    Editors' reviews and investment leads are not seed data: a plain load leaves them alone and a reset
    carries them over; a firm whose lead has 已落地 stays a local enterprise either way. A plain load also keeps
    the 登记状态 rule (loaders/status_locality.py): a plan-named or landed firm an import found deregistered stays
    已关停 (former), and a local firm stored with a dead status by an older chainkg becomes former.
    `step` is told, in Chinese, each stage as it starts (the app's first start shows them).
    """
    say = step or (lambda _: None)
    say("读取规划种子数据")
    seed = build_seed_graph() if seed_dir is None else build_seed_graph(seed_dir, plan_required=True)
    say("把候选企业匹配到环节")
    candidates = with_matches(seed, build_candidate_graph())
    data = GraphData(nodes=seed.nodes + candidates.nodes, relationships=seed.relationships + candidates.relationships)
    data = with_name_keys(data)
    say("写入图谱")
    if reset:
        store.replace_all(with_leads(store, with_reviews(store, data)), progress=progress)
    else:
        store.write(with_status_localities(store, with_leads(store, data)), progress=progress)
    return data
