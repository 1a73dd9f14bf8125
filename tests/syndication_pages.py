"""Hand-written news pages for the syndication tests: short stories in ten languages, five
page layouts that differ the way real sites do, and the places where a page says whose story
it is (a paragraph at the story's edge, a note after it, the byline, the head).

Sites are fictional, under `.example`, unless a case needs an outlet's own domain.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from ingest.page import Page

FETCHED_AT = datetime(2024, 6, 5, 9, 0, tzinfo=UTC)

STORIES: dict[str, tuple[str, list[str]]] = {
    "en": ("City council approves new bus lanes on river road", [
        "The city council voted on Monday evening to build dedicated bus lanes along the whole "
        "length of river road, ending a debate that has lasted almost three years.",
        "Supporters said the lanes would cut journey times for thousands of commuters who "
        "travel between the northern suburbs and the centre every morning.",
        "Shop owners along the road had warned that losing parking spaces would hurt their "
        "business, and the council agreed to add loading bays on side streets.",
        "Construction is expected to start in the autumn and to last about eighteen months, "
        "the transport department said in a statement after the vote.",
    ]),
    "de": ("Stadtrat beschließt neue Busspuren an der Uferstraße", [
        "Der Stadtrat hat am Montagabend beschlossen, entlang der gesamten Uferstraße eigene "
        "Busspuren zu bauen, und damit eine fast dreijährige Debatte beendet.",
        "Befürworter sagten, die Spuren würden die Fahrzeit für Tausende Pendler verkürzen, "
        "die jeden Morgen aus den nördlichen Vororten in die Innenstadt fahren.",
        "Geschäftsleute an der Straße hatten gewarnt, der Wegfall von Parkplätzen schade ihrem "
        "Umsatz, weshalb der Rat Ladezonen in den Seitenstraßen zusagte.",
        "Die Bauarbeiten sollen im Herbst beginnen und etwa achtzehn Monate dauern, teilte das "
        "Verkehrsamt nach der Abstimmung mit.",
    ]),
    "fr": ("Le conseil municipal approuve de nouvelles voies de bus sur le quai", [
        "Le conseil municipal a voté lundi soir la création de voies réservées aux bus sur "
        "toute la longueur du quai, mettant fin à un débat de près de trois ans.",
        "Selon ses partisans, ces voies réduiront le temps de trajet de milliers de personnes "
        "qui relient chaque matin les quartiers nord au centre-ville.",
        "Les commerçants du quai craignaient que la suppression de places de stationnement ne "
        "nuise à leur activité, et le conseil a promis des aires de livraison.",
        "Les travaux doivent commencer à l'automne et durer environ dix-huit mois, a indiqué "
        "le service des transports dans un communiqué publié après le vote.",
    ]),
    "es": ("El ayuntamiento aprueba nuevos carriles bus en la avenida del río", [
        "El pleno del ayuntamiento aprobó el lunes por la noche construir carriles exclusivos "
        "para autobuses a lo largo de toda la avenida del río, tras casi tres años de debate.",
        "Sus defensores afirmaron que los carriles reducirán el tiempo de viaje de miles de "
        "personas que cada mañana van de los barrios del norte al centro.",
        "Los comerciantes de la avenida habían advertido de que perder plazas de aparcamiento "
        "perjudicaría a sus negocios, y el pleno prometió zonas de carga y descarga.",
        "Las obras comenzarán en otoño y durarán unos dieciocho meses, según informó el "
        "departamento de transportes en un comunicado tras la votación.",
    ]),
    "pt": ("Câmara aprova novas faixas de ônibus na avenida do rio", [
        "A câmara municipal aprovou na noite de segunda-feira a construção de faixas exclusivas "
        "para ônibus ao longo de toda a avenida do rio, encerrando um debate de quase três anos.",
        "Os defensores disseram que as faixas vão reduzir o tempo de viagem de milhares de "
        "pessoas que todas as manhãs seguem dos bairros do norte para o centro.",
        "Os comerciantes da avenida tinham alertado que a perda de vagas de estacionamento "
        "prejudicaria os negócios, e a câmara prometeu áreas de carga e descarga.",
        "As obras devem começar no outono e durar cerca de dezoito meses, informou a secretaria "
        "de transportes em nota divulgada após a votação.",
    ]),
    "ru": ("Горсовет одобрил новые автобусные полосы на набережной", [
        "Городской совет в понедельник вечером проголосовал за строительство выделенных "
        "автобусных полос вдоль всей набережной, завершив спор, длившийся почти три года.",
        "Сторонники решения заявили, что полосы сократят время в пути для тысяч людей, которые "
        "каждое утро едут из северных районов в центр города.",
        "Владельцы магазинов на набережной предупреждали, что потеря парковочных мест ударит по "
        "их торговле, и совет пообещал устроить зоны разгрузки в переулках.",
        "Строительство начнется осенью и продлится около полутора лет, сообщил транспортный "
        "департамент в заявлении после голосования.",
    ]),
    "zh": ("市议会批准在滨江路新建公交专用道", [
        "市议会周一晚间投票决定，在滨江路全线修建公交专用道，这场持续了将近三年的争论就此结束。"
        "支持者认为，这一工程将明显改善早高峰的交通状况。",
        "支持者表示，专用道将缩短数千名通勤者的出行时间，他们每天早上从北部郊区前往市中心上班，"
        "目前单程往往需要一个多小时。",
        "沿线商户此前担心停车位减少会影响生意，市议会因此承诺在附近的小街上增设装卸区，"
        "并将在施工期间提供临时停车场。",
        "交通部门在投票后发表声明说，工程预计今年秋季开工，工期大约十八个月，"
        "其间部分路段将实行交通管制。",
    ]),
    "ja": ("市議会、川沿い通りに新たなバス専用レーン設置を承認", [
        "市議会は月曜日の夜、川沿い通りの全区間にバス専用レーンを設ける案を可決し、"
        "三年近く続いた議論に決着をつけた。朝の渋滞が大きく緩和されると期待されている。",
        "賛成派は、北部の郊外から毎朝中心部へ通う数千人の通勤時間が短くなると説明した。"
        "現在は片道一時間以上かかることも珍しくないという。",
        "沿道の商店主らは駐車スペースの減少で売り上げが落ちると懸念していたため、"
        "市議会は周辺の路地に荷さばき場を設けることを約束した。",
        "交通局は採決後の声明で、工事は秋に始まり約一年半続く見通しだと明らかにした。"
        "工事期間中は一部区間で車線規制が行われる。",
    ]),
    "ko": ("시의회, 강변로에 버스 전용차로 신설 승인", [
        "시의회는 월요일 저녁 강변로 전 구간에 버스 전용차로를 설치하는 안을 통과시켜 "
        "3년 가까이 이어진 논쟁을 마무리했다. 아침 출근길 정체가 크게 줄어들 것으로 기대된다.",
        "찬성 측은 전용차로가 매일 아침 북부 교외에서 도심으로 출근하는 수천 명의 이동 시간을 "
        "줄여 줄 것이라고 설명했다. 지금은 편도 한 시간이 넘게 걸리는 경우가 많다.",
        "강변로 상인들은 주차 공간이 줄면 매출이 떨어질 것이라고 우려해 왔으며, 시의회는 인근 "
        "골목에 하역 구역을 마련하겠다고 약속했다.",
        "교통국은 표결 뒤 낸 성명에서 공사가 가을에 시작돼 약 1년 반 동안 진행될 예정이라고 "
        "밝혔다. 공사 기간에는 일부 구간의 차로가 통제된다.",
    ]),
    "ar": ("مجلس المدينة يوافق على مسارات جديدة للحافلات على طريق النهر", [
        "صوت مجلس المدينة مساء الاثنين لصالح إنشاء مسارات مخصصة للحافلات على امتداد طريق النهر "
        "بالكامل، منهيا جدلا استمر قرابة ثلاث سنوات بين السكان والتجار والمسؤولين.",
        "وقال المؤيدون إن المسارات ستقلص مدة الرحلة لآلاف الأشخاص الذين يتنقلون كل صباح من "
        "الضواحي الشمالية إلى وسط المدينة، حيث تستغرق الرحلة حاليا أكثر من ساعة.",
        "وكان أصحاب المتاجر على الطريق قد حذروا من أن فقدان أماكن الوقوف سيضر بتجارتهم، "
        "فوعد المجلس بإنشاء مناطق للتحميل والتفريغ في الشوارع الجانبية.",
        "ومن المتوقع أن تبدأ الأعمال في الخريف وأن تستمر نحو ثمانية عشر شهرا، بحسب بيان "
        "أصدرته إدارة النقل بعد التصويت.",
    ]),
}

SITES: dict[str, tuple[str, str]] = {
    "wordpress": ("Mekong Daily Digest", "mekongdigest.example"),
    "blogger": ("Harbor Town Notes", "harbortownnotes.example"),
    "portal": ("Valley Courier", "valleycourier.example"),
    "amp": ("Metro Pulse Now", "metropulse.example"),
    "sections": ("Lakeshore Ledger", "lakeshoreledger.example"),
}
LAYOUTS = tuple(SITES)


@dataclass
class Parts:
    """What a case puts into a page; every part is HTML."""

    first: str = ""
    """A paragraph before the story's first."""
    last: str = ""
    """A paragraph after the story's last."""
    after: str = ""
    """An element after the story body (a note, a credit element)."""
    byline: str = "by <a href=\"/author/admin/\">admin</a>"
    head: str = ""
    middle: str = ""
    """A paragraph between the story's second and third."""
    lead_prefix: str = ""
    """Text opening the first paragraph (a dateline)."""
    lead_suffix: str = ""
    """Text closing the last paragraph."""
    canonical: str | None = None
    site: tuple[str, str] | None = None
    """(name, domain) in place of the layout's fictional site."""
    figure: str = ""
    """A figure before the story."""
    outside: str = ""
    """An element after the story's container (after </article>), before the sidebar."""


def story_html(language: str, parts: Parts) -> tuple[str, str]:
    """The story's title and its body paragraphs as HTML, with the case's parts in place."""
    title, paragraphs = STORIES[language]
    paragraphs = list(paragraphs)
    paragraphs[0] = parts.lead_prefix + paragraphs[0]
    paragraphs[-1] = paragraphs[-1] + parts.lead_suffix
    body = [f"<p>{html.escape(p)}</p>" for p in paragraphs]
    if parts.middle:
        body.insert(2, parts.middle)
    return title, "\n".join(([parts.first] if parts.first else []) + body
                            + ([parts.last] if parts.last else []))


def _head(language: str, title: str, site: str, url: str, parts: Parts) -> str:
    canonical = parts.canonical or url
    own_url = "" if "og:url" in parts.head else f'<meta property="og:url" content="{url}">'
    return f"""<meta charset="utf-8"><title>{title} - {site}</title>
<meta property="og:site_name" content="{site}"><meta property="og:title" content="{title}">
<meta property="og:type" content="article">{own_url}
<link rel="canonical" href="{canonical}">
<meta property="article:published_time" content="2024-06-04T18:30:00+00:00">{parts.head}"""


def page_html(layout: str, language: str, parts: Parts, url: str) -> str:
    """A whole page in one of the `LAYOUTS`."""
    site, domain = parts.site or SITES[layout]
    title, body = story_html(language, parts)
    head = _head(language, title, site, url, parts)
    footer = f"<footer class=\"site-footer\"><p>© 2024 {site}. All rights reserved.</p></footer>"
    if layout == "wordpress":
        graph = ('{"@context":"https://schema.org","@graph":[{"@type":"WebSite","@id":"https://'
                 f'{domain}/#website","url":"https://{domain}/","name":"{site}"}},'
                 f'{{"@type":"Organization","@id":"https://{domain}/#organization",'
                 f'"name":"{site}","url":"https://{domain}/"}}]}}')
        return f"""<!DOCTYPE html><html lang="{language}"><head>{head}
<script type="application/ld+json" class="yoast-schema-graph">{graph}</script></head>
<body class="single single-post"><header class="site-header"><div class="td-top-bar">
<span class="today-date">Wednesday, June 5, 2024</span></div><a href="/">{site}</a>
<nav class="main-menu"><a href="/world/">World</a> <a href="/business/">Business</a></nav>
</header><div class="td-main-content"><article class="post type-post">
<h1 class="entry-title">{title}</h1>
<div class="td-module-meta-info"><span class="td-post-author-name">{parts.byline}</span>
<span class="td-post-views">0 comment 69 views</span></div>{parts.figure}
<div class="td-post-content entry-content">{body}</div>
<div class="td-post-sharing"><a href="#">Facebook</a> <a href="#">Twitter</a></div>
{parts.after}</article>{parts.outside}
<div class="td-related"><h4>You may also like</h4><ul><li><a href="/other-story/">Harbour ferry
timetable changes from July</a></li></ul></div></div>{footer}</body></html>"""
    if layout == "blogger":
        return f"""<!DOCTYPE html><html lang="{language}"><head>{head}</head>
<body><div class="header-outer"><h1 class="title"><a href="https://{domain}/">{site}</a></h1>
</div><div class="main-inner"><div class="date-outer"><h2 class="date-header">
<span>Tuesday, June 4, 2024</span></h2><div class="post-outer"><div class="post hentry">
<h3 class="post-title entry-title"><a href="{url}" rel="bookmark">{title}</a></h3>
<div class="post-header">{parts.figure}</div>
<div class="post-body entry-content">{body}</div>{parts.after}
<div class="post-footer"><span class="post-author vcard">Posted by {parts.byline}</span>
<span class="post-comment-link"><a href="#comments">No comments</a></span></div></div>
{parts.outside}</div></div></div><div class="sidebar"><h2>Popular Posts</h2><ul><li>
<a href="/p/1">Spring festival returns</a></li></ul></div>{footer}</body></html>"""
    if layout == "portal":
        return f"""<!DOCTYPE html><html lang="{language}"><head>{head}</head>
<body><header class="masthead"><a href="/">{site}</a><nav><a href="/news/">News</a></nav>
</header><main><article class="story"><header class="story-header"><h1>{title}</h1>
<div class="byline">{parts.byline}</div><time datetime="2024-06-04T18:30:00Z">June 4, 2024
</time></header>{parts.figure}<section class="article-body">{body}</section>{parts.after}
</article>{parts.outside}<aside class="sidebar"><h3>Most read</h3><ol><li><a href="/a">Harbour ferry
timetable changes</a></li><li><a href="/b">School term dates</a></li></ol>
<div class="newsletter">Sign up for our newsletter</div></aside></main>{footer}</body></html>"""
    if layout == "amp":
        return f"""<!doctype html><html amp lang="{language}"><head>{head}</head>
<body><header class="amp-header"><a href="/">{site}</a></header><article class="amp-story">
<h1>{title}</h1><p class="amp-byline">{parts.byline}</p>{parts.figure}
{body}{parts.after}</article>{parts.outside}{footer}</body></html>"""
    return f"""<!DOCTYPE html><html lang="{language}"><head>{head}</head>
<body><div id="top"><a href="/">{site}</a></div><div id="content"><section class="content">
<h1 class="headline">{title}</h1><div class="meta"><span class="author">{parts.byline}</span>
</div>{parts.figure}<div class="text">{body}</div>{parts.after}</section>{parts.outside}
<div class="widget-area"><h3>Latest</h3><a href="/c">Council budget vote</a></div></div>
{footer}</body></html>"""


def make_page(layout: str, language: str, parts: Parts) -> Page:
    """The page as fetched from its site."""
    _, domain = parts.site or SITES[layout]
    url = f"https://{domain}/2024/06/04/bus-lanes-{language}/"
    return Page(url=url, body=page_html(layout, language, parts, url).encode("utf-8"),
                fetched_at=FETCHED_AT, headers={"content-type": "text/html; charset=utf-8"})


def ld(**article: object) -> str:
    """A NewsArticle JSON-LD script with the given fields."""
    obj = {"@context": "https://schema.org", "@type": "NewsArticle", **article}
    return f'<script type="application/ld+json">{json.dumps(obj, ensure_ascii=False)}</script>'
