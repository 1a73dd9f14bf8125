"""Attribution stage: who wrote the story, whose story it is, and whether this page is a copy.

Evidence of syndication comes from the text (credit lines at the story's edges, in notes beside
it and in credit elements; wire datelines; bylines naming an agency or another outlet) and from
metadata (see `provenance`). Each piece is kept with its kind and its text. Evidence that
points at the site itself (a wire's story on the wire's own site, a sister domain, the site's
own copyright line) or at something that is no news outlet (a journal, a press-release wire) is
no evidence at all. The original publisher is the outlet the strongest evidence names: a credit
line, then the original's address (canonical, `isBasedOn`, `original-source`), then a dateline,
a byline, and the organisations of the JSON-LD.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.attribution.authors import (
    PASTED_WITHIN,
    choose_authors,
    pasted_byline,
    without_printed_byline,
)
from ingest.attribution.credits import (
    BARE_WORDS,
    Credit,
    Line,
    credit_elements,
    notes_after,
    notes_outside,
    outlets,
    read_credit,
    segments,
    trailing_credit,
)
from ingest.attribution.datelines import find_dateline
from ingest.attribution.provenance import metadata_evidence
from ingest.attribution.site_identity import SiteIdentity
from ingest.core.publishers import Registry, host_of
from ingest.core.record import Evidence
from ingest.core.urls import registered_domain
from ingest.core.vocabulary import normalise
from ingest.extract.bylines import Byline, find_byline
from ingest.extract.metadata import PageMeta, ld_names
from ingest.extract.regions import StoryRegion

EDGE = 3
"""How many paragraphs at each end of the story may be a credit line."""
FRAGMENT_WORDS = 12
"""Longest piece of a credit line the extraction may have left as a paragraph of its own."""
DATELINE_WITHIN = 2
"""Paragraphs that may open with a wire dateline (the first may be a standfirst)."""
RANKS = ("credit-line", "canonical", "meta", "dateline", "byline", "json-ld")
"""Evidence kinds, the strongest first: the one that names the original publisher."""


@dataclass(slots=True)
class Attribution:
    """The attribution stage's result."""

    paragraphs: list[str]
    """The story text with credit lines removed."""
    byline: str | None = None
    authors: list[str] = field(default_factory=list)
    original_publisher: str | None = None
    original_url: str | None = None
    is_syndicated: bool = False
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a credit line means on this site."""

    evidence: Evidence | None = None
    original_url: str | None = None
    leaves_text: bool = False
    """A credit, notice or copyright line is no story text, whoever it names."""


def judge(credit: Credit | None, line: Line, site: SiteIdentity, registry: Registry) -> Verdict:
    """Whether a line's credit names another news outlet than the site (evidence), and
    whether the line leaves the story text."""
    if credit is None or credit.cue == "contribution":
        return Verdict()
    link = next((u for u in line.links if not site.owns_url(u)), None)
    linked = registry.for_host(host_of(link)) if link else None
    if linked is not None and (not linked.news or site.is_self(linked)):
        link, linked = None, None
    others = [p for p in credit.publishers if p.news and not site.is_self(p)]
    if others:
        return Verdict(Evidence("credit-line", line.text, others[0].name), link, True)
    if credit.publishers or site.is_self(name=credit.name):
        return Verdict(leaves_text=True)  # the site's own, or no news outlet's
    if credit.cue == "label":
        return Verdict()  # "Source: Bureau of Labor Statistics": no outlet, maybe no credit
    if credit.cue == "link":  # a label alone ("Quelle") says too little of an unknown site
        if linked is None:
            return Verdict()
        return Verdict(Evidence("credit-link", line.text, linked.name), link, True)
    if credit.cue == "phrase" and credit.name:
        name = linked.name if linked else credit.name
        return Verdict(Evidence("credit-line", line.text, name), link, True)
    if credit.cue == "notice":
        return Verdict(Evidence("credit-line", line.text, linked.name if linked else None),
                       link, True)
    return Verdict(leaves_text=credit.cue == "copyright")


def _credit_lines(paragraphs: list[str], beside: list[Line], links: dict[str, tuple[str, ...]],
                  site: SiteIdentity, registry: Registry,
                  ) -> tuple[list[str], list[Evidence], str | None]:
    """The story without its credit lines, the evidence they give and the original's URL.
    Lines at the story's edges may leave the text; lines beside it (notes, credit elements,
    chrome the cleaning stage set aside) only give evidence."""
    edges = set(paragraphs[:EDGE] + paragraphs[-EDGE:])
    lines = [Line(p, links.get(p, ())) for p in paragraphs if p in edges] + beside
    found: list[Evidence] = []
    leaving: set[str] = set()
    original_url = None
    seen: set[str] = set()
    roundup = len(_bare_outlets(paragraphs, registry)) > 1
    for line in lines:
        if line.text in seen:
            continue
        seen.add(line.text)
        credit = read_credit(line.text, registry, bool(line.links),
                             line.place != "note" and not roundup)
        verdict = judge(credit, line, site, registry)
        if verdict.evidence is not None:
            found.append(verdict.evidence)
            original_url = original_url or verdict.original_url
        if verdict.leaves_text:
            leaving.add(line.text)
    # a credit's pieces, where the extraction split its link text from it ("한겨레 에 처음
    # 등장했습니다." of a feed footer read whole from the page)
    leaving |= {p for p in edges if len(p.split()) <= FRAGMENT_WORDS
                and any(p in line and p != line for line in leaving)}
    kept = [p for p in paragraphs if p not in leaving]
    closing = trailing_credit(kept[-1], registry) if kept else None
    if closing is not None:
        verdict = judge(closing[1], Line(closing[1].line, links.get(kept[-1], ())), site,
                        registry)
        if verdict.evidence is not None:
            found.append(verdict.evidence)
            original_url = original_url or verdict.original_url
        if verdict.leaves_text and closing[0]:
            kept[-1] = closing[0]
    return kept, found, original_url


def _bare_outlets(paragraphs: list[str], registry: Registry) -> set[str]:
    """The outlets that paragraphs of their own name anywhere in the story ("[Engadget]",
    "— Reuters"). Two or more are a roundup's credits for what it quotes (a review roundup
    quoting Engadget and Wired), not the story's."""
    found = set()
    for paragraph in paragraphs:
        if len(paragraph.split()) <= BARE_WORDS:
            listed = outlets(normalise(paragraph), registry)  # "[tagesschau.de]" too
            if listed:
                found.add(listed[0].name)
    return found


def _byline_evidence(bylines: list[Byline], site: SiteIdentity) -> list[Evidence]:
    """Agencies and outlets a byline names ("Jane Doe, Associated Press", "Reuters"), unless
    it names the site beside them ("Le Figaro et AFP": the site's story, with agency copy)."""
    return [Evidence("byline", b.text or "", agency.name)
            for b in bylines if not b.own
            for agency in b.agencies if agency.news and not site.is_self(agency)]


def _dateline_evidence(paragraphs: list[str], site: SiteIdentity,
                       registry: Registry) -> list[Evidence]:
    for paragraph in paragraphs[:DATELINE_WITHIN]:
        found = find_dateline(paragraph, registry)
        if found is not None:
            if found.publisher.news and not site.is_self(found.publisher):
                return [Evidence("dateline", found.text, found.publisher.name)]
            return []
    return []


def _original_publisher(evidence: list[Evidence], original_url: str | None,
                        registry: Registry) -> str | None:
    """The outlet the strongest evidence names (see `RANKS`), else the original's address."""
    named = [e for e in evidence if e.publisher]
    if named:
        return min(named, key=lambda e: RANKS.index(e.kind) if e.kind in RANKS else 0).publisher
    if original_url:
        pub = registry.for_host(host_of(original_url))
        return pub.name if pub else registered_domain(original_url)
    return None


def attribute(*, region: StoryRegion, meta: PageMeta, paragraphs: list[str],
              dropped: list[str], url: str, site_name: str | None,
              foreign_canonical: str | None, registry: Registry,
              feed_author: str | None = None, extracted: list[str] | None = None,
              links: dict[str, tuple[str, ...]] | None = None) -> Attribution:
    """Run the attribution stage. `paragraphs` is the cleaned story text and `dropped` what
    the cleaning stage set aside of `extracted` (the text as extracted: a dropped line at its
    edges, such as "(dpa/lno)", is a line of the story); `links` holds the addresses each
    paragraph links to."""
    links = links or {}
    extracted = extracted or paragraphs
    site = SiteIdentity.of_page(url, meta, site_name, registry)
    at_edges = set(extracted[:EDGE] + extracted[-EDGE:])
    notes = (notes_outside(region, paragraphs) + notes_after(region.root)
             + credit_elements(region.root))
    beside = ([Line(d, links.get(d, ()), "text" if d in at_edges else "note") for d in dropped]
              + [part for note in notes for part in segments(note)])
    text, evidence, original_url = _credit_lines(paragraphs, beside, links, site, registry)
    result = Attribution(paragraphs=text, evidence=evidence)

    found = pasted_byline(result.paragraphs, registry, site)
    pasted = found[1] if found else None
    if found:
        result.paragraphs = [p for p in result.paragraphs if p != found[0]]
    byline = find_byline(region, registry, site)
    result.byline = byline.text
    result.paragraphs = without_printed_byline(result.paragraphs, byline)
    result.evidence += _dateline_evidence(result.paragraphs[:PASTED_WITHIN], site, registry)
    result.evidence += _byline_evidence([b for b in (pasted, byline) if b is not None], site)

    meta_evidence, meta_url = metadata_evidence(url, meta, foreign_canonical, site, registry)
    result.evidence += meta_evidence
    result.original_url = original_url or meta_url
    result.is_syndicated = bool(result.evidence)
    if result.is_syndicated:
        result.original_publisher = _original_publisher(result.evidence, result.original_url,
                                                        registry)
    else:
        ld_pub = ld_names((meta.article or {}).get("publisher"))
        result.original_publisher = (site.publisher.name if site.publisher else None) or (
            ld_pub[0] if ld_pub else site_name)
    uploader = (result.is_syndicated and byline.account_link and not byline.agencies
                and len(byline.people) == 1)
    page = region.root.getroottree().getroot()
    result.authors = choose_authors(meta=meta, byline=byline, pasted=pasted, uploader=uploader,
                                    feed_author=feed_author, page=page, registry=registry,
                                    own=site)
    return result
