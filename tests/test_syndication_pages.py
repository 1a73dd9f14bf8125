"""Syndication on hand-written pages: every signal in several languages and layouts, and the
look-alikes that must leave a story original (see docs/syndication.md).

Each case names the part of the page it fills (`tests/syndication_pages.Parts`) and what the
record must say: whether the page is a copy, whose story it is, the kinds of evidence, and the
lines that must have left the story text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from ingest.pipeline import process
from tests.syndication_pages import LAYOUTS, STORIES, Parts, ld, make_page


@dataclass
class Case:
    name: str
    language: str
    parts: Parts
    publisher: str | None = None
    kinds: tuple[str, ...] = ()
    gone: tuple[str, ...] = ()
    """Text that must not be in the record's text (credit lines, notices)."""
    layouts: tuple[str, ...] = ("wordpress", "portal")
    kept_lead: bool = True
    """The story's first sentence must stay (not for datelines, which open it)."""
    extra: dict[str, object] = field(default_factory=dict)


def p(text: str, cls: str = "") -> str:
    return f'<p class="{cls}">{text}</p>' if cls else f"<p>{text}</p>"


def credit_line(name: str, language: str, text: str, publisher: str | None, *,
                place: str = "last", kinds: tuple[str, ...] = ("credit-line",),
                layouts: tuple[str, ...] = ("wordpress", "portal")) -> Case:
    parts = {"last": Parts(last=p(text)), "first": Parts(first=p(text)),
             "after": Parts(after=f'<div class="article-source">{text}</div>'),
             "note": Parts(after=f"<p><small>{text}</small></p>"),
             "em": Parts(last=f"<p><em>{text}</em></p>"),
             "meta": Parts(byline=f"by <a href=\"/author/admin/\">admin</a> | {text}"),
             "outside": Parts(outside=f'<div class="post-source">{text}</div>')}[place]
    return Case(f"{name}-{language}-{place}", language, parts, publisher, kinds, (text,),
                layouts)


COPIES = [
    # 1. labelled credit lines, at the end, at the top, in a note, in a credit element
    credit_line("label", "en", "Source: National Public Radio", "NPR"),
    credit_line("label", "en", "News source: Agence France-Presse", "AFP", place="note",
                layouts=("wordpress", "blogger", "portal")),
    credit_line("label", "de", "Quelle: dpa", "dpa", layouts=LAYOUTS),
    credit_line("label", "es", "Fuente: EFE", "EFE", place="after",
                layouts=("blogger", "sections")),
    credit_line("label", "fr", "Source : AFP", "AFP", place="em"),
    credit_line("label", "pt", "Fonte: Agência Brasil", "Agência Brasil"),
    credit_line("label", "ru", "Источник: ТАСС", "TASS", place="first", layouts=("amp", "portal")),
    credit_line("label", "zh", "来源：新华社", "Xinhua"),
    credit_line("label", "ja", "出典：共同通信", "Kyodo News", place="after"),
    credit_line("label", "ko", "출처: 연합뉴스", "Yonhap", place="note"),
    credit_line("label", "ar", "المصدر: رويترز", "Reuters"),
    credit_line("label", "en", "Source: Reuters", "Reuters", place="meta",
                layouts=("wordpress", "portal", "amp", "sections")),
    credit_line("label", "de", "Quelle: AFP", "AFP", place="meta"),
    credit_line("label", "en", "Source: The Associated Press", "Associated Press",
                place="outside", layouts=LAYOUTS),
    credit_line("label", "es", "Fuente: Reuters", "Reuters", place="outside"),
    credit_line("label", "zh", "来源：新华网", "Xinhua", place="outside"),
    # 2. where the story first ran
    credit_line("first-published", "en", "This article originally appeared on The Conversation.",
                "The Conversation", layouts=LAYOUTS),
    credit_line("first-published", "de", "Dieser Artikel erschien zuerst bei ZEIT ONLINE.",
                "Die Zeit", place="em"),
    credit_line("first-published", "es", "Este artículo fue publicado originalmente en El País.",
                "El País"),
    credit_line("first-published", "fr", "Cet article a été publié initialement sur Le Monde.",
                "Le Monde", place="note"),
    credit_line("first-published", "ru", "Эта статья впервые опубликована на Медуза.", "Meduza"),
    credit_line("first-published", "ja", "この記事はNHKで最初に掲載されたものです", "NHK"),
    credit_line("first-published", "en", "This story originally appeared in The Texas "
                "Tribune.", "The Texas Tribune", place="outside", layouts=LAYOUTS),
    credit_line("first-published", "en", "Editor's note: This story was first published by "
                "ProPublica.", "ProPublica", place="first"),
    credit_line("first-published-unknown", "en", "This article was originally published on "
                "Coolimba and has been republished here with permission.", "Coolimba"),
    # 3. a blog feed's footer
    credit_line("feed-footer", "en", "The post City council approves new bus lanes appeared "
                "first on Hindustan Times.", "Hindustan Times", layouts=("wordpress", "blogger")),
    credit_line("feed-footer", "de", "Der Beitrag Stadtrat beschließt neue Busspuren erschien "
                "zuerst auf tagesschau.de.", "tagesschau", layouts=("wordpress", "blogger")),
    credit_line("feed-footer", "es", "La entrada El ayuntamiento aprueba nuevos carriles se "
                "publicó primero en El País.", "El País", layouts=("wordpress", "blogger")),
    credit_line("feed-footer", "pt", "O post Câmara aprova novas faixas apareceu primeiro em "
                "O Globo.", "O Globo", layouts=("wordpress", "blogger")),
    # 4. permission notices
    credit_line("permission", "en", "Republished with permission from Radio Free Asia.", "RFA",
                place="first"),
    credit_line("permission", "de", "Nachdruck mit freundlicher Genehmigung von The "
                "Conversation.", "The Conversation"),
    credit_line("permission", "es", "Republicado con permiso de The Conversation.",
                "The Conversation", place="note"),
    credit_line("permission-unnamed", "en", "Reprinted with permission.", None),
    credit_line("permission-unnamed", "fr", "Reproduit avec l'aimable autorisation.", None),
    credit_line("permission-unnamed", "de", "Nachdruck mit freundlicher Genehmigung.", None),
    # 5. syndicated-feed disclaimers
    credit_line("feed-disclaimer", "en", "(Except for the headline, this story has not been "
                "edited by Valley Courier staff and is published from a syndicated feed.)", None,
                layouts=("portal", "amp")),
    credit_line("feed-disclaimer", "de", "Dieser Artikel wurde automatisch aus einem "
                "Agenturfeed übernommen.", None),
    credit_line("feed-disclaimer", "es", "Este artículo no ha sido editado por el equipo de "
                "Valley Courier y se publica a partir de un cable de agencia.", None,
                layouts=("portal", "sections")),
    # 6. copyright lines naming the original
    credit_line("copyright", "en", "Copyright 2024 NPR. To see more, visit https://www.npr.org.",
                "NPR", layouts=("wordpress", "amp")),
    credit_line("copyright", "en", "© 2024 The Associated Press. All rights reserved.",
                "Associated Press"),
    credit_line("copyright", "de", "© 2024 dpa. Alle Rechte vorbehalten.", "dpa"),
    credit_line("copyright", "ko", "<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>", "Yonhap"),
    credit_line("copyright", "zh", "新华社版权所有", "Xinhua", place="note"),
    # 7. a Creative Commons licence line
    credit_line("creative-commons", "en", "This article is republished from The Conversation "
                "under a Creative Commons license. Read the original article.",
                "The Conversation", layouts=LAYOUTS),
    credit_line("creative-commons", "fr", "Cet article est republié à partir de The "
                "Conversation sous licence Creative Commons. Lire l’article original.",
                "The Conversation"),
    credit_line("creative-commons", "es", "Este artículo es republicado de The Conversation "
                "bajo una licencia Creative Commons.", "The Conversation"),
    # 8. outlets alone, as a paragraph of the story or closing its last paragraph
    credit_line("bare", "en", "— Reuters", "Reuters"),
    credit_line("bare", "de", "(dpa)", "dpa"),
    credit_line("bare", "es", "(EFE)", "EFE", layouts=("amp", "sections")),
    Case("bare-closing-en", "en", Parts(lead_suffix=" (AFP)"), "AFP", ("credit-line",),
         ("(AFP)",)),
    Case("bare-closing-fr", "fr", Parts(lead_suffix=" — AFP"), "AFP", ("credit-line",),
         ("— AFP",)),
    # 9. wire datelines, which stay in the text
    Case("dateline-en", "en", Parts(lead_prefix="WASHINGTON (AP) — "), "Associated Press",
         ("dateline",), kept_lead=False, layouts=LAYOUTS),
    Case("dateline-en-date", "en", Parts(lead_prefix="LONDON, June 4 (Reuters) - "), "Reuters",
         ("dateline",), kept_lead=False),
    Case("dateline-de", "de", Parts(lead_prefix="BERLIN (dpa) - "), "dpa", ("dateline",),
         kept_lead=False),
    Case("dateline-es", "es", Parts(lead_prefix="MADRID, 4 jun (EFE).- "), "EFE",
         ("dateline",), kept_lead=False),
    Case("dateline-ru", "ru", Parts(lead_prefix="МОСКВА, 4 июня. /ТАСС/. "), "TASS",
         ("dateline",), kept_lead=False),
    Case("dateline-ko", "ko", Parts(lead_prefix="(서울=연합뉴스) 김철수 기자 = "), "Yonhap",
         ("dateline",), kept_lead=False),
    Case("dateline-ja", "ja", Parts(lead_prefix="【ワシントン共同】"), "Kyodo News",
         ("dateline",), kept_lead=False),
    Case("dateline-zh", "zh", Parts(lead_prefix="新华社北京6月4日电（记者张三）"), "Xinhua",
         ("dateline",), kept_lead=False),
    Case("dateline-ar", "ar", Parts(lead_prefix="القاهرة (رويترز) - "), "Reuters",
         ("dateline",), kept_lead=False),
    # 10. structured data
    Case("json-ld-isbasedon-en", "en", Parts(head=ld(isBasedOn="https://www.bbc.com/news/"
                                                     "world-12345")), "BBC", ("json-ld",)),
    Case("json-ld-isbasedon-de", "de", Parts(head=ld(isBasedOn={
        "@type": "NewsArticle", "url": "https://www.spiegel.de/politik/a-1.html"})),
        "Der Spiegel", ("json-ld",)),
    Case("json-ld-source-organization-en", "en", Parts(head=ld(sourceOrganization={
        "@type": "NewsMediaOrganization", "name": "Reuters"})), "Reuters", ("json-ld",)),
    Case("json-ld-publisher-ja", "ja", Parts(head=ld(publisher={
        "@type": "Organization", "name": "共同通信"})), "Kyodo News", ("json-ld",)),
    Case("json-ld-copyright-holder-fr", "fr", Parts(head=ld(copyrightHolder={
        "@type": "Organization", "name": "Agence France-Presse"})), "AFP", ("json-ld",)),
    Case("json-ld-author-organisation-es", "es", Parts(head=ld(author={
        "@type": "Organization", "name": "Agencia EFE"})), "EFE", ("json-ld",)),
    Case("meta-original-source-en", "en", Parts(head='<meta name="original-source" content='
                                                '"https://www.npr.org/2024/06/04/bus">'),
         "NPR", ("meta",)),
    Case("meta-syndication-source-fr", "fr", Parts(head='<meta name="syndication-source" '
                                                   'content="https://www.lemonde.fr/a.html">'),
         "Le Monde", ("meta",)),
    Case("meta-dc-source-zh", "zh", Parts(head='<meta name="dc.source" content='
                                          '"http://www.news.cn/2024-06/04/c_1.htm">'),
         "Xinhua", ("meta",)),
    Case("canonical-en", "en", Parts(canonical="https://www.cnbc.com/2024/06/04/bus-lanes.html"),
         "CNBC", ("canonical",), layouts=LAYOUTS),
    Case("canonical-es", "es", Parts(canonical="https://elpais.com/espana/2024-06-04/carril.html"),
         "El País", ("canonical",)),
    Case("canonical-ko", "ko", Parts(canonical="https://www.yna.co.kr/view/AKR20240604"),
         "Yonhap", ("canonical",)),
    # 11. bylines naming an agency or another outlet
    Case("byline-agency-en", "en", Parts(byline="By Jane Doe, Associated Press"),
         "Associated Press", ("byline",)),
    Case("byline-outlet-en", "en", Parts(byline="Jane Doe | Reuters"), "Reuters", ("byline",)),
    Case("byline-agency-only-fr", "fr", Parts(byline="AFP"), "AFP", ("byline",)),
    Case("byline-agency-de", "de", Parts(byline="Von Anna Berg, dpa"), "dpa", ("byline",)),
    Case("byline-reporter-zh", "zh", Parts(byline="新华社记者 张三"), "Xinhua", ("byline",)),
    Case("byline-reporter-ko", "ko", Parts(byline="연합뉴스 김철수 기자"), "Yonhap", ("byline",)),
    Case("byline-pasted-es", "es", Parts(first=p("Por Agencia EFE")), "EFE", ("byline",),
         ("Por Agencia EFE",)),
    # 12. a credit whose link names the original
    Case("credit-link-en", "en", Parts(last=p('<a href="https://www.bbc.com/news/world-12345">'
                                               "Read the original article</a>")),
         "BBC", ("credit-link",), ("Read the original article",)),
    Case("credit-link-de", "de", Parts(after='<p class="origin"><a href="https://www.spiegel.de'
                                             '/politik/a-1.html">Zum Originalartikel</a></p>'),
         "Der Spiegel", ("credit-link",)),
    Case("credit-link-es", "es", Parts(last=p('<a href="https://elpais.com/espana/a.html">Ver '
                                               "artículo original</a>")),
         "El País", ("credit-link",), ("Ver artículo original",)),
]

ORIGINALS = [
    # outlets named in running prose, inside the story and closing it
    Case("prose-en", "en", Parts(middle=p("The mayor told Reuters that the plan was fair, and "
                                          "according to the BBC two other cities are watching."),
                                 last=p("A council spokesperson told NPR on Tuesday that the "
                                        "decision was final."))),
    *[Case(f"prose-{language}", language, Parts(last=p(text))) for language, text in [
        ("de", "Das sagte ein Sprecher der Stadt am Dienstag der dpa."),
        ("es", "Según informó EFE, otras dos ciudades estudian el plan."),
        ("fr", "Selon l'AFP, deux autres villes étudient le projet."),
        ("ru", "Как сообщает ТАСС, еще два города изучают этот план."),
        ("zh", "据新华社报道，另外两座城市也在研究这一计划。"),
        ("ko", "연합뉴스에 따르면 다른 두 도시도 이 계획을 검토하고 있다."),
    ]],
    # photo credits
    Case("photo-credit-en", "en", Parts(figure='<figure><img src="/bus.jpg" alt=""><figcaption>'
                                               "Buses on river road. Photo: Reuters</figcaption>"
                                               "</figure>")),
    Case("photo-credit-de", "de", Parts(figure='<figure><img src="/bus.jpg" alt=""><figcaption>'
                                               "Busse an der Uferstraße. Foto: dpa</figcaption>"
                                               "</figure>")),
    Case("photo-credit-line-fr", "fr", Parts(first='<p><img src="/bus.jpg" alt=""></p>'
                                                   + p("© AFP / Jean Dupont"))),
    Case("photo-image-author-pl", "en", Parts(figure='<div class="article__image-author">PAP/ Jan '
                                                     "Kowalski</div>")),
    # the site itself
    Case("own-copyright-en", "en", Parts(last=p("© 2024 Valley Courier. All rights reserved.")),
         layouts=("portal",), extra={"gone": "© 2024 Valley Courier"}),
    Case("own-organisation-en", "en", Parts(head=ld(publisher={"@type": "Organization",
                                                               "name": "Valley Courier"},
                                                    sourceOrganization={"name": "Valley "
                                                                        "Courier"})),
         layouts=("portal",)),
    Case("own-dc-source-de", "de", Parts(head='<meta name="dc.source" content="VALLEYCOURIER">'),
         layouts=("portal",)),
    Case("own-feed-footer-en", "en", Parts(last=p("The post City council approves new bus lanes "
                                                  "appeared first on Mekong Daily Digest.")),
         layouts=("wordpress",)),
    Case("sister-domain-en", "en", Parts(canonical="https://www.mekongdigest.vn/2024/06/04/"
                                                   "bus-lanes-en/"), layouts=("wordpress",)),
    Case("og-url-agrees-de", "de", Parts(canonical="https://www.ksta.example/story-1",
                                         head='<meta property="og:url" content="https://www.ksta.'
                                              'example/story-1">'), layouts=("portal",)),
    # what is no news outlet
    Case("study-isbasedon-en", "en", Parts(head=ld(isBasedOn="https://doi.org/10.1038/"
                                                             "s41586-024-07000-0"))),
    Case("journal-dc-source-en", "en", Parts(head='<meta name="dc.source" content="Nature 2025 '
                                                  '647:8088">')),
    Case("press-release-en", "en", Parts(last=p("SOURCE Acme Transit Corp"))),
    Case("press-wire-en", "en", Parts(last=p("Source: PR Newswire"))),
    Case("chart-source-en", "en", Parts(middle=p("Source: Bureau of Labor Statistics"))),
    Case("roundup-en", "en", Parts(middle=p("[Engadget]"), last=p("[Wired]"))),
    Case("link-label-unknown-site-de", "de", Parts(last=p('<a href="https://www.randomhouse.'
                                                          'example/buch/1">Quelle</a>'))),
    Case("reference-address-en", "en", Parts(last=p("https://www.ft.com/content/40fae194-381d"))),
    Case("agency-logo-beside-story-de", "de", Parts(figure='<div class="teaser-media"><img '
                                                           'src="/a.jpg" alt=""><small>dpa'
                                                           "</small></div>")),
    Case("mixed-case-initialism-de", "de", Parts(byline="AgE")),
    # help credited, not authorship
    Case("contributed-en", "en", Parts(last=p("Reuters contributed to this report."))),
    Case("inputs-en", "en", Parts(last=p("(With inputs from PTI)"))),
    Case("material-de", "de", Parts(last=p("Mit Material von dpa"))),
    Case("informacion-es", "es", Parts(last=p("Con información de EFE"))),
    Case("site-with-agency-fr", "fr", Parts(byline="Valley Courier avec AFP"),
         layouts=("portal",)),
    # an outlet's own story on its own site
    Case("wire-own-site-en", "en", Parts(lead_prefix="WASHINGTON (AP) — ",
                                         site=("AP News", "apnews.com")), layouts=("portal",)),
    Case("wire-own-site-de", "de", Parts(last=p("Quelle: dpa"), site=("dpa", "dpa.com")),
         layouts=("portal",)),
]


def _params(cases: list[Case]) -> list:
    return [pytest.param(case, layout, id=f"{case.name}-{layout}")
            for case in cases for layout in case.layouts]


def _record(case: Case, layout: str) -> dict:
    return process(make_page(layout, case.language, case.parts)).to_dict()


@pytest.mark.parametrize(("case", "layout"), _params(COPIES))
def test_copy_is_recognised(case: Case, layout: str) -> None:
    record = _record(case, layout)
    assert record["is_syndicated"], record["syndication_evidence"]
    assert record["original_publisher"] == case.publisher
    kinds = {e["kind"] for e in record["syndication_evidence"]}
    assert set(case.kinds) <= kinds, record["syndication_evidence"]
    for text in case.gone:
        assert text not in record["text"]
    _, paragraphs = STORIES[case.language]
    assert paragraphs[-1][:40] in record["text"]
    if case.kept_lead:
        assert paragraphs[0][:40] in record["text"]


@pytest.mark.parametrize(("case", "layout"), _params(ORIGINALS))
def test_original_stays_original(case: Case, layout: str) -> None:
    record = _record(case, layout)
    assert not record["is_syndicated"], record["syndication_evidence"]
    assert record["syndication_evidence"] == []
    _, paragraphs = STORIES[case.language]
    assert paragraphs[0][:40] in record["text"] or case.parts.lead_prefix
    assert paragraphs[-1][:40] in record["text"]
    if "gone" in case.extra:
        assert case.extra["gone"] not in record["text"]
