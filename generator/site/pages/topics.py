"""Topics: the list of topics, a page per topic (split by region when large), the comparison."""

from __future__ import annotations

from collections.abc import Iterator

from ...content.model import Topic
from .. import urls
from ..build import Output, Site


def index(site: Site) -> Output:
    c = site.catalog
    return Output(
        urls.TOPICS,
        site.render(
            "topics.html.j2",
            urls.TOPICS,
            regions_by_topic={t: len({m.plan.region.id for m in c.measures_by_topic[t]}) for t in c.topics},
        ),
    )


def pages(site: Site, topic: Topic) -> Iterator[Output]:
    """A topic page; a large topic lists regions on it and each region's measures on a page of its own."""
    c = site.catalog
    src = urls.topic(topic)
    measures = c.measures_by_topic[topic.id]
    by_region = []
    for region in c.regions.values():
        plans = [(p, [m for m in measures if m.plan is p]) for p in c.plans_by_region[region.id]]
        plans = [(p, ms) for p, ms in plans if ms]
        if plans:
            by_region.append((region, plans))
    present = {r.id for r, _ in by_region}
    missing = [r for r in c.regions.values() if r.id not in present]
    split = site.topic_is_split(topic)
    yield Output(
        src,
        site.render(
            "topic.html.j2", src, topic=topic, measures=measures, by_region=by_region, missing=missing, split=split
        ),
    )
    if split:
        for region, plans in by_region:
            sub = urls.topic_region(topic, region)
            yield Output(sub, site.render("topic-region.html.j2", sub, topic=topic, region=region, plans=plans))


def compare(site: Site) -> Output:
    """Topics × regions: how many measures each region has on each topic."""
    c = site.catalog
    matrix = {t: {r: 0 for r in c.regions} for t in c.topics}
    for m in c.measures:
        for t in m.topics:
            matrix[t.id][m.plan.region.id] += 1
    cells = {
        t: {
            r: (urls.topic_region(c.topics[t], c.regions[r]), None)
            if site.topic_is_split(c.topics[t])
            else (urls.topic(c.topics[t]), r)
            for r in c.regions
        }
        for t in c.topics
    }
    return Output(urls.COMPARE, site.render("compare.html.j2", urls.COMPARE, matrix=matrix, cells=cells))
