"""Hand-written test pages for every syndication signal, built from parts: a short news story
in one of eleven languages, one of five site templates, and one signal put where real sites
put it (a credit line at the top or bottom of the story or in a note under it, a dateline, a
byline, the page's head). Nothing here was tuned on: the stories, sites and wordings were
written for this check, not taken from the pages the engine was developed on.

`CASES` holds every (signal, language, layout) page with what the record must say of it:
positive signals make the page a copy of the named outlet's story, negative ones (an outlet
mentioned in a sentence, a photo credit, the site naming itself) leave it the site's own.

Sites are fictional and live under `.example` (a sister domain under `.test`); real domains
appear only where the case needs an outlet's own address (an original's URL, a wire's story on
the wire's own site).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ingest.core.page import Page

FETCHED_AT = datetime(2024, 6, 5, 9, 0, tzinfo=UTC)
HEADERS = {"content-type": "text/html; charset=utf-8"}
PUBLISHED = "2024-06-05T06:30:00+00:00"
MODIFIED = "2024-06-05T07:05:00+00:00"
UNSPACED = ("zh", "ja")
"""Languages whose sentences follow one another with no space between."""


# --- stories --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Story:
    """A short news story: its headline, a slug for its URL, its paragraphs (plain text) and
    the name of the reporter the site's own byline gives."""

    title: str
    slug: str
    paragraphs: tuple[str, ...]
    reporter: str

    @property
    def first_sentence(self) -> str:
        return sentences(self.paragraphs[0])[0]

    @property
    def last_sentence(self) -> str:
        return sentences(self.paragraphs[-1])[-1]


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences (a full stop and a space end one; 。！？ end one in Chinese and
    Japanese)."""
    return [s for s in re.split(r"(?<=[.!?])\s+|(?<=[。！？])", paragraph) if s.strip()]


STORIES: dict[str, Story] = {
    "en": Story(
        "River ferry returns to service after three-month repair",
        "river-ferry-returns-to-service",
        (
            "The river ferry linking the twin towns of Ban Sai and Phon Thong returned to service "
            "on Wednesday morning after a three-month overhaul of its engines and loading ramp. "
            "The first crossing left the east bank shortly after six, carrying commuters, school "
            "pupils and two delivery trucks.",
            "Provincial transport officials said the repairs cost about 1.2 million baht and were "
            "paid from an emergency maintenance fund. The vessel had been withdrawn in March "
            "after inspectors found corrosion on the hull plates beneath the vehicle deck.",
            "During the closure, residents relied on a smaller passenger boat or a 40-kilometre "
            "detour by road through the district capital. Market traders on the west bank said "
            "their sales fell by almost a third while customers from across the river stayed "
            "away.",
            "The operator plans to add an evening crossing from next month and to post a new "
            "timetable on notice boards at both landings. Tickets will remain at 20 baht for foot "
            "passengers and 60 baht for motorcycles.",
            "A permanent bridge between the towns has been proposed several times but has not yet "
            "been included in the national budget. Local councillors said they would raise the "
            "project again when the provincial assembly meets in September.",
        ),
        "Jordan Ellis",
    ),
    "de": Story(
        "Neue Radbrücke über die Lahn soll im Oktober öffnen",
        "neue-radbruecke-lahn-oktober",
        (
            "Die neue Fuß- und Radbrücke über die Lahn zwischen der Innenstadt und dem Ortsteil "
            "Garbenheim soll Ende Oktober freigegeben werden. Das teilte die Stadtverwaltung am "
            "Mittwoch nach einer Sitzung des Bauausschusses mit.",
            "Die Stahlkonstruktion ist rund 85 Meter lang und wurde in den vergangenen Wochen in "
            "drei Teilen eingehoben. Nach Angaben der Bauleitung fehlen noch der Belag, das "
            "Geländer und die Beleuchtung, die wegen Lieferschwierigkeiten später als geplant "
            "eintreffen.",
            "Die Kosten liegen bei etwa 4,3 Millionen Euro, von denen das Land knapp zwei Drittel "
            "aus einem Förderprogramm für den Radverkehr übernimmt. Ursprünglich hatte die Stadt "
            "mit 3,6 Millionen Euro gerechnet.",
            "Bisher müssen Radfahrer einen Umweg von fast zwei Kilometern über die stark befahrene "
            "Bundesstraße nehmen. Der örtliche Fahrradclub begrüßte den Zeitplan, forderte aber "
            "zusätzliche Abstellanlagen an beiden Ufern und eine bessere Anbindung an den Bahnhof.",
            "Während der restlichen Bauarbeiten bleibt der Uferweg auf der Südseite bis "
            "voraussichtlich Mitte September gesperrt. Fußgänger werden über die alte "
            "Eisenbahnbrücke umgeleitet, die Strecke ist an beiden Enden gut sichtbar "
            "ausgeschildert.",
        ),
        "Lena Hartmann",
    ),
    "fr": Story(
        "La médiathèque de Saint-Aubin rouvre après huit mois de travaux",
        "mediatheque-saint-aubin-rouvre",
        (
            "La médiathèque municipale de Saint-Aubin a rouvert ses portes mardi après huit mois "
            "de travaux de rénovation énergétique et d'accessibilité. Les premiers lecteurs ont "
            "découvert un espace entièrement réaménagé, avec une salle d'étude agrandie et un "
            "coin réservé aux adolescents.",
            "Le chantier, d'un montant de 2,1 millions d'euros, a été financé à parts égales par "
            "la commune, le département et l'État. Il comprenait l'isolation de la toiture, le "
            "remplacement des fenêtres et l'installation d'un ascenseur desservant les deux "
            "étages.",
            "Pendant la fermeture, une partie des collections avait été transférée dans une "
            "ancienne école du centre-ville, où le prêt se poursuivait trois après-midi par "
            "semaine. Environ 1 200 abonnés ont continué à fréquenter ce point de prêt "
            "provisoire.",
            "La nouvelle équipe prévoit d'élargir les horaires d'ouverture le samedi et de "
            "proposer des ateliers numériques gratuits pour les personnes âgées à partir de la "
            "rentrée. Les inscriptions seront ouvertes dès le mois de juillet à l'accueil.",
            "La mairie estime que la consommation d'énergie du bâtiment devrait baisser de près de "
            "40 % par rapport aux années précédentes. Un premier bilan sera présenté au conseil "
            "municipal à la fin de l'année.",
        ),
        "Claire Dubois",
    ),
    "es": Story(
        "Valdemoro inaugura una planta para regar sus parques con agua regenerada",
        "valdemoro-planta-agua-regenerada",
        (
            "El Ayuntamiento de Valdemoro inauguró este miércoles una planta de tratamiento que "
            "permitirá reutilizar el agua residual depurada para regar parques y jardines "
            "municipales. La instalación podrá tratar hasta 1.500 metros cúbicos diarios durante "
            "los meses de verano.",
            "El proyecto ha costado 3,4 millones de euros, financiados en parte con fondos "
            "europeos de recuperación. Según el concejal de Medio Ambiente, la planta reducirá en "
            "un 60 % el consumo de agua potable destinado al riego.",
            "Las obras comenzaron hace dieciocho meses y sufrieron un retraso por la falta de "
            "algunos componentes eléctricos. Durante ese tiempo, el municipio mantuvo "
            "restricciones de riego en varias zonas verdes para hacer frente a la sequía.",
            "Los vecinos podrán visitar la planta los sábados por la mañana a partir de julio, "
            "previa inscripción en la web municipal. El ayuntamiento también prepara una campaña "
            "informativa en los colegios sobre el uso responsable del agua.",
            "Otros municipios de la comarca han mostrado interés en el sistema y estudian "
            "proyectos similares para los próximos años. La comunidad autónoma analizará su "
            "funcionamiento antes de ampliar las ayudas a nuevas instalaciones.",
        ),
        "Marta Ruiz",
    ),
    "pt": Story(
        "Novo centro de saúde da Malagueira abre portas em Évora",
        "centro-de-saude-malagueira-evora",
        (
            "O novo centro de saúde do bairro da Malagueira, em Évora, abriu as portas na "
            "segunda-feira e vai servir cerca de 14 mil utentes da zona oeste da cidade. O "
            "edifício substitui as antigas instalações, que funcionavam há mais de trinta anos "
            "num prédio alugado.",
            "A obra custou 3,8 milhões de euros e foi financiada pelo Plano de Recuperação e "
            "Resiliência e pela autarquia. O centro tem doze gabinetes médicos, uma sala de "
            "tratamentos e um espaço dedicado à saúde infantil.",
            "Durante a primeira semana, os serviços vão funcionar em horário alargado para "
            "facilitar a transferência dos processos clínicos. A direção do agrupamento pediu aos "
            "utentes que confirmem os seus contactos na receção.",
            "Os moradores reclamavam há vários anos melhores condições de acesso, sobretudo para "
            "pessoas com mobilidade reduzida. O novo edifício tem estacionamento próprio e uma "
            "paragem de autocarro junto à entrada principal.",
            "A câmara municipal anunciou que o antigo espaço será devolvido ao proprietário até ao "
            "final do verão. Está ainda prevista a construção de uma farmácia comunitária num "
            "terreno vizinho, cujo concurso deverá abrir no outono.",
        ),
        "Rafael Souza",
    ),
    "it": Story(
        "Riapre la funicolare di Città Alta dopo sei mesi di lavori",
        "riapre-funicolare-citta-alta",
        (
            "La funicolare che collega la città bassa a Città Alta è tornata in servizio lunedì "
            "mattina dopo sei mesi di lavori di manutenzione straordinaria. Le prime corse sono "
            "partite alle sette, con numerosi pendolari e alcuni gruppi di turisti in attesa alla "
            "stazione.",
            "L'intervento, costato circa 2,5 milioni di euro, ha riguardato la sostituzione delle "
            "funi, dei freni e dei sistemi di controllo elettronico. Le due vetture sono state "
            "inoltre ridipinte e dotate di nuovi sedili.",
            "Durante la chiusura, l'azienda dei trasporti aveva attivato un servizio di autobus "
            "sostitutivo con partenze ogni dieci minuti. Molti residenti avevano però lamentato "
            "tempi di percorrenza più lunghi nelle ore di punta.",
            "Da luglio la funicolare resterà aperta fino a mezzanotte nel fine settimana, per "
            "accompagnare gli eventi estivi nel centro storico. Il prezzo del biglietto ordinario "
            "rimane invariato a un euro e cinquanta.",
            "Il comune ha annunciato che nel prossimo autunno inizieranno anche i lavori sulla "
            "seconda funicolare, quella che sale verso San Vigilio. Per quel cantiere è prevista "
            "una chiusura di circa quattro mesi.",
        ),
        "Giulia Conti",
    ),
    "ru": Story(
        "В Самаре открыли новый участок набережной",
        "samara-naberezhnaya-otkryli",
        (
            "В Самаре после двух лет реконструкции открыли для горожан пятый участок набережной "
            "Волги. Посетители уже могут пользоваться новыми велодорожками, спортивными "
            "площадками и смотровой террасой у речного вокзала, а по вечерам здесь работает новая "
            "подсветка.",
            "Работы обошлись областному бюджету примерно в 1,4 миллиарда рублей. Подрядчик "
            "укрепил береговую линию, заменил старое освещение, отремонтировал спуски к воде и "
            "высадил более трёхсот деревьев и кустарников вдоль прогулочной зоны.",
            "Во время ремонта часть набережной была закрыта, и жителям приходилось обходить "
            "стройку по соседним улицам. Владельцы летних кафе и лодочных станций жаловались на "
            "заметное снижение числа посетителей в прошлом сезоне.",
            "Городские власти планируют летом проводить на новой площадке концерты, фестивали и "
            "спортивные соревнования для детей и взрослых. Расписание мероприятий опубликуют на "
            "сайте администрации и в городских социальных сетях в конце июня.",
            "Следующий, шестой участок набережной начнут благоустраивать в будущем году, после "
            "завершения работ у речного порта. Проект пока проходит государственную экспертизу, "
            "а точные сроки его завершения и стоимость работ ещё не определены.",
        ),
        "Анна Смирнова",
    ),
    "zh": Story(
        "江城地铁三号线北延段今日开通",
        "metro-line-3-north-extension",
        (
            "江城地铁三号线北延段今天上午正式开通运营，新增五座车站，全长约九公里。"
            "首班列车于早上六点从北湖站发出，不少沿线居民专程赶来体验。",
            "据介绍，北延段工程总投资约四十亿元，历时四年建成。"
            "线路开通后，从北部新区到市中心的通勤时间将由原来的一个多小时缩短至三十分钟左右。",
            "为方便换乘，运营公司在北湖站附近新设了两条公交接驳线路，并增加了自行车停放点。"
            "早晚高峰时段列车间隔将控制在四分钟以内。",
            "部分居民表示，此前上下班需要多次换乘公交，新线路让出行更加便利。"
            "也有乘客建议，进一步延长夜间运营时间，方便晚归的上班族。",
            "市交通部门表示，三号线南延段目前正在建设中，预计明年年底通车。"
            "届时全线将贯通城市南北两端。",
        ),
        "李明",
    ),
    "ja": Story(
        "湖畔市の新図書館が開館　蔵書は旧館の2倍に",
        "new-city-library-opens",
        (
            "湖畔市の新しい市立図書館が5日、駅前の再開発地区に開館した。"
            "初日は開館前から約200人が列を作り、家族連れや学生らが新しい閲覧室や学習スペースを"
            "見て回った。",
            "新図書館は地上4階建てで、蔵書数は旧館の約2倍にあたる40万冊。"
            "建設費は約58億円で、国の補助金と市の基金を充てた。",
            "旧館は築50年を超えて老朽化が進み、エレベーターがないことなどから建て替えを求める"
            "声が上がっていた。市は昨年、旧館の建物を解体し、跡地を公園として整備する方針を"
            "決めた。",
            "館内には子ども向けの読み聞かせコーナーや、録音ができる小さなスタジオも設けられた。"
            "平日は午後9時まで開館し、仕事帰りの利用者にも配慮したという。",
            "市の担当者は「多くの市民に気軽に立ち寄ってもらえる場所にしたい」と話している。"
            "今後は地元の学校と連携した読書イベントも計画している。",
        ),
        "佐藤花子",
    ),
    "ko": Story(
        "한강시, 폐교 활용한 청소년 문화센터 개관",
        "youth-culture-center-opens",
        (
            "한강시가 학생 수 감소로 문을 닫은 초등학교 건물을 고쳐 만든 청소년 문화센터가 5일 "
            "문을 열었다. 개관식에는 지역 주민과 학생 300여 명이 참석해 새로 꾸민 공연장과 "
            "연습실, 녹음실 등을 둘러보며 시설을 직접 체험했다.",
            "센터는 지상 3층 규모로 댄스 연습실과 녹음실, 영상 편집실, 자습 공간, 작은 카페 "
            "등을 갖췄다. 학교 건물의 외벽과 운동장은 최대한 원래 모습을 살렸다. 리모델링에는 "
            "시비와 국비를 합쳐 약 45억 원이 들었으며, 공사는 지난해 봄부터 1년 남짓 "
            "이어졌다.",
            "이 학교는 2019년 폐교된 뒤 수년간 비어 있었고, 한때 건물을 헐고 주차장을 만드는 "
            "방안도 검토됐다. 그러나 주민들은 건물을 철거하는 대신 청소년을 위한 공간으로 "
            "활용해 달라고 시와 교육청에 꾸준히 요청해 왔다.",
            "센터는 평일 오후 10시까지, 주말에는 오후 6시까지 운영되며 모든 프로그램은 무료로 "
            "제공된다. 이용하려면 누리집에서 회원 가입을 하면 된다. 시는 여름방학 기간 음악과 "
            "영상 제작 강좌를 열고, 지역 대학생들이 참여하는 멘토링 프로그램도 운영할 "
            "계획이다.",
            "시 관계자는 비슷한 처지에 놓인 다른 폐교 두 곳에 대해서도 주민 의견을 들어 "
            "도서관이나 돌봄 시설 등으로 활용하는 방안을 검토하고 있다고 밝혔다. 검토 결과와 "
            "구체적인 사업 계획은 올해 말 열리는 주민 설명회에서 공개될 예정이다.",
        ),
        "박지민",
    ),
    "ar": Story(
        "افتتاح محطة لتحلية المياه تخدم مئة ألف نسمة على الساحل الشرقي",
        "desalination-plant-opens",
        (
            "افتتحت السلطات المحلية يوم الأربعاء محطة جديدة لتحلية مياه البحر على الساحل الشرقي، "
            "بطاقة إنتاجية تبلغ خمسين ألف متر مكعب يوميا. وتهدف المحطة إلى تأمين مياه الشرب "
            "لنحو مئة ألف نسمة في المدن والقرى المجاورة.",
            "وبلغت تكلفة المشروع نحو ثلاثين مليون دولار، وتم تمويله من ميزانية الدولة وقرض ميسر "
            "من صندوق تنموي إقليمي. واستغرق بناء المحطة أكثر من عامين بسبب تأخر وصول بعض "
            "المعدات من الخارج.",
            "وكان سكان المنطقة يعانون خلال فصل الصيف من انقطاعات متكررة في المياه، ويعتمدون على "
            "الصهاريج لتلبية احتياجاتهم اليومية. وقال عدد من الأهالي إن أسعار المياه المنقولة "
            "ارتفعت بشكل كبير في السنوات الأخيرة.",
            "وأوضح مدير المشروع أن المحطة تعمل جزئيا بالطاقة الشمسية، مما يخفض استهلاك الكهرباء "
            "بنحو الربع مقارنة بالمحطات التقليدية. وأضاف أن فرق الصيانة ستجري فحوصات دورية لضمان "
            "جودة المياه وسلامة شبكة التوزيع في الأحياء السكنية.",
            "ومن المقرر أن تبدأ المرحلة الثانية من المشروع مطلع العام المقبل، لرفع الطاقة "
            "الإنتاجية إلى الضعف وتوسيع شبكة الأنابيب. وتأمل السلطات أن تنهي المحطة مشكلة نقص "
            "المياه في المنطقة بشكل دائم.",
        ),
        "ليلى حسن",
    ),
}


# --- sites ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Site:
    """A site the pages are on: the name it gives itself (og:site_name) and its domain."""

    name: str
    domain: str
    www: bool = True

    @property
    def home(self) -> str:
        return f"https://{'www.' if self.www else ''}{self.domain}/"


SITES: dict[str, Site] = {
    "en": Site("Mekong Daily Digest", "mekongdigest.example"),
    "de": Site("Rheintal Rundschau", "rheintal-rundschau.example"),
    "fr": Site("Le Courrier du Lac", "courrierdulac.example"),
    "es": Site("Diario del Valle Central", "diariovallecentral.example"),
    "pt": Site("Correio do Planalto", "correiodoplanalto.example", www=False),
    "it": Site("La Voce delle Colline", "vocedellecolline.example"),
    "ru": Site("Волжский вестник", "volzhskyvestnik.example", www=False),
    "zh": Site("江城晨报", "jiangchengchenbao.example"),
    "ja": Site("湖畔タイムズ", "kohantimes.example"),
    "ko": Site("한강일보", "hanganilbo.example"),
    "ar": Site("صحيفة الواحة", "alwaha.example"),
}


@dataclass(frozen=True)
class UI:
    """A template's own words in the site's language."""

    locale: str
    by: str
    posted_by: str
    share: str
    related: str
    most_read: str
    newsletter: tuple[str, str, str]
    rights: str
    home: str
    news: str
    date: str
    teasers: tuple[str, str, str]


UIS: dict[str, UI] = {
    "en": UI("en_US", "by", "Posted by", "Share this:", "Related", "Most read",
             ("Get the morning briefing", "Sign up for our free daily newsletter.", "Sign up"),
             "All rights reserved.", "Home", "News", "June 5, 2024",
             ("Council approves new night market on the riverfront",
              "Rainy season arrives early across the delta",
              "Local school wins regional football cup")),
    "de": UI("de_DE", "von", "Eingestellt von", "Teilen mit:", "Ähnliche Beiträge",
             "Meistgelesen",
             ("Der Morgen-Newsletter", "Melden Sie sich für unseren kostenlosen Newsletter an.",
              "Anmelden"),
             "Alle Rechte vorbehalten.", "Startseite", "Nachrichten", "5. Juni 2024",
             ("Stadtrat beschließt neue Parkgebühren", "Unwetterwarnung für das Wochenende",
              "Freibad öffnet mit neuem Sprungturm")),
    "fr": UI("fr_FR", "par", "Publié par", "Partager :", "Articles similaires", "Les plus lus",
             ("La lettre du matin", "Inscrivez-vous à notre newsletter gratuite.",
              "S'inscrire"),
             "Tous droits réservés.", "Accueil", "Actualités", "5 juin 2024",
             ("Le marché du dimanche change d'emplacement",
              "Alerte orages sur le département ce week-end",
              "Le club de handball monte en Nationale 2")),
    "es": UI("es_ES", "por", "Publicado por", "Compartir:", "Relacionado", "Lo más leído",
             ("El boletín de la mañana", "Suscríbete a nuestro boletín gratuito.",
              "Suscribirse"),
             "Todos los derechos reservados.", "Inicio", "Noticias", "5 de junio de 2024",
             ("El mercado municipal amplía su horario",
              "Aviso amarillo por calor este fin de semana",
              "El equipo juvenil gana el torneo regional")),
    "pt": UI("pt_PT", "por", "Publicado por", "Partilhar:", "Relacionados", "Mais lidas",
             ("A newsletter da manhã", "Subscreva a nossa newsletter gratuita.", "Subscrever"),
             "Todos os direitos reservados.", "Início", "Notícias", "5 de junho de 2024",
             ("Mercado municipal vai ter horário alargado",
              "Aviso amarelo por causa do calor no fim de semana",
              "Equipa de juniores vence torneio regional")),
    "it": UI("it_IT", "di", "Pubblicato da", "Condividi:", "Correlati", "I più letti",
             ("La newsletter del mattino", "Iscriviti alla nostra newsletter gratuita.",
              "Iscriviti"),
             "Tutti i diritti riservati.", "Home", "Notizie", "5 giugno 2024",
             ("Il mercato del sabato cambia piazza", "Allerta meteo gialla per il fine settimana",
              "La squadra giovanile vince il torneo regionale")),
    "ru": UI("ru_RU", "Автор:", "Опубликовал", "Поделиться:", "Похожие записи",
             "Самое читаемое",
             ("Утренняя рассылка", "Подпишитесь на нашу бесплатную рассылку.", "Подписаться"),
             "Все права защищены.", "Главная", "Новости", "5 июня 2024",
             ("В городе откроют новый рынок", "Синоптики обещают жару на выходных",
              "Юношеская команда выиграла областной турнир")),
    "zh": UI("zh_CN", "作者：", "发布者：", "分享：", "相关文章", "热门阅读",
             ("早间简报", "订阅我们的免费新闻简报。", "订阅"),
             "版权所有。", "首页", "新闻", "2024年6月5日",
             ("江城夜市下月起延长营业时间", "本周末全市将迎来强降雨",
              "市青少年足球队夺得省赛冠军")),
    "ja": UI("ja_JP", "投稿者:", "投稿者:", "共有:", "関連記事", "よく読まれている記事",
             ("朝のニュースレター", "無料ニュースレターに登録する。", "登録"),
             "All rights reserved.", "ホーム", "ニュース", "2024年6月5日",
             ("駅前広場で夏祭り、3年ぶり開催へ", "週末は大雨に警戒を",
              "市内の高校が県大会で優勝")),
    "ko": UI("ko_KR", "작성자", "게시자", "공유하기:", "관련 기사", "많이 본 뉴스",
             ("아침 뉴스레터", "무료 뉴스레터를 구독하세요.", "구독"),
             "무단 전재 및 재배포 금지", "홈", "뉴스", "2024년 6월 5일",
             ("한강시, 야시장 운영 시간 연장", "주말 전국에 강한 비 예보",
              "지역 고교 축구부 도 대회 우승")),
    "ar": UI("ar_AR", "بقلم", "نشر بواسطة", "شارك:", "مقالات ذات صلة", "الأكثر قراءة",
             ("النشرة الصباحية", "اشترك في نشرتنا البريدية المجانية.", "اشترك"),
             "جميع الحقوق محفوظة.", "الرئيسية", "أخبار", "5 يونيو 2024",
             ("افتتاح سوق شعبي جديد في وسط المدينة",
              "توقعات بارتفاع درجات الحرارة نهاية الأسبوع",
              "فريق الناشئين يفوز بالبطولة الإقليمية")),
}


# --- layouts --------------------------------------------------------------------------------

LAYOUTS = ("wordpress", "blogger", "portal", "amp", "sections")
JSONLD_LAYOUTS = ("wordpress", "portal", "amp", "sections")
"""Layouts with JSON-LD of their own (the section layout gets a script when a case needs
one); Blogger item pages carry none."""


def page_url(layout: str, site: Site, story: Story) -> str:
    """Where a layout's CMS puts a story."""
    home = site.home
    return {
        "wordpress": f"{home}2024/06/05/{story.slug}/",
        "blogger": f"{home}2024/06/{story.slug}.html",
        "portal": f"{home}news/2024/06/05/{story.slug}-a81234",
        "amp": f"{home}amp/2024/06/05/{story.slug}/",
        "sections": f"{home}artikel/482117-{story.slug}.html",
    }[layout]


def default_canonical(layout: str, url: str) -> str:
    """A page's own canonical: an AMP page's is the full page on the same site."""
    return url.replace("/amp/", "/", 1) if layout == "amp" else url


@dataclass
class Parts:
    """What a layout is filled with."""

    lang: str
    site: Site
    story: Story
    url: str
    canonical: str
    og_url: str | None
    """None: the layout's own habit (its page URL where it writes og:url at all)."""
    head: str
    """Extra markup for <head> (meta tags of the case)."""
    ld: dict[str, Any]
    """Fields of the article's JSON-LD that the case sets (None removes a field)."""
    byline: str | None
    """Markup for the byline area; None: the layout's own byline."""
    body: list[str]
    """The story body's blocks, markup."""
    below: str
    """Markup right after the body."""
    outside: str = ""
    """Markup right after the story's container (after </article>), before any sidebar."""

    @property
    def ui(self) -> UI:
        return UIS[self.lang]

    @property
    def dir(self) -> str:
        return ' dir="rtl"' if self.lang == "ar" else ""

    @property
    def description(self) -> str:
        return esc(self.story.first_sentence)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def ld_script(obj: Any, attrs: str = "") -> str:
    return (f'<script type="application/ld+json"{attrs}>'
            f"{json.dumps(obj, ensure_ascii=False)}</script>")


def article_ld(base: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """The layout's article object with the case's fields set (a None value removes one)."""
    obj = dict(base)
    for key, value in fields.items():
        if value is None:
            obj.pop(key, None)
        else:
            obj[key] = value
    return obj


def links(home: str, titles: tuple[str, ...], tag: str = "li") -> str:
    return "".join(f'<{tag}><a href="{home}2024/06/0{n + 1}/story-{n}/">{esc(t)}</a></{tag}>'
                   for n, t in enumerate(titles))


def wordpress(p: Parts) -> str:
    """A WordPress news theme with Yoast SEO: a JSON-LD graph naming the site's own WebSite
    and Organization, `entry-content`, the "by admin" author archive link, sharing buttons,
    related posts, a widget sidebar and the site footer."""
    ui, site, s, home = p.ui, p.site, p.story, p.site.home
    org = f"{home}#organization"
    article = article_ld({
        "@type": "Article", "@id": f"{p.url}#article", "isPartOf": {"@id": p.url},
        "author": {"name": "admin", "@id": f"{home}#/schema/person/5f2a0c"},
        "headline": s.title, "datePublished": PUBLISHED, "dateModified": MODIFIED,
        "mainEntityOfPage": {"@id": p.url}, "wordCount": 212,
        "publisher": {"@id": org}, "articleSection": [ui.news],
        "inLanguage": ui.locale.replace("_", "-")}, p.ld)
    graph = {"@context": "https://schema.org", "@graph": [
        article,
        {"@type": "WebPage", "@id": p.url, "url": p.url, "name": f"{s.title} - {site.name}",
         "isPartOf": {"@id": f"{home}#website"}, "datePublished": PUBLISHED,
         "breadcrumb": {"@id": f"{p.url}#breadcrumb"}},
        {"@type": "BreadcrumbList", "@id": f"{p.url}#breadcrumb", "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": ui.home, "item": home},
            {"@type": "ListItem", "position": 2, "name": s.title}]},
        {"@type": "WebSite", "@id": f"{home}#website", "url": home, "name": site.name,
         "publisher": {"@id": org}, "inLanguage": ui.locale.replace("_", "-")},
        {"@type": "Organization", "@id": org, "name": site.name, "url": home,
         "logo": {"@type": "ImageObject", "url": f"{home}wp-content/uploads/logo.png"}},
        {"@type": "Person", "@id": f"{home}#/schema/person/5f2a0c", "name": "admin",
         "url": f"{home}author/admin/"},
    ]}
    byline = p.byline if p.byline is not None else (
        f'{ui.by} <span class="author vcard"><a class="url fn n" '
        f'href="{home}author/admin/">admin</a></span>')
    body = "\n".join(p.body)
    return f"""<!DOCTYPE html>
<html lang="{ui.locale.replace('_', '-')}"{p.dir}>
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(s.title)} &#8211; {esc(site.name)}</title>
<meta name="robots" content="index, follow, max-image-preview:large">
<link rel="canonical" href="{p.canonical}">
<meta property="og:locale" content="{ui.locale}">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(s.title)}">
<meta property="og:description" content="{p.description}">
<meta property="og:url" content="{p.og_url or p.url}">
<meta property="og:site_name" content="{esc(site.name)}">
<meta property="article:published_time" content="{PUBLISHED}">
<meta property="article:modified_time" content="{MODIFIED}">
<meta name="author" content="admin">
<meta name="twitter:card" content="summary_large_image">
{ld_script(graph, ' class="yoast-schema-graph"')}
{p.head}
<link rel="stylesheet" href="{home}wp-content/themes/newsphere/style.css" media="all">
</head>
<body class="post-template-default single single-post postid-4821 single-format-standard">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="{home}" rel="home">{esc(site.name)}</a>
</p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
<li><a href="{home}">{ui.home}</a></li><li><a href="{home}category/news/">{ui.news}</a></li>
</ul></nav>
</header>
<div id="content" class="site-content"><div id="primary" class="content-area">
<main id="main" class="site-main">
<article id="post-4821" class="post-4821 post type-post status-publish format-standard hentry">
<header class="entry-header">
<h1 class="entry-title">{esc(s.title)}</h1>
<div class="entry-meta"><span class="posted-on"><a href="{p.url}" rel="bookmark"><time
 class="entry-date published" datetime="{PUBLISHED}">{ui.date}</time></a></span>
<span class="byline"> {byline}</span></div>
</header>
<div class="entry-content">
{body}
</div>
{p.below}
<div class="sharedaddy sd-sharing-enabled"><div class="sd-block sd-social sd-sharing">
<h3 class="sd-title">{ui.share}</h3><div class="sd-content"><ul>
<li class="share-facebook"><a class="share-facebook sd-button" href="{p.url}?share=facebook"
 rel="nofollow noopener noreferrer" target="_blank"><span>Facebook</span></a></li>
<li class="share-twitter"><a class="share-twitter sd-button" href="{p.url}?share=twitter"
 rel="nofollow noopener noreferrer" target="_blank"><span>X</span></a></li>
<li class="share-email"><a class="share-email sd-button" href="mailto:?subject=story"
 rel="nofollow"><span>Email</span></a></li>
</ul></div></div></div>
<footer class="entry-footer"><span class="cat-links"><a href="{home}category/news/"
 rel="category tag">{ui.news}</a></span></footer>
</article>
{p.outside}
<div id="jp-relatedposts" class="jp-relatedposts">
<h3 class="jp-relatedposts-headline"><em>{ui.related}</em></h3>
<div class="jp-relatedposts-items">{links(home, ui.teasers, "p")}</div></div>
<nav class="navigation post-navigation"><div class="nav-links"><div class="nav-previous">
<a href="{home}2024/06/04/previous-story/" rel="prev">{esc(ui.teasers[0])}</a></div></div></nav>
</main></div>
<aside id="secondary" class="widget-area"><section id="recent-posts-2"
 class="widget widget_recent_entries"><h2 class="widget-title">{ui.most_read}</h2>
<ul>{links(home, ui.teasers)}</ul></section></aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">© 2024 {esc(site.name)}.
 {ui.rights}</div></footer>
</div>
</body>
</html>
"""


def blogger(p: Parts) -> str:
    """A classic Blogger theme: the blog's name as the masthead <h1>, the post title an <h3>,
    `post-body`, "Posted by" in the post footer, share buttons, a Popular Posts widget. No
    og:site_name and no JSON-LD (unless the case adds some)."""
    ui, site, s, home = p.ui, p.site, p.story, p.site.home
    extra = ld_script(article_ld({"@context": "https://schema.org", "@type": "BlogPosting",
                                  "headline": s.title, "datePublished": PUBLISHED}, p.ld)
                      ) if p.ld else ""
    byline = p.byline if p.byline is not None else (
        f'{ui.posted_by} <span class="fn" itemprop="author" itemscope '
        f'itemtype="http://schema.org/Person"><a class="g-profile" '
        f'href="https://www.blogger.com/profile/04512345678901234567" rel="author" '
        f'title="author profile"><span itemprop="name">{esc(s.reporter)}</span></a></span>')
    body = "\n".join(p.body)
    return f"""<!DOCTYPE html>
<html class="v2" dir="{'rtl' if p.lang == 'ar' else 'ltr'}" lang="{p.lang}">
<head>
<meta content="width=1100" name="viewport">
<meta content="text/html; charset=UTF-8" http-equiv="Content-Type">
<meta content="blogger" name="generator">
<link href="{home}favicon.ico" rel="icon" type="image/x-icon">
<link href="{p.canonical}" rel="canonical">
<link rel="alternate" type="application/atom+xml" title="{esc(site.name)} - Atom"
 href="{home}feeds/posts/default">
<meta content="{p.og_url or p.url}" property="og:url">
<meta content="{esc(s.title)}" property="og:title">
<meta content="{p.description}" property="og:description">
<title>{esc(site.name)}: {esc(s.title)}</title>
{extra}
{p.head}
</head>
<body class="loading variant-simplysimple">
<div class="content"><div class="content-outer"><div class="content-inner">
<header><div class="header-outer"><div class="section" id="header">
<div class="widget Header" data-version="1" id="Header1"><div id="header-inner">
<div class="titlewrapper"><h1 class="title"><a href="{home}">{esc(site.name)}</a></h1></div>
</div></div></div></div></header>
<div class="tabs-outer"><div class="section" id="crosscol"><div class="widget PageList"
 id="PageList1"><ul><li class="selected"><a href="{home}">{ui.home}</a></li>
<li><a href="{home}p/about.html">About</a></li></ul></div></div></div>
<div class="main-outer"><div class="main-inner columns-fancy"><div class="columns-inner">
<div class="column-center-outer"><div class="column-center-inner">
<div class="main section" id="main"><div class="widget Blog" data-version="1" id="Blog1">
<div class="blog-posts hfeed">
<div class="date-outer"><h2 class="date-header"><span>{ui.date}</span></h2>
<div class="date-posts"><div class="post-outer">
<div class="post hentry uncustomized-post-template" itemprop="blogPost" itemscope
 itemtype="http://schema.org/BlogPosting">
<a name="8123456789012345678"></a>
<h3 class="post-title entry-title" itemprop="name">{esc(s.title)}</h3>
<meta content="{PUBLISHED}" itemprop="datePublished">
<div class="post-header"><div class="post-header-line-1"></div></div>
<div class="post-body entry-content" id="post-body-8123456789012345678"
 itemprop="description articleBody">
{body}
<div style="clear: both;"></div>
</div>
{p.below}
<div class="post-footer"><div class="post-footer-line post-footer-line-1">
<span class="post-author vcard">{byline}</span>
<span class="post-timestamp">at <meta content="{p.url}" itemprop="url"><a
 class="timestamp-link" href="{p.url}" rel="bookmark" title="permanent link"><abbr
 class="published" itemprop="datePublished" title="2024-06-05T08:30:00+02:00">8:30 AM</abbr>
</a></span></div>
<div class="post-footer-line post-footer-line-2"><span class="post-labels">Labels:
 <a href="{home}search/label/News" rel="tag">{ui.news}</a></span></div>
<div class="post-share-buttons goog-inline-block">
<a class="goog-inline-block share-button sb-email" href="https://www.blogger.com/share-post.g?blogID=1&amp;postID=2&amp;target=email"
 target="_blank" title="Email This"><span class="share-button-link-text">Email This</span></a>
<a class="goog-inline-block share-button sb-blog" href="https://www.blogger.com/share-post.g?blogID=1&amp;postID=2&amp;target=blog"
 target="_blank" title="BlogThis!"><span class="share-button-link-text">BlogThis!</span></a>
<a class="goog-inline-block share-button sb-facebook" href="https://www.blogger.com/share-post.g?blogID=1&amp;postID=2&amp;target=facebook"
 target="_blank" title="Share to Facebook"><span class="share-button-link-text">Share to
 Facebook</span></a></div>
</div></div>
{p.outside}
<div class="comments" id="comments"><h4>No comments:</h4></div>
</div></div></div>
</div>
<div class="blog-pager" id="blog-pager"><a class="blog-pager-older-link"
 href="{home}2024/06/older-post.html">Older Post</a> <a class="home-link"
 href="{home}">{ui.home}</a></div>
</div></div></div></div>
<div class="column-right-outer"><div class="column-right-inner"><aside>
<div class="sidebar section" id="sidebar-right-1">
<div class="widget PopularPosts" data-version="1" id="PopularPosts1"><h2>{ui.most_read}</h2>
<div class="widget-content popular-posts"><ul>{links(home, ui.teasers)}</ul></div></div>
<div class="widget BlogArchive" id="BlogArchive1"><h2>Blog Archive</h2><ul><li><a
 href="{home}2024/06/">June 2024</a> (14)</li></ul></div>
</div></aside></div></div>
</div></div></div>
<footer><div class="footer-outer"><div class="section" id="footer-1"><div
 class="widget Attribution" id="Attribution1"><div class="widget-content">Powered by <a
 href="https://www.blogger.com">Blogger</a>.</div></div></div></div></footer>
</div></div></div>
</body>
</html>
"""


def portal(p: Parts) -> str:
    """A news portal: <article> with a <header> holding the h1 and the `.byline`,
    `.article-body`, a "Most read" sidebar and a newsletter box, NewsArticle JSON-LD naming
    the site as publisher."""
    ui, site, s, home = p.ui, p.site, p.story, p.site.home
    article = article_ld({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": s.title,
        "datePublished": PUBLISHED, "dateModified": MODIFIED,
        "mainEntityOfPage": {"@type": "WebPage", "@id": p.url},
        "image": [f"{home}media/2024/06/lead-1200.jpg"],
        "author": [{"@type": "Person", "name": s.reporter,
                    "url": f"{home}authors/reporter-17/"}],
        "publisher": {"@type": "NewsMediaOrganization", "name": site.name, "url": home,
                      "logo": {"@type": "ImageObject", "url": f"{home}img/logo.png"}}}, p.ld)
    byline = p.byline if p.byline is not None else (
        f'<span class="byline__author">{ui.by.capitalize()} <a href="{home}authors/reporter-17/"'
        f' rel="author">{esc(s.reporter)}</a></span>')
    body = "\n".join(p.body)
    newsletter = ui.newsletter
    return f"""<!doctype html>
<html lang="{p.lang}"{p.dir}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(s.title)} | {esc(site.name)}</title>
<meta name="description" content="{p.description}">
<link rel="canonical" href="{p.canonical}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{esc(site.name)}">
<meta property="og:title" content="{esc(s.title)}">
<meta property="og:url" content="{p.og_url or p.url}">
<meta property="og:image" content="{home}media/2024/06/lead-1200.jpg">
<meta property="article:published_time" content="{PUBLISHED}">
<meta name="twitter:card" content="summary_large_image">
{ld_script(article)}
{p.head}
</head>
<body class="article-page">
<header class="site-header"><a class="site-header__logo" href="{home}">{esc(site.name)}</a>
<nav class="site-nav"><a href="{home}">{ui.home}</a> <a href="{home}news/">{ui.news}</a>
<a href="{home}region/">Region</a> <a href="{home}sport/">Sport</a></nav>
<button class="site-header__subscribe">{newsletter[2]}</button></header>
<main class="layout">
<nav class="breadcrumb"><a href="{home}">{ui.home}</a> › <a href="{home}news/">{ui.news}</a>
</nav>
<article class="story">
<header class="story__header">
<h1 class="story__title">{esc(s.title)}</h1>
<div class="byline">{byline}</div>
<time class="story__date" datetime="{PUBLISHED}">{ui.date}</time>
</header>
<figure class="story__lead-image"><img src="{home}media/2024/06/lead-800.jpg" alt=""
 width="800" height="450"></figure>
<div class="article-body">
{body}
</div>
{p.below}
<div class="story__tags"><a href="{home}tag/region/">Region</a></div>
<div class="share-bar"><a href="https://www.facebook.com/sharer.php?u={p.url}">Facebook</a>
<a href="https://x.com/intent/tweet?url={p.url}">X</a></div>
</article>
{p.outside}
<aside class="sidebar">
<section class="most-read"><h2>{ui.most_read}</h2><ol>{links(home, ui.teasers)}</ol></section>
<section class="newsletter-box"><h3>{newsletter[0]}</h3><p>{newsletter[1]}</p>
<form action="{home}newsletter/"><input type="email" name="email"><button>{newsletter[2]}
</button></form></section>
</aside>
</main>
<footer class="site-footer"><p>© 2024 {esc(site.name)}</p><nav><a href="{home}about/">About</a>
<a href="{home}contact/">Contact</a></nav></footer>
</body>
</html>
"""


def amp(p: Parts) -> str:
    """An AMP page: the boilerplate, a canonical to the full page, minimal NewsArticle JSON-LD,
    <article> with an h1, a byline line and the paragraphs. No OpenGraph tags (an og:url only
    when the case sets one)."""
    ui, site, s, home = p.ui, p.site, p.story, p.site.home
    article = article_ld({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": s.title,
        "datePublished": PUBLISHED, "author": {"@type": "Person", "name": s.reporter},
        "publisher": {"@type": "Organization", "name": site.name,
                      "logo": {"@type": "ImageObject", "url": f"{home}img/amp-logo.png"}},
        "image": f"{home}media/2024/06/lead-1200.jpg"}, p.ld)
    byline = p.byline if p.byline is not None else (
        f"{ui.by.capitalize()} {esc(s.reporter)}")
    og = f'<meta property="og:url" content="{p.og_url}">' if p.og_url else ""
    body = "\n".join(p.body)
    return f"""<!doctype html>
<html ⚡ lang="{p.lang}"{p.dir}>
<head>
<meta charset="utf-8">
<script async src="https://cdn.ampproject.org/v0.js"></script>
<title>{esc(s.title)}</title>
<link rel="canonical" href="{p.canonical}">
<meta name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1">
{og}
{ld_script(article)}
{p.head}
<style amp-boilerplate>body{{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both}}
</style>
<style amp-custom>body{{font-family:Georgia,serif}}.amp-header{{padding:8px}}</style>
</head>
<body>
<header class="amp-header"><a href="{home}">{esc(site.name)}</a></header>
<article class="amp-article">
<header class="amp-article-header"><h1 class="amp-title">{esc(s.title)}</h1>
<div class="amp-byline">{byline}</div>
<time class="amp-date" datetime="{PUBLISHED}">{ui.date}</time></header>
<amp-img src="{home}media/2024/06/lead-1200.jpg" width="1200" height="675" layout="responsive"
 alt=""></amp-img>
<div class="amp-article-content">
{body}
</div>
{p.below}
</article>
{p.outside}
<footer class="amp-footer"><p>© 2024 {esc(site.name)}</p></footer>
</body>
</html>
"""


def sections(p: Parts) -> str:
    """A home-made CMS: no <article>, the story a run of <div>s inside <section class="text">,
    the byline in `.meta .author`, OpenGraph tags, JSON-LD only when the case adds some."""
    ui, site, s, home = p.ui, p.site, p.story, p.site.home
    extra = ld_script(article_ld({"@context": "https://schema.org", "@type": "NewsArticle",
                                  "headline": s.title, "datePublished": PUBLISHED}, p.ld)
                      ) if p.ld else ""
    byline = p.byline if p.byline is not None else esc(s.reporter)
    body = "\n".join(p.body)
    return f"""<!DOCTYPE html>
<html lang="{p.lang}"{p.dir}>
<head>
<meta charset="utf-8">
<title>{esc(site.name)} | {esc(s.title)}</title>
<meta name="description" content="{p.description}">
<meta property="og:site_name" content="{esc(site.name)}">
<meta property="og:title" content="{esc(s.title)}">
<meta property="og:type" content="article">
<meta property="og:url" content="{p.og_url or p.url}">
<link rel="canonical" href="{p.canonical}">
{extra}
{p.head}
</head>
<body>
<div id="wrapper">
<div class="topbar"><span class="today">{ui.date}</span> <a href="{home}login">Login</a></div>
<div class="logo"><a href="{home}"><img src="{home}img/logo.png" alt="{esc(site.name)}"></a></div>
<div class="menu"><a href="{home}">{ui.home}</a> <a href="{home}region/">Region</a>
<a href="{home}sport/">Sport</a></div>
<div class="container">
<section class="content-main">
<div class="kicker">{ui.news}</div>
<h1 class="headline">{esc(s.title)}</h1>
<div class="meta"><span class="author">{byline}</span> <time class="date"
 datetime="2024-06-05T08:30:00+02:00">05.06.2024 08:30</time>
</div>
<section class="text">
{body}
</section>
{p.below}
<div class="share"><a href="https://www.facebook.com/sharer.php?u={p.url}">Facebook</a>
<a href="https://x.com/intent/tweet?url={p.url}">X</a></div>
</section>
{p.outside}
<section class="more-news"><h2>{ui.most_read}</h2><ul>{links(home, ui.teasers)}</ul></section>
</div>
<div class="footer"><a href="{home}impressum">Impressum</a> · <a href="{home}kontakt">Kontakt</a>
</div>
</div>
</body>
</html>
"""


RENDER = {"wordpress": wordpress, "blogger": blogger, "portal": portal, "amp": amp,
          "sections": sections}
BLOCK_TAG = {"sections": "div"}
"""The element a layout's paragraphs are (<p> unless named)."""
PLACES = {
    "outside": '<div class="post-source">{}</div>',
    "em": "<p><em>{}</em></p>",
    "source": '<p class="source">{}</p>',
    "article-source": '<div class="article-source">{}</div>',
    "small": "<small>{}</small>",
}
"""Places right after the story body where templates set a credit ("outside": after the
story's container); "first" and "last" are paragraphs of the body."""


# --- outlets the signals name ---------------------------------------------------------------

@dataclass(frozen=True)
class Outlet:
    """An outlet of the registry: its canonical name, how a page in the language writes it,
    and the address of one of its stories."""

    name: str
    written: str
    url: str

    @property
    def home(self) -> str:
        return re.sub(r"^(https://[^/]+/).*$", r"\1", self.url)


ORIGINALS: dict[str, Outlet] = {
    "en": Outlet("BBC", "BBC News", "https://www.bbc.com/news/articles/c9x2v4p7w1jo"),
    "de": Outlet("tagesschau", "tagesschau.de",
                 "https://www.tagesschau.de/inland/regional/hessen/lahnbruecke-100.html"),
    "fr": Outlet("Le Monde", "Le Monde", "https://www.lemonde.fr/societe/article/2024/06/05/"
                 "mediatheque-saint-aubin_6237712_3224.html"),
    "es": Outlet("El País", "EL PAÍS",
                 "https://elpais.com/espana/madrid/2024-06-05/agua-regenerada-riego.html"),
    "pt": Outlet("Observador.pt", "Observador",
                 "https://observador.pt/2024/06/05/centro-de-saude-da-malagueira-abre/"),
    "it": Outlet("Il Post", "Il Post", "https://www.ilpost.it/2024/06/05/funicolare-citta-alta/"),
    "ru": Outlet("Meduza", "Медуза", "https://meduza.io/news/2024/06/05/v-samare-naberezhnaya"),
    "zh": Outlet("ThePaper.cn", "澎湃新闻", "https://www.thepaper.cn/newsDetail_forward_27654321"),
    "ja": Outlet("NHK", "NHKニュース",
                 "https://www3.nhk.or.jp/news/html/20240605/k10014471231000.html"),
    "ko": Outlet("Hankyoreh", "한겨레", "https://www.hani.co.kr/arti/area/area_general/1143210.html"),
    "ar": Outlet("Al Jazeera", "الجزيرة نت",
                 "https://www.aljazeera.net/news/2024/6/5/desalination-plant-east-coast"),
}
"""The outlet whose story a page copies, by the page's language (for addresses: canonical,
isBasedOn, original-source, a credit's link)."""
AGENCIES: dict[str, Outlet] = {
    "en": Outlet("Associated Press", "The Associated Press",
                 "https://apnews.com/article/river-ferry-returns-4b1c9e2f7a0d"),
    "de": Outlet("dpa", "Deutsche Presse-Agentur", "https://www.dpa.com/de/"),
    "fr": Outlet("AFP", "Agence France-Presse", "https://www.afp.com/fr"),
    "es": Outlet("EFE", "Agencia EFE", "https://efe.com/"),
    "pt": Outlet("Lusa", "Agência Lusa", "https://www.lusa.pt/"),
    "it": Outlet("ANSA", "ANSA", "https://www.ansa.it/"),
    "ru": Outlet("TASS", "ТАСС", "https://tass.ru/"),
    "zh": Outlet("Xinhua", "新华社", "https://www.news.cn/"),
    "ja": Outlet("Kyodo News", "共同通信社", "https://www.kyodonews.jp/"),
    "ko": Outlet("Yonhap", "연합뉴스", "https://www.yna.co.kr/"),
    "ar": Outlet("Anadolu Agency", "وكالة الأناضول", "https://www.aa.com.tr/ar"),
}
"""The news agency of each language, as its name is written in structured data."""


# --- signals --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Variant:
    """One way a page shows a signal, and what its record must say."""

    line: str = ""
    """A credit line (markup), put at one of the signal's places."""
    check: str = ""
    """The line's distinctive part, which must not be in the record's text."""
    publisher: str | None = None
    """The record's original_publisher (positives); for negatives None means the site's own."""
    dateline: str = ""
    """Put before the story's first paragraph."""
    byline: str = ""
    """Markup for the byline area."""
    ld: dict[str, Any] = field(default_factory=dict)
    """Fields of the article's JSON-LD."""
    head: str = ""
    canonical: str = ""
    site: Site | None = None
    """A site other than the language's fictional one (a wire's own site)."""
    url: str = ""
    mention: str = ""
    """A sentence added at the end of the last paragraph (and which must stay in the text)."""
    closing: str = ""
    """A credit added at the end of the last paragraph (which must leave the text)."""
    mention_first: str = ""
    """A sentence added at the end of the first paragraph (and which must stay)."""
    figure: str = ""
    """Markup put at the top of the body (a picture, its caption, its credit)."""
    middle: str = ""
    """A line put after a chart between the second and third paragraphs."""
    authors: tuple[str, ...] | None = None
    """The record's authors, exactly, when the case is about them."""
    not_authors: tuple[str, ...] = ()
    original_host: str = ""
    """The host of the record's original_url, when the page gives the original's address."""
    sister: bool = False
    """The canonical is the page's address on the site's sister domain (.test for .example)."""
    mirror: bool = False
    """The page is fetched from another host; its canonical and og:url are the site's."""


@dataclass(frozen=True)
class Signal:
    """A kind of syndication evidence (positive) or of what looks like one but is not
    (negative), in the languages of `variants`."""

    name: str
    positive: bool
    variants: dict[str, tuple[Variant, ...]]
    kinds: tuple[str, ...] = ()
    """Evidence kinds the record must hold (positives)."""
    layouts: tuple[str, ...] = LAYOUTS
    places: tuple[str, ...] = ("last",)


def plain(markup: str) -> str:
    """Markup's text."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def credit(line: str, publisher: str | None, check: str | None = None,
           host: str = "") -> Variant:
    """A credit line naming `publisher`; by default all of its text must leave the story."""
    return Variant(line=line, check=plain(line) if check is None else check,
                   publisher=publisher, original_host=host)


def link(url: str, text: str) -> str:
    return f'<a href="{url}" rel="nofollow">{esc(text)}</a>'


def host(url: str) -> str:
    return re.sub(r"^https?://(?:www\d?\.)?([^/]+)/?.*$", r"\1", url)


def headline_link(lang: str, url: str) -> str:
    return link(url, STORIES[lang].title)


FEED_FOOTERS: dict[str, tuple[str, str]] = {
    "en": ("The post {t} appeared first on {x}.", "appeared first on"),
    "de": ("Der Beitrag {t} erschien zuerst auf {x}.", "erschien zuerst auf"),
    "fr": ("L’article {t} est apparu en premier sur {x}.", "est apparu en premier sur"),
    "es": ("La entrada {t} se publicó primero en {x}.", "se publicó primero en"),
    "pt": ("O post {t} apareceu primeiro em {x}.", "apareceu primeiro em"),
    "it": ("L'articolo {t} proviene da {x}.", "proviene da"),
    "ru": ("Запись {t} впервые появилась {x}.", "впервые появилась"),
    "zh": ("文章{t}最先出现在{x}。", "最先出现在"),
    "ja": ("投稿 {t} は {x} に最初に表示されました。", "に最初に表示されました"),
    "ko": ("{t} 글이 {x}에 처음 등장했습니다.", "처음 등장했습니다"),
    "ar": ("ظهرت المقالة {t} أولاً على {x}.", "أولاً على"),
}
"""WordPress's feed footer in each language ("The post %1$s appeared first on %2$s."), and its
distinctive words."""
GRIST = Outlet("Grist", "Grist", "https://grist.org/cities/river-ferry-returns-to-service/")


def feed_footer(lang: str, outlet: Outlet, publisher: str | None) -> Variant:
    wording, check = FEED_FOOTERS[lang]
    line = wording.format(t=headline_link(lang, outlet.url), x=link(outlet.home, outlet.written))
    return Variant(line=line, check=check, publisher=publisher,
                   original_host=host(outlet.url) if publisher else "")


CONVERSATION = "https://theconversation.com"
SYNDICATED_EN = ("(Except for the headline, this story has not been edited by {} staff and is "
                 "published from a syndicated feed.)")


def jsonld_variants(key: str, make: Any, langs: tuple[str, ...]) -> dict[str, tuple[Variant, ...]]:
    """A JSON-LD field naming each language's agency."""
    return {lang: (Variant(ld={key: make(AGENCIES[lang].written)},
                           publisher=AGENCIES[lang].name),) for lang in langs}


def meta_variants(name: str, langs: tuple[str, ...]) -> dict[str, tuple[Variant, ...]]:
    """A meta tag giving the address of each language's original."""
    return {lang: (Variant(head=f'<meta name="{name}" content="{ORIGINALS[lang].url}">',
                           publisher=ORIGINALS[lang].name,
                           original_host=host(ORIGINALS[lang].url)),) for lang in langs}


def org(name: str) -> dict[str, str]:
    return {"@type": "NewsMediaOrganization", "name": name}


IMAGE = '<figure class="image"><img src="/media/2024/06/photo-1.jpg" alt=""></figure>'


def captioned(caption: str) -> str:
    return ('<figure class="image"><img src="/media/2024/06/photo-1.jpg" alt="">'
            f"<figcaption>{caption}</figcaption></figure>")


def image_author(credit_text: str) -> str:
    return ('<div class="article__image"><img src="/media/2024/06/photo-1.jpg" alt="">'
            f'<span class="article__image-author">{credit_text}</span></div>')


ALL = tuple(STORIES)

POSITIVE_SIGNALS: list[Signal] = [
    Signal("label", True, {
        "en": (credit("Source: NPR", "NPR"), credit("Source: National Public Radio", "NPR")),
        "de": (credit("Quelle: dpa", "dpa"),),
        "fr": (credit("Source : AFP", "AFP"),),
        "es": (credit("Fuente: EFE", "EFE"),),
        "pt": (credit("Fonte: Agência Lusa", "Lusa"),),
        "it": (credit("Fonte: ANSA", "ANSA"),),
        "ru": (credit("Источник: ТАСС", "TASS"),),
        "zh": (credit("来源：新华社", "Xinhua"),),
        "ja": (credit("出典：共同通信", "Kyodo News"),),
        "ko": (credit("출처: 연합뉴스", "Yonhap"),),
        "ar": (credit("المصدر: وكالة الأناضول", "Anadolu Agency"),),
    }, ("credit-line",), places=("last", "source", "first", "article-source", "em")),
    Signal("first-published", True, {
        "en": (credit("This article was originally published by ProPublica.", "ProPublica"),
               credit("This story first appeared on Grist.", "Grist")),
        "de": (credit("Dieser Beitrag erschien zuerst bei ZEIT ONLINE.", "Die Zeit"),),
        "fr": (credit("Cet article a été initialement publié dans Le Monde.", "Le Monde"),),
        "es": (credit("Este artículo fue publicado originalmente en El País.", "El País"),),
        "pt": (credit("Este artigo foi publicado originalmente no Observador.", "Observador"),),
        "it": (credit("Questo articolo è stato pubblicato originariamente su Il Post.",
                      "Il Post"),),
        "ru": (credit("Эта статья впервые опубликована в издании «Медуза».", "Meduza"),),
        "zh": (credit("本文首发于澎湃新闻。", "ThePaper.cn"),),
        "ja": (credit("この記事は東洋経済オンラインで最初に掲載されたものです。", "Toyo Keizai"),),
        "ko": (credit("이 기사는 한겨레에 처음 게재됐습니다.", "Hankyoreh"),),
        "ar": (credit("نشر هذا المقال في الأصل على الجزيرة نت.", "Al Jazeera"),),
    }, ("credit-line",), places=("last", "em", "first", "small")),
    Signal("feed-footer", True, {
        lang: (feed_footer(lang, GRIST if lang == "en" else ORIGINALS[lang],
                           "Grist" if lang == "en" else ORIGINALS[lang].name),)
        for lang in ALL
    }, ("credit-line",)),
    Signal("permission", True, {
        "en": (credit("Republished with permission from Kaiser Health News.",
                      "Kaiser Health News"),
               credit("This article is republished with permission of The Texas Tribune.",
                      "The Texas Tribune")),
        "de": (credit("Nachdruck mit freundlicher Genehmigung von ZEIT ONLINE.", "Die Zeit"),),
        "fr": (credit("Republié avec l'autorisation de Libération.", "Libération"),),
        "es": (credit("Reproducido con autorización de elDiario.es.", "elDiario.es"),),
        "pt": (credit("Republicado com autorização do Observador.", "Observador"),),
        "it": (credit("Ripubblicato con il permesso di Il Post.", "Il Post"),),
        "ru": (credit("Перепечатано с разрешения ТАСС.", "TASS"),),
        "zh": (credit("本文经澎湃新闻授权转载。", "ThePaper.cn"),),
        "ja": (credit("東洋経済オンラインより許可を得て転載", "Toyo Keizai"),),
        "ko": (credit("이 기사는 한겨레의 허락을 받아 전재했습니다.", "Hankyoreh"),),
        "ar": (credit("أعيد نشر هذا المقال بإذن من الجزيرة نت.", "Al Jazeera"),),
    }, ("credit-line",), places=("last", "em", "small")),
    Signal("permission-bare", True, {
        "en": (credit("Reprinted with permission.", None), credit("Used with permission.", None)),
        "de": (credit("Nachdruck mit freundlicher Genehmigung.", None),),
        "fr": (credit("Reproduit avec autorisation.", None),),
        "es": (credit("Reproducido con permiso.", None),),
        "pt": (credit("Reproduzido com autorização.", None),),
        "ru": (credit("Публикуется с разрешения правообладателя.", None),),
        "zh": (credit("本文经授权转载。", None),),
        "ja": (credit("許可を得て転載しています。", None),),
        "ar": (credit("أعيد نشره بإذن.", None),),
    }, ("credit-line",), places=("last", "em", "first")),
    Signal("syndicated-feed", True, {
        "en": (credit(SYNDICATED_EN.format(SITES["en"].name), None),
               credit(f"(This story has not been edited by {SITES['en'].name} staff and is "
                      "auto-generated from a syndicated feed.)", None),
               credit(f"(Only the headline and picture of this report may have been reworked by "
                      f"the {SITES['en'].name} staff; the rest of the content is auto-generated "
                      "from a syndicated feed.)", None)),
        "de": (credit("Dieser Artikel wurde nicht von der Redaktion bearbeitet und stammt aus "
                      "einem Agenturfeed.", None),),
        "fr": (credit("Cet article n'a pas été modifié par la rédaction du Courrier du Lac et "
                      "est publié à partir d'un flux d'agence.", None),),
        "es": (credit("Este artículo no ha sido editado por la redacción de Diario del Valle "
                      "Central y se publica a partir de un cable de agencia.", None),),
        "pt": (credit("Este texto foi publicado automaticamente a partir de um feed de "
                      "agência.", None),),
        "ru": (credit("Этот материал был автоматически опубликован из новостной ленты.",
                      None),),
        "ja": (credit("この記事は配信元から自動配信されています。", None),),
        "ko": (credit("이 기사는 뉴스 피드를 통해 자동 게재됩니다.", None),),
        "ar": (credit("هذا الخبر مأخوذ آلياً من خدمة إخبارية.", None),),
    }, ("credit-line",), places=("em", "last", "first")),
    Signal("copyright", True, {
        "en": (credit("Copyright 2024 NPR", "NPR"),
               credit("© 2024 The Associated Press. All rights reserved. This material may not "
                      "be published, broadcast, rewritten or redistributed without permission.",
                      "Associated Press", check="© 2024 The Associated Press"),
               credit("© 2024 The Associated Press. All rights reserved.", "Associated Press"),
               credit("(c) Copyright Thomson Reuters 2024.", "Reuters")),
        "de": (credit("© dpa-infocom, dpa:240605-99-281734/3", "dpa"),
               credit("© 2024 dpa. Alle Rechte vorbehalten.", "dpa")),
        "fr": (credit("© Agence France-Presse", "AFP"),),
        "es": (credit("© EFE 2024. Está expresamente prohibida la redistribución y la "
                      "redifusión de todo o parte de los contenidos de los servicios de Efe, sin "
                      "previo y expreso consentimiento de la Agencia EFE S.A.", "EFE",
                      check="© EFE 2024"),),
        "pt": (credit("© 2024 Lusa. Todos os direitos reservados.", "Lusa"),),
        "it": (credit("© Copyright ANSA - Tutti i diritti riservati", "ANSA"),),
        "ru": (credit("© ТАСС, 2024", "TASS"),),
        "zh": (credit("新华社版权所有，未经授权不得转载。", "Xinhua"),),
        "ja": (credit("Copyright © 2024 共同通信社 All Rights Reserved.", "Kyodo News"),),
        "ko": (credit("&lt;저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지&gt;",
                      "Yonhap", check="저작권자"),),
        "ar": (credit("جميع الحقوق محفوظة لوكالة الأناضول", "Anadolu Agency"),),
    }, ("credit-line",), places=("last", "small", "em")),
    Signal("conversation-cc", True, {
        "en": (credit(f"This article is republished from {link(CONVERSATION, 'The Conversation')}"
                      " under a Creative Commons license. Read the "
                      f"{link(CONVERSATION + '/river-ferries-231234', 'original article')}.",
                      "The Conversation", check="The Conversation",
                      host="theconversation.com"),),
        "fr": (credit("Cet article est republié à partir de "
                      f"{link(CONVERSATION + '/fr', 'The Conversation')} sous licence Creative "
                      "Commons. Lire l’"
                      f"{link(CONVERSATION + '/mediatheques-231235', 'article original')}.",
                      "The Conversation", check="The Conversation",
                      host="theconversation.com"),),
        "es": (credit("Este artículo fue publicado originalmente en "
                      f"{link(CONVERSATION + '/es', 'The Conversation')}. Lea el "
                      f"{link(CONVERSATION + '/agua-regenerada-231236', 'original')}.",
                      "The Conversation", check="The Conversation",
                      host="theconversation.com"),),
        "pt": (credit("Este artigo foi republicado a partir de "
                      f"{link(CONVERSATION + '/br', 'The Conversation')} sob uma licença Creative"
                      " Commons. Leia o "
                      f"{link(CONVERSATION + '/saude-231237', 'artigo original')}.",
                      "The Conversation", check="The Conversation",
                      host="theconversation.com"),),
        "de": (credit("Dieser Artikel erschien zuerst bei "
                      f"{link(CONVERSATION + '/de', 'The Conversation')} und wurde unter einer "
                      "Creative-Commons-Lizenz veröffentlicht.", "The Conversation",
                      check="The Conversation", host="theconversation.com"),),
    }, ("credit-line",), places=("last", "em")),
    Signal("bare", True, {
        "en": (credit("— Reuters", "Reuters"), credit("(AFP)", "AFP")),
        "de": (credit("(dpa)", "dpa"),),
        "fr": (credit("(AFP)", "AFP"),),
        "es": (credit("(EFE)", "EFE"),),
        "pt": (credit("(Lusa)", "Lusa"),),
        "it": (credit("(ANSA)", "ANSA"),),
        "ru": (credit("(ТАСС)", "TASS"),),
        "zh": (credit("（新华社）", "Xinhua"),),
        "ja": (credit("（共同）", "Kyodo News"),),
        "ar": (credit("(رويترز)", "Reuters"),),
    }, ("credit-line",)),
    Signal("dateline", True, {
        "en": (Variant(dateline="WASHINGTON (AP) — ", publisher="Associated Press"),
               Variant(dateline="LONDON, June 5 (Reuters) - ", publisher="Reuters")),
        "de": (Variant(dateline="BERLIN (dpa) - ", publisher="dpa"),),
        "fr": (Variant(dateline="PARIS, 5 juin (AFP) - ", publisher="AFP"),),
        "es": (Variant(dateline="MADRID, 5 jun (EFE).- ", publisher="EFE"),),
        "pt": (Variant(dateline="Évora, 05 jun 2024 (Lusa) - ", publisher="Lusa"),),
        "it": (Variant(dateline="(ANSA) - ROMA, 5 GIU - ", publisher="ANSA"),),
        "ru": (Variant(dateline="САМАРА, 5 июня. /ТАСС/. ", publisher="TASS"),
               Variant(dateline="МОСКВА, 5 июня. /ТАСС/. ", publisher="TASS")),
        "zh": (Variant(dateline="新华社江城6月5日电（记者张三）", publisher="Xinhua"),
               Variant(dateline="新华社北京6月5日电 ", publisher="Xinhua")),
        "ja": (Variant(dateline="【ワシントン共同】", publisher="Kyodo News"),),
        "ko": (Variant(dateline="(서울=연합뉴스) 김철수 기자 = ", publisher="Yonhap"),),
        "ar": (Variant(dateline="القاهرة (رويترز) - ", publisher="Reuters"),
               Variant(dateline="أنقرة (الأناضول) - ", publisher="Anadolu Agency")),
    }, ("dateline",)),
    Signal("jsonld-isbasedon", True, {
        lang: (Variant(ld={"isBasedOn": ORIGINALS[lang].url}, publisher=ORIGINALS[lang].name,
                       original_host=host(ORIGINALS[lang].url)),)
        for lang in ("en", "de", "fr", "es", "ru", "ja", "ar")
    }, ("json-ld",), layouts=JSONLD_LAYOUTS),
    Signal("jsonld-source-organization", True,
           jsonld_variants("sourceOrganization", org, ("en", "de", "es", "zh", "ko", "ar")),
           ("json-ld",), layouts=JSONLD_LAYOUTS),
    Signal("jsonld-publisher", True,
           jsonld_variants("publisher", org, ("en", "fr", "pt", "ru", "ja")),
           ("json-ld",), layouts=("wordpress", "portal", "sections")),
    Signal("jsonld-copyright-holder", True,
           jsonld_variants("copyrightHolder", lambda n: {"@type": "Organization", "name": n},
                           ("en", "de", "fr", "it", "zh")),
           ("json-ld",), layouts=JSONLD_LAYOUTS),
    Signal("jsonld-author-organization", True,
           jsonld_variants("author", org, ("en", "es", "ru", "ja", "ko")),
           ("json-ld",), layouts=JSONLD_LAYOUTS),
    Signal("meta-original-source", True, meta_variants(
        "original-source", ("en", "de", "es", "ja", "ar")), ("meta",)),
    Signal("meta-syndication-source", True, meta_variants(
        "syndication-source", ("en", "fr", "pt", "ru", "ko")), ("meta",)),
    Signal("meta-dc-source", True, meta_variants(
        "DC.source", ("en", "de", "it", "zh", "es")), ("meta",)),
    Signal("canonical", True, {
        lang: (Variant(canonical=ORIGINALS[lang].url, publisher=ORIGINALS[lang].name,
                       original_host=host(ORIGINALS[lang].url)),)
        for lang in ALL
    }, ("canonical",)),
    Signal("byline", True, {
        "en": (Variant(byline="By Jane Doe, Associated Press", publisher="Associated Press",
                       authors=("Jane Doe",)),
               Variant(byline="Jane Doe | Reuters", publisher="Reuters", authors=("Jane Doe",)),
               Variant(byline="AFP", publisher="AFP", authors=())),
        "de": (Variant(byline="Von Anna Berg, dpa", publisher="dpa", authors=("Anna Berg",)),),
        "fr": (Variant(byline="Par Claire Martin (AFP)", publisher="AFP",
                       authors=("Claire Martin",)),),
        "es": (Variant(byline="Agencia EFE", publisher="EFE", authors=()),),
        "pt": (Variant(byline="Por Agência Lusa", publisher="Lusa", authors=()),),
        "it": (Variant(byline="di Redazione ANSA", publisher="ANSA", authors=()),),
        "ru": (Variant(byline="Иван Петров, ТАСС", publisher="TASS", authors=("Иван Петров",)),),
        "zh": (Variant(byline="新华社记者 张三", publisher="Xinhua", authors=("张三",)),),
        "ja": (Variant(byline="共同通信 山田太郎", publisher="Kyodo News", authors=("山田太郎",)),),
        "ko": (Variant(byline="연합뉴스 김철수 기자", publisher="Yonhap", authors=("김철수",)),),
        "ar": (Variant(byline="رويترز", publisher="Reuters", authors=()),),
    }, ("byline",), layouts=JSONLD_LAYOUTS),
    Signal("credit-link", True, {
        lang: (credit(link(ORIGINALS[lang].url, label), ORIGINALS[lang].name,
                      host=host(ORIGINALS[lang].url)),)
        for lang, label in (
            ("en", "Read the original article"), ("de", "Zum Originalartikel"),
            ("fr", "Lire l'article original"), ("es", "Leer el artículo original"),
            ("pt", "Leia o texto original"), ("it", "Leggi l'articolo originale"),
            ("ru", "Читать оригинал"), ("zh", "阅读原文"), ("ja", "元記事を読む"),
            ("ko", "원문 보기"), ("ar", "اقرأ المقال الأصلي"))
    }, ("credit-link",), places=("last", "source", "article-source")),
    Signal("meta-line", True, {
        "en": (Variant(byline="by <a href=\"/author/admin/\">admin</a> | Source: Reuters",
                       check="Source: Reuters", publisher="Reuters"),),
        "de": (Variant(byline="von <a href=\"/author/redaktion/\">Redaktion</a> | Quelle: AFP",
                       check="Quelle: AFP", publisher="AFP"),),
        "es": (Variant(byline="por <a href=\"/autor/admin/\">admin</a> · Fuente: EFE",
                       check="Fuente: EFE", publisher="EFE"),),
    }, ("credit-line",), layouts=JSONLD_LAYOUTS),
    Signal("after-container", True, {
        "en": (credit("Source: The Associated Press", "Associated Press"),
               credit("This story originally appeared in The Texas Tribune.",
                      "The Texas Tribune")),
        "es": (credit("Fuente: Reuters", "Reuters"),),
        "zh": (credit("来源：新华网", "Xinhua"),),
    }, ("credit-line",), places=("outside",)),
    Signal("closing-credit", True, {
        "en": (Variant(closing="(AFP)", check="(AFP)", publisher="AFP"),),
        "fr": (Variant(closing="— AFP", check="— AFP", publisher="AFP"),),
        "de": (Variant(closing="(dpa)", check="(dpa)", publisher="dpa"),),
    }, ("credit-line",)),
    Signal("editors-note", True, {
        "en": (credit("Editor's note: This story was first published by ProPublica.",
                      "ProPublica"),),
        "de": (credit("Hinweis: Dieser Artikel erschien zuerst bei ZEIT ONLINE.", "Die Zeit"),),
        "es": (credit("Nota del editor: Este artículo fue publicado originalmente en El País.",
                      "El País"),),
    }, ("credit-line",), places=("first", "last")),
]

MENTIONS: dict[str, tuple[Variant, ...]] = {
    "en": (Variant(mention="The operator expects the evening crossing to be popular with factory "
                           "workers, its manager told Reuters."),
           Variant(mention_first="According to the BBC, it is one of the last car ferries "
                                 "still running on that stretch of the river.")),
    "de": (Variant(mention="Die Brücke ist laut dpa eines der größten Radverkehrsprojekte der "
                           "Region."),),
    "fr": (Variant(mention="Selon l'AFP, une dizaine de communes du département ont engagé des "
                           "rénovations comparables."),),
    "es": (Variant(mention="Según EFE, es la primera instalación de este tipo en la región."),),
    "pt": (Variant(mention="Segundo a Agência Lusa, outros três centros de saúde do distrito "
                           "aguardam obras semelhantes."),),
    "it": (Variant(mention="Secondo l'ANSA, nel primo giorno sono stati venduti oltre duemila "
                           "biglietti."),),
    "ru": (Variant(mention="Как сообщает ТАСС, в первый день на набережной побывали несколько "
                           "тысяч человек."),),
    "zh": (Variant(mention="据新华社报道，开通首日客流量超过五万人次。"),),
    "ja": (Variant(mention="共同通信によると、同様の複合施設は県内で3例目となる。"),),
    "ko": (Variant(mention="연합뉴스에 따르면 전국적으로 폐교를 활용한 청소년 시설은 꾸준히 늘고 "
                           "있다."),),
    "ar": (Variant(mention="وبحسب رويترز، تعد هذه المحطة الأكبر من نوعها في المنطقة."),),
}

OWN_COPYRIGHT = {
    "en": "© 2024 Mekong Daily Digest. All rights reserved.",
    "de": "© 2024 Rheintal Rundschau. Alle Rechte vorbehalten.",
    "fr": "© 2024 Le Courrier du Lac. Tous droits réservés.",
    "es": "© 2024 Diario del Valle Central. Todos los derechos reservados.",
    "pt": "© 2024 Correio do Planalto. Todos os direitos reservados.",
    "it": "© 2024 La Voce delle Colline. Tutti i diritti riservati.",
    "ru": "© 2024 Волжский вестник. Все права защищены.",
    "zh": "© 2024 江城晨报 版权所有",
    "ja": "© 2024 湖畔タイムズ 無断転載を禁じます",
    "ko": "Copyright © 한강일보 무단전재 및 재배포 금지",
    "ar": "© 2024 صحيفة الواحة. جميع الحقوق محفوظة.",
}

WIRE_SITES: dict[str, tuple[Variant, ...]] = {
    "en": (Variant(site=Site("AP News", "apnews.com", www=False),
                   url="https://apnews.com/article/river-ferry-returns-4b1c9e2f7a0d",
                   dateline="WASHINGTON (AP) — ", publisher="Associated Press"),
           Variant(site=Site("Reuters", "reuters.com"),
                   url="https://www.reuters.com/world/asia-pacific/river-ferry-returns-2024-06-05/",
                   dateline="LONDON, June 5 (Reuters) - ", publisher="Reuters")),
    "de": (Variant(site=Site("dpa", "dpa.com"), url="https://www.dpa.com/de/nachrichten/lahnbruecke",
                   dateline="BERLIN (dpa) - ", publisher="dpa"),),
    "fr": (Variant(site=Site("AFP", "afp.com"), url="https://www.afp.com/fr/actus/mediatheque",
                   dateline="PARIS, 5 juin (AFP) - ", publisher="AFP"),),
    "es": (Variant(site=Site("Agencia EFE", "efe.com", www=False),
                   url="https://efe.com/espana/2024-06-05/valdemoro-agua-regenerada/",
                   dateline="MADRID, 5 jun (EFE).- ", publisher="EFE"),),
    "pt": (Variant(site=Site("Lusa", "lusa.pt"), url="https://www.lusa.pt/article/2024-06-05/evora",
                   dateline="Évora, 05 jun 2024 (Lusa) - ", publisher="Lusa"),),
    "it": (Variant(site=Site("ANSA.it", "ansa.it"),
                   url="https://www.ansa.it/lombardia/notizie/2024/06/05/funicolare.html",
                   dateline="(ANSA) - ROMA, 5 GIU - ", publisher="ANSA"),),
    "ru": (Variant(site=Site("ТАСС", "tass.ru", www=False), url="https://tass.ru/obschestvo/21012345",
                   dateline="САМАРА, 5 июня. /ТАСС/. ", publisher="TASS"),),
    "zh": (Variant(site=Site("新华网", "news.cn"), url="https://www.news.cn/local/20240605/c.html",
                   dateline="新华社江城6月5日电（记者张三）", publisher="Xinhua"),),
    "ja": (Variant(site=Site("共同通信", "kyodonews.jp"),
                   url="https://www.kyodonews.jp/news/2024/06/library.html",
                   dateline="【ワシントン共同】", publisher="Kyodo News"),),
    "ko": (Variant(site=Site("연합뉴스", "yna.co.kr"),
                   url="https://www.yna.co.kr/view/AKR20240605051200061",
                   dateline="(서울=연합뉴스) 김철수 기자 = ", publisher="Yonhap"),),
    "ar": (Variant(site=Site("وكالة الأناضول", "aa.com.tr"),
                   url="https://www.aa.com.tr/ar/مياه/محطة-تحلية/3241567",
                   dateline="أنقرة (الأناضول) - ", publisher="Anadolu Agency"),),
}

NEGATIVE_SIGNALS: list[Signal] = [
    Signal("prose-mention", False, MENTIONS),
    Signal("photo-credit", False, {
        "en": (Variant(figure=IMAGE, line="Photo: Reuters", check="Photo: Reuters"),
               Variant(figure=captioned("Commuters wait for the first crossing at Ban Sai on "
                                        "Wednesday. (AFP)"),
                       check="Commuters wait for the first crossing")),
        "de": (Variant(figure=IMAGE, line="Foto: dpa", check="Foto: dpa"),),
        "fr": (Variant(figure=captioned("La nouvelle salle d'étude, mardi. (AFP)"),
                       check="La nouvelle salle d'étude"),),
        "es": (Variant(figure=IMAGE, line="Foto: EFE", check="Foto: EFE"),),
        "pt": (Variant(figure=captioned("O novo centro de saúde da Malagueira. Foto: Lusa"),
                       check="O novo centro de saúde da Malagueira."),),
        "it": (Variant(figure=captioned("La funicolare alla stazione di Città Alta. (ANSA)"),
                       check="La funicolare alla stazione"),),
        "ru": (Variant(figure=captioned("Новый участок набережной. Фото: ТАСС"),
                       check="Новый участок набережной."),),
        "zh": (Variant(figure=captioned("6月5日，乘客在北湖站候车。新华社记者 王五 摄"),
                       check="乘客在北湖站候车"),),
        "ja": (Variant(figure=captioned("開館した新図書館の閲覧室（共同）"),
                       check="開館した新図書館の閲覧室"),),
        "ko": (Variant(figure=captioned("청소년 문화센터 개관식. 사진=연합뉴스"),
                       check="청소년 문화센터 개관식."),),
        "ar": (Variant(figure=captioned("محطة التحلية الجديدة (رويترز)"),
                       check="محطة التحلية الجديدة"),),
    }, places=("first",)),
    Signal("own-copyright", False, {
        lang: (Variant(line=line, check=line),) for lang, line in OWN_COPYRIGHT.items()
    }, places=("last", "small")),
    Signal("own-organisation", False, {
        lang: (Variant(ld={"publisher": {**org(SITES[lang].name), "url": SITES[lang].home},
                           "sourceOrganization": {**org(SITES[lang].name),
                                                  "url": SITES[lang].home}}),)
        for lang in ("en", "de", "fr", "es", "zh", "ar")
    }, layouts=JSONLD_LAYOUTS),
    Signal("own-dc-source", False, {
        "en": (Variant(head=f'<meta name="DC.source" content="{SITES["en"].home}">'),),
        "de": (Variant(head=f'<meta name="DC.source" content="{SITES["de"].home}">'),),
        "ru": (Variant(head=f'<meta name="DC.source" content="{SITES["ru"].name}">'),),
        "ja": (Variant(head=f'<meta name="DC.source" content="{SITES["ja"].name}">'),),
        "pt": (Variant(head=f'<meta name="DC.source" content="{SITES["pt"].name}">'),),
    }),
    Signal("own-feed-footer", False, {
        lang: (feed_footer(lang, Outlet(SITES[lang].name, SITES[lang].name,
                                        page_url("wordpress", SITES[lang], STORIES[lang])),
                           None),)
        for lang in ("en", "de", "fr", "es", "ru", "ja")
    }),
    Signal("sister-canonical", False, {
        lang: (Variant(sister=True),) for lang in ("en", "de", "fr", "es", "ko")
    }),
    Signal("og-url-agrees", False, {
        lang: (Variant(mirror=True),) for lang in ("en", "de", "it", "zh", "pt")
    }),
    Signal("study-isbasedon", False, {
        lang: (Variant(ld={"isBasedOn": "https://doi.org/10.1038/s41586-024-07418-5"}),)
        for lang in ("en", "de", "fr", "ja")
    }, layouts=JSONLD_LAYOUTS),
    Signal("journal-dc-source", False, {
        lang: (Variant(head='<meta name="DC.source" content="Nature 2025 647:8088">'),)
        for lang in ("en", "es", "ru", "ko")
    }),
    Signal("press-release", False, {
        "en": (Variant(dateline="NEW YORK, June 5, 2024 /PRNewswire/ -- ",
                       line="SOURCE Acme Corp"),),
        "de": (Variant(dateline="FRANKFURT, 5. Juni 2024 /PRNewswire/ -- ",
                       line="QUELLE Acme GmbH"),),
        "fr": (Variant(dateline="PARIS, 5 juin 2024 /PRNewswire/ -- ", line="SOURCE Acme SA"),),
        "es": (Variant(dateline="MADRID, 5 de junio de 2024 /PRNewswire/ -- ",
                       line="FUENTE Acme Corp"),),
        "pt": (Variant(dateline="SÃO PAULO, 5 de junho de 2024 /PRNewswire/ -- ",
                       line="FONTE Acme Ltda."),),
    }, layouts=JSONLD_LAYOUTS),
    Signal("contribution", False, {
        "en": (Variant(line="Reuters contributed to this report."),
               Variant(line="(With inputs from PTI)")),
        "de": (Variant(line="Mit Material von dpa"),),
        "fr": (Variant(line="Avec AFP"),),
        "es": (Variant(line="Con información de EFE."),),
        "pt": (Variant(line="Com informações da Reuters."),),
        "ru": (Variant(line="С использованием материалов ТАСС."),),
        "ar": (Variant(line="ساهمت رويترز في هذا التقرير."),),
    }),
    Signal("chart-source", False, {
        lang: (Variant(middle=line),) for lang, line in (
            ("en", "Source: Bureau of Labor Statistics"),
            ("de", "Quelle: Statistisches Bundesamt"), ("fr", "Source : Insee"),
            ("es", "Fuente: INE"), ("pt", "Fonte: INE"), ("ru", "Источник: Росстат"),
            ("zh", "数据来源：国家统计局"), ("ja", "出典：総務省統計局"), ("ko", "출처: 통계청"),
            ("ar", "المصدر: الجهاز المركزي للإحصاء"))
    }),
    Signal("site-with-agency", False, {
        lang: (Variant(byline=byline, ld={"author": {"@type": "Person", "name": byline}},
                       authors=()),)
        for lang, byline in (
            ("en", "Mekong Daily Digest with AFP"), ("de", "Rheintal Rundschau/dpa"),
            ("fr", "Le Courrier du Lac avec AFP"), ("es", "Diario del Valle Central con EFE"),
            ("pt", "Correio do Planalto com Lusa"))
    }, layouts=JSONLD_LAYOUTS),
    Signal("image-author", False, {
        lang: (Variant(figure=image_author(credit_text), check=credit_text.split("/ ")[1],
                       not_authors=(credit_text.split("/ ")[1],)),)
        for lang, credit_text in (
            ("en", "PAP/ Jan Kowalski"), ("de", "dpa/ Jan Kowalski"),
            ("fr", "AFP/ Jan Kowalski"), ("es", "EFE/ Jan Kowalski"),
            ("ru", "ТАСС/ Ян Ковальский"))
    }, layouts=("portal", "sections", "wordpress")),
    Signal("wire-own-site", False, WIRE_SITES, layouts=JSONLD_LAYOUTS),
    Signal("roundup", False, {
        "en": (Variant(middle="[Engadget]", line="[The Verge]"),),
        "de": (Variant(middle="[Spiegel]", line="[tagesschau.de]"),),
        "es": (Variant(middle="[El País]", line="[EFE]"),),
    }),
    Signal("link-label-unknown-site", False, {
        "en": (Variant(line='<a href="https://www.penguinrandomhouse.example/books/1">'
                            "Source</a>"),),
        "de": (Variant(line='<a href="https://www.randomhouse.example/buch/1">Quelle</a>'),),
        "fr": (Variant(line='<a href="https://editions-exemple.example/livre/1">Source</a>'),),
    }),
    Signal("reference-address", False, {
        "en": (Variant(line="https://www.ft.com/content/40fae194-381d-11e8-8eee-e06bde01c544"),),
        "de": (Variant(line="https://www.spiegel.de/wissenschaft/a-1.html"),),
        "es": (Variant(line="https://elpais.com/ciencia/2024-06-05/estudio.html"),),
    }),
    Signal("agency-logo-beside-story", False, {
        lang: (Variant(figure='<div class="teaser-media"><img src="/media/logo.png" alt="">'
                              f"<small>{agency}</small></div>"),)
        for lang, agency in (("en", "Reuters"), ("de", "dpa"), ("fr", "AFP"))
    }),
    Signal("mixed-case-initialism", False, {
        "de": (Variant(byline="AgE"),),
        "en": (Variant(byline="By Jane Doe, AgE"),),
        "fr": (Variant(byline="Par Claire Martin (AgE)"),),
    }),
]


# --- cases ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    """One page and what its record must say."""

    signal: str
    lang: str
    layout: str
    place: str
    """Where the credit line went (first, last, em, source, article-source, small), or "-"."""
    positive: bool
    url: str
    html: str
    shown: str
    """What the case put on the page, for messages."""
    publisher: str | None
    kinds: tuple[str, ...]
    absent: tuple[str, ...]
    present: tuple[str, ...]
    authors: tuple[str, ...] | None
    not_authors: tuple[str, ...]
    original_host: str

    @property
    def id(self) -> str:
        return f"{self.signal}-{self.lang}-{self.layout}"

    def page(self) -> Page:
        return Page(url=self.url, body=self.html.encode(), fetched_at=FETCHED_AT,
                    headers=HEADERS)


def _sister(url: str) -> str:
    return re.sub(r"\.example/", ".test/", url, count=1)


def build(signal: Signal, lang: str, layout: str, variant: Variant, place: str) -> Case:
    """The page of one signal in one language and layout, and its expectations."""
    site, story = variant.site or SITES[lang], STORIES[lang]
    own_url = page_url(layout, site, story)
    url = variant.url or own_url
    canonical = variant.canonical or default_canonical(layout, url)
    og_url = None
    if variant.sister:
        canonical = _sister(canonical)
    if variant.mirror:
        slug = site.domain.removesuffix(".example")
        url = f"https://reader.newsmirror.example/{slug}/{story.slug}"
        og_url = canonical = default_canonical(layout, own_url)
    tag = BLOCK_TAG.get(layout, "p")
    space = "" if lang in UNSPACED else " "
    texts = list(story.paragraphs)
    texts[0] = variant.dateline + texts[0]
    if variant.mention_first:
        texts[0] += space + variant.mention_first
    if variant.mention:
        texts[-1] += space + variant.mention
    if variant.closing:
        texts[-1] += space + variant.closing
    body = [f"<{tag}>{esc(t)}</{tag}>" for t in texts]
    if variant.middle:
        body[2:2] = [f'<figure class="chart"><img src="{site.home}media/2024/06/chart-1.png" '
                     f'alt=""></figure>', f"<{tag}>{esc(variant.middle)}</{tag}>"]
    below, outside, byline = "", "", variant.byline or None
    if variant.line:
        if place == "first":
            body.insert(0, f"<{tag}>{variant.line}</{tag}>")
        elif place == "last":
            body.append(f"<{tag}>{variant.line}</{tag}>")
        elif place == "outside":
            outside = PLACES[place].format(variant.line)
        else:
            below = PLACES[place].format(variant.line)
    if variant.figure:
        body.insert(0, variant.figure)
    ld = dict(variant.ld)
    if variant.byline and "author" not in ld:
        ld["author"] = [{"@type": "Person", "name": a} for a in variant.authors or ()] or None
    parts = Parts(lang=lang, site=site, story=story, url=url, canonical=canonical,
                  og_url=og_url, head=variant.head, ld=ld, byline=byline, body=body,
                  below=below, outside=outside)
    shown = " | ".join(x for x in (
        variant.dateline.strip(), plain(variant.line), variant.byline, variant.head,
        json.dumps(variant.ld, ensure_ascii=False) if variant.ld else "",
        variant.mention, variant.mention_first, plain(variant.figure), variant.middle,
        f"canonical {canonical}" if canonical != default_canonical(layout, url) else "",
        f"url {url}" if variant.url or variant.mirror else "") if x)
    publisher = variant.publisher if signal.positive or variant.publisher else site.name
    kept = tuple(m for m in (variant.mention, variant.mention_first) if m)
    return Case(
        signal=signal.name, lang=lang, layout=layout,
        place=place if variant.line else "-", positive=signal.positive, url=url,
        html=RENDER[layout](parts), shown=shown, publisher=publisher, kinds=signal.kinds,
        absent=(variant.check,) if variant.check else (),
        present=(story.first_sentence, story.last_sentence, *kept),
        authors=variant.authors, not_authors=variant.not_authors,
        original_host=variant.original_host)


def cases(signals: list[Signal]) -> list[Case]:
    """Every signal in each of its languages, each language in two layouts (more when it has
    more variants), the layouts and places turning from one language to the next."""
    found = []
    for signal in signals:
        for n, (lang, variants) in enumerate(signal.variants.items()):
            count = min(max(2, len(variants)), len(signal.layouts))
            for k in range(count):
                layout = signal.layouts[(n + k) % len(signal.layouts)]
                place = signal.places[(n + k) % len(signal.places)]
                found.append(build(signal, lang, layout, variants[k % len(variants)], place))
    return found


POSITIVE_CASES = cases(POSITIVE_SIGNALS)
NEGATIVE_CASES = cases(NEGATIVE_SIGNALS)
CASES = POSITIVE_CASES + NEGATIVE_CASES
