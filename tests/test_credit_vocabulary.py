"""The credit vocabulary (`data/vocabulary/credits.toml`), one test per language: lines that
must read as credits (with the outlet they name) and lines that must not.

The registry here is written into the test, so that the examples do not depend on the shipped
registry's contents: each language's outlets in their own script.
"""

from __future__ import annotations

import pytest

from ingest.attribution.credits import END, HEAD, read_credit, strip_tails
from ingest.core.publishers import Registry, parse_registry
from ingest.core.vocabulary import Phrases, compile_phrase, load, slot
from tests.registries import REGISTRY

EXAMPLES: dict[str, dict[str, list]] = {
    "en": {
        "credits": [
            ("Source: National Public Radio", "label", "NPR"),
            ("News source: Agence France-Presse", "label", "AFP"),
            ("Via AP", "label", "Associated Press"),
            ("Courtesy of The Conversation.", "label", "The Conversation"),
            ("Source: AP, Reuters", "label", "Associated Press"),
            ("Source: npr.org", "label", "NPR"),
            ("This article originally appeared on The Conversation.", "phrase",
             "The Conversation"),
            ("This story was first published by Press Trust of India.", "phrase", "PTI"),
            ("This story was published originally by The Conversation.", "phrase",
             "The Conversation"),
            ("Originally published by Futurism. Read the original article.", "phrase",
             "Futurism"),
            ("This article was originally published on coolimba and has been republished here "
             "with permission.", "phrase", "coolimba"),
            ("This article is republished from The Conversation under a Creative Commons "
             "license. Read the original article.", "phrase", "The Conversation"),
            ("Republished with permission from Radio Free Asia.", "phrase", "Radio Free Asia"),
            ("The post Ten ways to save on groceries appeared first on Family Budget Blog.",
             "phrase", "Family Budget Blog"),
            ("Read the original article on BBC.", "phrase", "BBC"),
            ("Editor's note: This article originally appeared on NPR.", "phrase", "NPR"),
            ("Copyright 2019 NPR. To see more, visit https://www.npr.org.", "copyright", "NPR"),
            ("© 2024 The Associated Press. All rights reserved. This material may not be "
             "published, broadcast, rewritten or redistributed without permission.",
             "copyright", "Associated Press"),
            ("(c) Reuters 2024", "copyright", "Reuters"),
            ("Reprinted with permission.", "notice", None),
            ("(Except for the headline, this story has not been edited by Daily Planet staff "
             "and is published from a syndicated feed.)", "notice", None),
            ("— Reuters", "bare", "Reuters"),
            ("(AFP)", "bare", "AFP"),
            ("AP and Reuters", "bare", "Associated Press"),
        ],
        "not_credits": [
            "The minister told Reuters on Tuesday that the talks had failed.",
            "According to the Associated Press, three people were hurt.",
            "Source: Bureau of Labor Statistics",
            "Source: Reuters calculations",
            "First Published on Nov 20, 2019 01:38 pm",
            "The story was first reported by Bloomberg, which said the deal was close.",
            "In an interview with NPR, she said she would run again.",
            "Reuters reported the deal earlier this week, citing two people familiar with it.",
            "Note: Prices are in US dollars.",
        ],
        "contributions": [
            "The Associated Press contributed to this report.",
            "(With inputs from PTI)",
        ],
    },
    "de": {
        "credits": [
            ("Quelle: dpa", "label", "dpa"),
            ("Quelle: dpa/AFP", "label", "dpa"),
            ("Nachrichtenquelle: Deutsche Presse-Agentur", "label", "dpa"),
            ("Dieser Artikel erschien zuerst bei ZEIT ONLINE.", "phrase", "Die Zeit"),
            ("Der Beitrag ist ursprünglich erschienen bei The Conversation.", "phrase",
             "The Conversation"),
            ("Der Beitrag Zehn Tipps für den Garten erschien zuerst auf Gartenfreunde Nord.",
             "phrase", "Gartenfreunde Nord"),
            ("Dieser Artikel erschien zuerst in der EMOTION 10/22.", "phrase", "EMOTION"),
            ("Nachdruck mit freundlicher Genehmigung von The Conversation.", "phrase",
             "The Conversation"),
            ("© 2024 dpa. Alle Rechte vorbehalten.", "copyright", "dpa"),
            ("Nachdruck mit freundlicher Genehmigung.", "notice", None),
            ("Diese Meldung ist eine automatisch generierte Agenturmeldung.", "notice", None),
            ("(dpa)", "bare", "dpa"),
            ("Dieser Artikel ist zuerst bei Krautreporter erschienen.", "phrase", "Krautreporter"),
            ("Der Artikel wurde zuerst auf netzpolitik.org veröffentlicht.", "phrase",
             "netzpolitik.org"),
            ("Dieser Artikel wurde von The Conversation unter einer Creative-Commons-Lizenz neu "
             "veröffentlicht. Lesen Sie den Originalartikel.", "phrase", "The Conversation"),
            ("Dieser Text ist im Rahmen einer Kooperation mit ZEIT ONLINE erschienen.", "phrase",
             "Die Zeit"),
            ("Copyright © 2024 ZEIT ONLINE. Alle Rechte vorbehalten.", "copyright", "Die Zeit"),
            ("Diese Meldung ist Teil eines automatisierten Angebots der nach strengen "
             "journalistischen Regeln arbeitenden Deutschen Presse-Agentur (dpa). Sie wird von der "
             "AZ-Onlineredaktion nicht bearbeitet oder geprüft.", "notice", "dpa"),
            ("Dieser Text wurde automatisiert von der Nachrichtenagentur übernommen.", "notice",
             None),
        ],
        "not_credits": [
            "Das sagte ein Sprecher der dpa am Dienstag in Berlin.",
            "Wie die Nachrichtenagentur Reuters berichtet, ist der Deal geplatzt.",
            "Quelle: Statistisches Bundesamt",
            "Quelle: dpa-Grafik",
            "Veröffentlicht am 5. Juni 2024",
            "Laut AFP wurden drei Menschen verletzt.",
            "Der Beitrag wurde zuerst in der Zeitung veröffentlicht, sagte der Sprecher.",
            "Dieser Artikel wurde von Anna Müller verfasst.",
            "Wie zuerst der Spiegel berichtete, ist der Deal geplatzt.",
        ],
        "contributions": [
            "Mit Material von dpa",
            "Mit Material der Nachrichtenagenturen dpa und AFP",
            "Mit Agenturmaterial",
        ],
    },
    "fr": {
        "credits": [
            ("Source : AFP", "label", "AFP"),
            ("Source: Agence France-Presse", "label", "AFP"),
            ("Avec l'aimable autorisation de The Conversation", "label", "The Conversation"),
            ("Cet article a été publié initialement sur The Conversation.", "phrase",
             "The Conversation"),
            ("Cet article a d'abord été publié dans Le Monde.", "phrase", "Le Monde"),
            ("L’article Dix astuces pour le jardin est apparu en premier sur Jardin Facile.",
             "phrase", "Jardin Facile"),
            ("Cet article est republié à partir de The Conversation sous licence Creative "
             "Commons. Lire l’article original.", "phrase", "The Conversation"),
            ("© 2024 AFP. Tous droits réservés.", "copyright", "AFP"),
            ("Reproduit avec l'aimable autorisation.", "notice", None),
            ("(AFP)", "bare", "AFP"),
            ("Crédits : AFP", "label", "AFP"),
            ("Article publié initialement sur Slate.com", "phrase", "Slate.com"),
            ("Cet article a été publié à l'origine en anglais sur The Conversation.", "phrase",
             "The Conversation"),
            ("Cet article est publié dans le cadre d'un partenariat avec Le Monde.", "phrase",
             "Le Monde"),
            ("Cet article a été généré automatiquement à partir d'une dépêche AFP.", "notice",
             "AFP"),
            ("Cette dépêche a été publiée automatiquement.", "notice", None),
        ],
        "not_credits": [
            "Selon l'AFP, trois personnes ont été blessées.",
            "Le ministre a déclaré à Reuters que les négociations avaient échoué.",
            "Source : Insee",
            "Publié le 5 juin 2024 à 10h00",
            "Interrogé par Le Monde, il a refusé de commenter.",
            "Le texte a d'abord été publié dans Le Monde, a rappelé le ministre.",
            "L'information a d'abord été révélée par Le Monde.",
            "Cet article a été publié par erreur.",
            "Cet article a été rédigé par Jean Dupont.",
        ],
        "contributions": [
            "Avec AFP",
            "Avec les dépêches de l'AFP",
            "Le Figaro avec AFP",
        ],
    },
    "es": {
        "credits": [
            ("Fuente: EFE", "label", "EFE"),
            ("Fuente: Agencia EFE", "label", "EFE"),
            ("Vía AFP", "label", "AFP"),
            ("Este artículo fue publicado originalmente en El País.", "phrase", "El País"),
            ("Publicado originalmente por The Conversation.", "phrase", "The Conversation"),
            ("La entrada Diez consejos para ahorrar se publicó primero en Blog Verde.",
             "phrase", "Blog Verde"),
            ("Lea el artículo original en El País.", "phrase", "El País"),
            ("Republicado con permiso de The Conversation.", "phrase", "The Conversation"),
            ("© 2024 EFE. Todos los derechos reservados.", "copyright", "EFE"),
            ("Reproducido con autorización.", "notice", None),
            ("(EFE)", "bare", "EFE"),
            ("Cortesía de The Conversation", "label", "The Conversation"),
            ("Este artículo fue publicado originalmente en The Conversation. Lea el original.",
             "phrase", "The Conversation"),
            ("Artículo publicado originalmente en El País", "phrase", "El País"),
            ("Este contenido forma parte de una alianza con El País.", "phrase", "El País"),
            ("Esta noticia ha sido publicada automáticamente desde un cable de agencia.", "notice",
             None),
            ("Fuente: Europa Press", "label", "Europa Press"),
        ],
        "not_credits": [
            "Según informó EFE, el acuerdo está cerca.",
            "El ministro dijo a Reuters que las conversaciones habían fracasado.",
            "Fuente: Instituto Nacional de Estadística",
            "Publicado el 5 de junio de 2024",
            "En declaraciones a El País, la alcaldesa defendió el plan.",
            "El artículo fue publicado originalmente en el diario, según dijo el portavoz.",
            "Este artículo fue publicado por error.",
            "Este artículo fue escrito por Juan Pérez.",
        ],
        "contributions": [
            "Con información de EFE",
            "Con información de agencias",
            "Con información de AFP y Reuters",
            "Con información de Europa Press",
        ],
    },
    "pt": {
        "credits": [
            ("Fonte: Agência Brasil", "label", "Agência Brasil"),
            ("Fonte: Reuters", "label", "Reuters"),
            ("Este artigo foi publicado originalmente na Folha de S.Paulo.", "phrase",
             "Folha de S.Paulo"),
            ("Publicado originalmente pelo The Conversation.", "phrase", "The Conversation"),
            ("O post Dez dicas para economizar apareceu primeiro em Blog do Zé.", "phrase",
             "Blog do Zé"),
            ("Republicado com permissão da Folha de S.Paulo.", "phrase", "Folha de S.Paulo"),
            ("© 2024 Reuters. Todos os direitos reservados.", "copyright", "Reuters"),
            ("Reproduzido com autorização.", "notice", None),
            ("(Reuters)", "bare", "Reuters"),
            ("Cortesia de The Conversation", "label", "The Conversation"),
            ("Texto publicado originalmente na Folha de S.Paulo.", "phrase", "Folha de S.Paulo"),
            ("Esta reportagem foi publicada originalmente pela Agência Brasil.", "phrase",
             "Agência Brasil"),
            ("Este artigo é republicado do The Conversation sob uma licença Creative Commons. "
             "Leia o artigo original.", "phrase", "The Conversation"),
            ("Copyright © 2024 Folha de S.Paulo. É proibida a reprodução total ou parcial.",
             "copyright", "Folha de S.Paulo"),
            ("Texto publicado automaticamente de um feed de agência.", "notice", None),
        ],
        "not_credits": [
            "Segundo a Reuters, o acordo está próximo.",
            "O ministro disse à Agência Brasil que as negociações falharam.",
            "Fonte: IBGE",
            "Publicado em 5 de junho de 2024",
            "Em entrevista à Folha, o prefeito defendeu o plano.",
            "O texto foi publicado originalmente no jornal, segundo o porta-voz.",
            "Este artigo foi publicado por engano.",
        ],
        "contributions": [
            "Com informações da Reuters",
            "Com agências",
            "Com Agência Brasil",
        ],
    },
    "it": {
        "credits": [
            ("Fonte: ANSA", "label", "ANSA"),
            ("Fonte: Reuters", "label", "Reuters"),
            ("Questo articolo è stato pubblicato originariamente su The Conversation.", "phrase",
             "The Conversation"),
            ("Pubblicato originariamente sul Corriere della Sera.", "phrase",
             "Corriere della Sera"),
            ("L'articolo Dieci consigli per il giardino proviene da Il Blog Verde.", "phrase",
             "Il Blog Verde"),
            ("Leggi l'articolo originale su Corriere della Sera.", "phrase",
             "Corriere della Sera"),
            ("© 2024 ANSA. Tutti i diritti riservati.", "copyright", "ANSA"),
            ("Riprodotto su autorizzazione.", "notice", None),
            ("(ANSA)", "bare", "ANSA"),
            ("Per gentile concessione del Corriere della Sera", "label", "Corriere della Sera"),
            ("Pubblicato originariamente in inglese su The Conversation.", "phrase",
             "The Conversation"),
            ("L’articolo Dieci consigli per il giardino sembra essere il primo su Il Blog Verde.",
             "phrase", "Il Blog Verde"),
            ("Questo articolo fa parte di una collaborazione con il Corriere della Sera.", "phrase",
             "Corriere della Sera"),
            ("Copyright © 2024 ANSA. Riproduzione riservata.", "copyright", "ANSA"),
            ("Questa notizia è stata pubblicata automaticamente da un feed di agenzia.", "notice",
             None),
        ],
        "not_credits": [
            "Secondo l'ANSA, l'accordo è vicino.",
            "Il ministro ha detto a Reuters che i negoziati sono falliti.",
            "Fonte: Istat",
            "Pubblicato il 5 giugno 2024",
            "Intervistato dal Corriere della Sera, il sindaco ha difeso il piano.",
            "© Riproduzione riservata",
            "L'articolo è stato pubblicato originariamente sul giornale, ha detto il portavoce.",
            "Questo articolo è stato pubblicato per errore.",
        ],
        "contributions": [
            "Con informazioni di ANSA",
            "Con agenzie",
            "Fonte: agenzie",
        ],
    },
    "nl": {
        "credits": [
            ("Bron: ANP", "label", "ANP"),
            ("Bron: NOS", "label", "NOS"),
            ("Dit artikel verscheen eerder op The Conversation.", "phrase", "The Conversation"),
            ("Oorspronkelijk gepubliceerd door NOS.", "phrase", "NOS"),
            ("Het bericht Tien tips voor de tuin verscheen eerst op Mijn Tuinblog.", "phrase",
             "Mijn Tuinblog"),
            ("© 2024 ANP. Alle rechten voorbehouden.", "copyright", "ANP"),
            ("Overgenomen met toestemming.", "notice", None),
            ("(ANP)", "bare", "ANP"),
            ("Met dank aan The Conversation", "label", "The Conversation"),
            ("Dit artikel verscheen voor het eerst op The Conversation.", "phrase",
             "The Conversation"),
            ("Dit stuk werd eerder gepubliceerd in de Volkskrant.", "phrase", "de Volkskrant"),
            ("Dit artikel verscheen oorspronkelijk in NRC.", "phrase", "NRC"),
            ("Overgenomen met toestemming van NOS.", "phrase", "NOS"),
            ("Dit artikel verscheen in het kader van een samenwerking met NOS.", "phrase", "NOS"),
            ("Dit bericht is automatisch overgenomen uit een nieuwsfeed.", "notice", None),
        ],
        "not_credits": [
            "Volgens het ANP is het akkoord dichtbij.",
            "De minister zei tegen Reuters dat de gesprekken mislukt zijn.",
            "Bron: CBS",
            "Gepubliceerd op 5 juni 2024",
            "In gesprek met de NOS verdedigde de burgemeester het plan.",
            "Het stuk verscheen eerder op zaterdag.",
            "Dit artikel is eerder verschenen op 5 juni 2024.",
            "Dit artikel verscheen eerder in de krant, zei de woordvoerder.",
        ],
        "contributions": [
            "Met medewerking van ANP",
            "Met informatie van Reuters",
            "Bron: persbureaus",
        ],
    },
    "ru": {
        "credits": [
            ("Источник: ТАСС", "label", "TASS"),
            ("Источник: РИА Новости", "label", "RIA Novosti"),
            ("Эта статья впервые опубликована на Медуза.", "phrase", "Meduza"),
            ("Впервые опубликовано на сайте The Conversation.", "phrase", "The Conversation"),
            ("Сообщение Десять советов для сада появились сначала на Мой Блог.", "phrase",
             "Мой Блог"),
            ("© 2024 ТАСС. Все права защищены.", "copyright", "TASS"),
            ("Публикуется с разрешения.", "notice", None),
            ("(ТАСС)", "bare", "TASS"),
            ("Оригинал: Медуза", "label", "Meduza"),
            ("Статья впервые опубликована на сайте The Conversation.", "phrase",
             "The Conversation"),
            ("Оригинал статьи опубликован на сайте The Conversation.", "phrase",
             "The Conversation"),
            ("Материал подготовлен в рамках партнёрства с РИА Новости.", "phrase", "RIA Novosti"),
            ("Перепечатано с разрешения редакции.", "notice", None),
            ("Новость сгенерирована автоматически на основе материалов информагентств.", "notice",
             None),
            ("Источник: Интерфакс", "label", "Interfax"),
        ],
        "not_credits": [
            "Как сообщает ТАСС, соглашение близко.",
            "Министр заявил Рейтер, что переговоры провалились.",
            "Источник: Росстат",
            "Опубликовано 5 июня 2024 года",
            "В интервью РИА Новости мэр защитил план.",
            "Статья впервые опубликована в понедельник.",
            "Статья впервые опубликована в журнале, сообщил представитель.",
            "Об этом сообщает РИА Новости.",
            "Как сообщает Интерфакс, переговоры продолжатся.",
        ],
        "contributions": [
            "При участии РИА Новости",
            "По материалам Рейтер",
            "С использованием материалов ТАСС",
            "По материалам Интерфакс",
        ],
    },
    "uk": {
        "credits": [
            ("Джерело: Укрінформ", "label", "Ukrinform"),
            ("Джерело: УНІАН", "label", "UNIAN"),
            ("Вперше опубліковано на сайті The Conversation.", "phrase", "The Conversation"),
            ("Публікація Десять порад для саду вперше з’явилася на Наш Сад.", "phrase",
             "Наш Сад"),
            ("© 2024 Укрінформ. Усі права захищені.", "copyright", "Ukrinform"),
            ("Передруковано з дозволу.", "notice", None),
            ("(Укрінформ)", "bare", "Ukrinform"),
            ("Першоджерело: УНІАН", "label", "UNIAN"),
            ("Стаття вперше опублікована на сайті The Conversation.", "phrase", "The Conversation"),
            ("Публікується з дозволу редакції УНІАН.", "phrase", "UNIAN"),
            ("Публікація Десять порад вперше зʼявилася на Наш Сад.", "phrase", "Наш Сад"),
            ("Матеріал підготовлено в рамках партнерства з Укрінформ.", "phrase", "Ukrinform"),
            ("Цей матеріал був автоматично опублікований зі стрічки новин.", "notice", None),
        ],
        "not_credits": [
            "Як повідомляє Укрінформ, угода близька.",
            "Міністр сказав Рейтер, що переговори провалилися.",
            "Джерело: Держстат",
            "Опубліковано 5 червня 2024 року",
            "В інтерв'ю УНІАН мер захистив план.",
            "Стаття вперше опублікована в понеділок.",
            "Про це повідомляє УНІАН.",
        ],
        "contributions": [
            "З використанням матеріалів УНІАН",
            "За матеріалами Рейтер",
            "За матеріалами агентств",
        ],
    },
    "pl": {
        "credits": [
            ("Źródło: PAP", "label", "PAP"),
            ("Źródło: Polska Agencja Prasowa", "label", "PAP"),
            ("Ten artykuł został pierwotnie opublikowany w The Conversation.", "phrase",
             "The Conversation"),
            ("Pierwotnie opublikowany w serwisie The Conversation.", "phrase",
             "The Conversation"),
            ("Wpis Dziesięć porad ogrodniczych pochodzi z serwisu Mój Ogród.", "phrase",
             "Mój Ogród"),
            ("© 2024 PAP. Wszelkie prawa zastrzeżone.", "copyright", "PAP"),
            ("Przedruk za zgodą.", "notice", None),
            ("(PAP)", "bare", "PAP"),
            ("Za: PAP", "label", "PAP"),
            ("Artykuł ukazał się pierwotnie w serwisie The Conversation.", "phrase",
             "The Conversation"),
            ("Artykuł został opublikowany po raz pierwszy w The Conversation.", "phrase",
             "The Conversation"),
            ("Ten artykuł został ponownie opublikowany z The Conversation na licencji Creative "
             "Commons. Przeczytaj oryginalny artykuł.", "phrase", "The Conversation"),
            ("Publikacja za zgodą redakcji The Conversation.", "phrase", "The Conversation"),
            ("Tekst został wygenerowany automatycznie na podstawie depesz agencyjnych.", "notice",
             None),
            ("Tekst został pierwotnie opublikowany na stronie Gazeta Wyborcza.", "phrase",
             "Gazeta Wyborcza"),
        ],
        "not_credits": [
            "Jak podała PAP, porozumienie jest blisko.",
            "Minister powiedział Reuterowi, że rozmowy się nie powiodły.",
            "Źródło: GUS",
            "Opublikowano 5 czerwca 2024",
            "W rozmowie z PAP burmistrz bronił planu.",
            "Artykuł ukazał się po raz pierwszy w poniedziałek.",
            "Artykuł ukazał się pierwotnie w gazecie, powiedział rzecznik.",
        ],
        "contributions": [
            "We współpracy z PAP",
            "Na podstawie informacji PAP",
            "Oprac. na podstawie PAP",
        ],
    },
    "tr": {
        "credits": [
            ("Kaynak: AA", "label", "Anadolu Agency"),
            ("Kaynak: Anadolu Ajansı", "label", "Anadolu Agency"),
            ("Bu haber ilk olarak Hürriyet'te yayımlandı.", "phrase", "Hürriyet"),
            ("On ipucu yazısı ilk önce Benim Bahçem üzerinde ortaya çıktı.", "phrase",
             "Benim Bahçem"),
            ("Bu makale The Conversation izniyle yayımlanmıştır.", "phrase", "The Conversation"),
            ("© 2024 Anadolu Ajansı. Tüm hakları saklıdır.", "copyright", "Anadolu Agency"),
            ("İzinle yayımlanmıştır.", "notice", None),
            ("(AA)", "bare", "Anadolu Agency"),
            ("Haber Kaynağı: AA", "label", "Anadolu Agency"),
            ("Bu yazı ilk kez The Conversation sitesinde yayınlandı.", "phrase",
             "The Conversation"),
            ("Bu makale The Conversation'dan Creative Commons lisansı altında yeniden "
             "yayımlanmıştır.", "phrase", "The Conversation"),
            ("Hürriyet'in izniyle yayımlanmıştır.", "phrase", "Hürriyet"),
            ("Bu içerik Hürriyet ile yapılan iş birliği kapsamında yayımlanmıştır.", "phrase",
             "Hürriyet"),
            ("© Copyright 2024 Hürriyet. Her hakkı saklıdır.", "copyright", "Hürriyet"),
            ("Bu haber otomatik olarak ajans akışından alınmıştır.", "notice", None),
        ],
        "not_credits": [
            "AA'nın haberine göre anlaşma yakın.",
            "Bakan, Reuters'a müzakerelerin başarısız olduğunu söyledi.",
            "Kaynak: TÜİK",
            "Yayınlanma tarihi: 5 Haziran 2024",
            "Hürriyet'e konuşan belediye başkanı planı savundu.",
            "Bu haber ilk olarak Pazartesi günü yayımlandı.",
            "Bu yazı Ali'den.",
        ],
        "contributions": [
            "AA'nın katkılarıyla",
            "Ajanslar ve AA katkısıyla",
            "Kaynak: Ajanslar",
        ],
    },
    "ar": {
        "credits": [
            ("المصدر: رويترز", "label", "Reuters"),
            ("المصدر: الأناضول", "label", "Anadolu Agency"),
            ("نقلا عن الجزيرة", "label", "Al Jazeera"),
            ("ظهرت المقالة عشر نصائح للحديقة أولاً على مدونتي.", "phrase", "مدونتي"),
            ("نشرت هذه المقالة أولا على The Conversation", "phrase", "The Conversation"),
            ("جميع الحقوق محفوظة لرويترز", "copyright", "Reuters"),
            ("© 2024 فرانس برس. جميع الحقوق محفوظة.", "copyright", "AFP"),
            ("أعيد نشره بإذن.", "notice", None),
            ("(رويترز)", "bare", "Reuters"),
            ("المصدر الأصلي: الجزيرة", "label", "Al Jazeera"),
            ("نشر هذا المقال في الأصل على موقع الجزيرة", "phrase", "Al Jazeera"),
            ("نُشر هذا المقال في الأصل على The Conversation", "phrase", "The Conversation"),
            ("يعاد نشر هذا المقال من The Conversation بموجب رخصة المشاع الإبداعي.", "phrase",
             "The Conversation"),
            ("تم نشر هذا المقال بموجب شراكة مع الجزيرة.", "phrase", "Al Jazeera"),
            ("جميع الحقوق محفوظة © 2024 الجزيرة", "copyright", "Al Jazeera"),
            ("هذا الخبر تم نشره تلقائياً من خلال وكالة أنباء.", "notice", None),
            ("هذا الخبر منقول من موقع الجزيرة وقد قام فريق التحرير في موقعنا بالتأكد منه وربما تم "
             "التعديل فيه.", "notice", "Al Jazeera"),
        ],
        "not_credits": [
            "وقال الوزير لرويترز إن المحادثات فشلت.",
            "وبحسب الأناضول، فإن الاتفاق قريب.",
            "المصدر: الجهاز المركزي للإحصاء",
            "نشر في 5 يونيو 2024",
            "وفي مقابلة مع الجزيرة، دافع رئيس البلدية عن الخطة.",
            "نشر هذا المقال أولا يوم الاثنين.",
        ],
        "contributions": [
            "ساهمت رويترز في هذا التقرير",
            "بمساهمة من رويترز",
            "المصدر: وكالات",
        ],
    },
    "zh": {
        "credits": [
            ("来源：新华社", "label", "Xinhua"),
            ("來源：中央社", "label", "Central News Agency"),
            ("本文转自澎湃新闻", "label", "The Paper"),
            ("稿源：新華社", "label", "Xinhua"),
            ("本文原载于澎湃新闻", "phrase", "The Paper"),
            ("文章十条园艺建议最先出现在我的花园。", "phrase", "我的花园"),
            ("新华社版权所有", "copyright", "Xinhua"),
            ("© 2024 路透社 版权所有", "copyright", "Reuters"),
            ("本文经授权转载", "notice", None),
            ("（新华社）", "bare", "Xinhua"),
            ("本文原载澎湃新闻，经授权转载。", "phrase", "The Paper"),
            ("本文转载自澎湃新闻，版权归原作者所有。", "label", "The Paper"),
            ("本文首发于澎湃新闻，原标题为《十条建议》", "phrase", "The Paper"),
            ("原文刊载于澎湃新闻", "phrase", "The Paper"),
            ("本文首發於中央社", "phrase", "Central News Agency"),
            ("本文来自微信公众号：虎嗅APP（ID：huxiu_com），作者：张三", "phrase", "虎嗅APP"),
            ("本文系澎湃新闻独家稿件，未经授权不得转载。", "phrase", "The Paper"),
            ("版权所有 © 新华社", "copyright", "Xinhua"),
            ("本文为转载内容，版权归原作者所有，如有侵权请联系删除。", "notice", None),
            ("来源:新华网", "label", "Xinhua"),
        ],
        "not_credits": [
            "据新华社报道，国务院常务会议5日召开。",
            "部长对路透社表示，谈判已经失败。",
            "来源：国家统计局",
            "发布时间：2024年6月5日",
            "新华社记者在现场看到，救援工作仍在进行。",
            "作者：张三",
            "（记者 张三）",
        ],
        "contributions": [
            "综合新华社报道",
            "综合外电报道",
            "综合报道",
        ],
    },
    "ja": {
        "credits": [
            ("出典：共同通信", "label", "Kyodo News"),
            ("提供：時事通信", "label", "Jiji Press"),
            ("出典:NHK", "label", "NHK"),
            ("この記事はNHKで最初に掲載されたものです", "phrase", "NHK"),
            ("投稿「庭づくり十の提案」は私の庭に最初に表示されました。", "phrase", "私の庭"),
            ("共同通信より転載", "phrase", "Kyodo News"),
            ("© 2024 時事通信 無断転載禁止", "copyright", "Jiji Press"),
            ("許可を得て転載しています", "notice", None),
            ("（共同通信）", "bare", "Kyodo News"),
            ("配信元：共同通信", "label", "Kyodo News"),
            ("本記事は共同通信より許可を得て転載しています。", "phrase", "Kyodo News"),
            ("この記事は、The Conversationに掲載された記事を翻訳・転載したものです。", "phrase",
             "The Conversation"),
            ("元記事はNHKで掲載されています", "phrase", "NHK"),
            ("(C)共同通信", "copyright", "Kyodo News"),
            ("© 時事通信社 記事・写真の無断転載を禁じます。", "copyright", "Jiji Press"),
            ("この記事は配信元から自動配信されています。", "notice", None),
        ],
        "not_credits": [
            "共同通信の取材に対し、大臣は交渉が決裂したと述べた。",
            "ロイター通信によると、合意は近い。",
            "出典：総務省統計局",
            "2024年6月5日 10時00分 公開",
            "NHKのインタビューで市長は計画を擁護した。",
            "この記事はNHKのインタビューをもとに作成しました。",
        ],
        "contributions": [
            "共同通信の記事をもとに作成",
            "時事の取材協力",
            "外電の報道をもとに作成しました",
        ],
    },
    "ko": {
        "credits": [
            ("출처: 연합뉴스", "label", "Yonhap"),
            ("제공: 뉴시스", "label", "Newsis"),
            ("이 기사는 연합뉴스에 처음 게재됐습니다.", "phrase", "Yonhap"),
            ("정원 가꾸기 10가지 팁 글이 나의 정원에 처음 등장했습니다.", "phrase", "나의 정원"),
            ("<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>", "copyright", "Yonhap"),
            ("저작권자 © 뉴시스 무단전재 및 재배포 금지", "copyright", "Newsis"),
            ("© 2024 연합뉴스. All rights reserved.", "copyright", "Yonhap"),
            ("허락을 받아 전재했습니다", "notice", None),
            ("(연합뉴스)", "bare", "Yonhap"),
            ("[출처: 연합뉴스]", "label", "Yonhap"),
            ("이 글은 The Conversation에 처음 실린 글입니다.", "phrase", "The Conversation"),
            ("이 기사는 The Conversation에 게재된 글을 번역한 것입니다.", "phrase",
             "The Conversation"),
            ("본 기사는 뉴시스와의 제휴에 따라 게재됩니다.", "phrase", "Newsis"),
            ("Copyright ⓒ 뉴시스. All rights reserved. 무단 전재 및 재배포, AI 학습 이용 금지.",
             "copyright", "Newsis"),
            ("저작권자 ⓒ 연합뉴스. 무단 전재, 재배포 및 AI학습 이용 금지.", "copyright", "Yonhap"),
            ("이 기사는 통신사 피드를 통해 자동 게재되었습니다.", "notice", None),
        ],
        "not_credits": [
            "연합뉴스에 따르면 정부는 새 대책을 발표했다.",
            "장관은 로이터에 협상이 결렬됐다고 말했다.",
            "출처: 통계청",
            "입력 2024.06.05 10:00",
            "시장은 연합뉴스와의 인터뷰에서 계획을 옹호했다.",
            "(서울=연합뉴스) 홍길동 기자 =",
        ],
        "contributions": [
            "연합뉴스 종합",
            "외신 종합",
        ],
    },
    "vi": {
        "credits": [
            ("Nguồn: TTXVN", "label", "Vietnam News Agency"),
            ("Theo VnExpress", "label", "VnExpress"),
            ("Nguồn: Thông tấn xã Việt Nam", "label", "Vietnam News Agency"),
            ("Bài viết Mười mẹo làm vườn đã xuất hiện đầu tiên vào ngày Vườn Nhà Tôi.",
             "phrase", "Vườn Nhà Tôi"),
            ("Bài viết này được đăng lần đầu trên The Conversation.", "phrase",
             "The Conversation"),
            ("© 2024 TTXVN. Bản quyền thuộc về TTXVN.", "copyright", "Vietnam News Agency"),
            ("Đăng lại với sự cho phép.", "notice", None),
            ("(TTXVN)", "bare", "Vietnam News Agency"),
            ("Theo Reuters", "label", "Reuters"),
            ("Bài viết được đăng lần đầu tiên trên VnExpress.", "phrase", "VnExpress"),
            ("Bài viết gốc được đăng trên The Conversation.", "phrase", "The Conversation"),
            ("Bài viết được đăng lại từ The Conversation theo giấy phép Creative Commons.",
             "phrase", "The Conversation"),
            ("Bài viết được đăng trong khuôn khổ hợp tác với VnExpress.", "phrase", "VnExpress"),
            ("Bản quyền thuộc về VnExpress.", "copyright", "VnExpress"),
            ("Tin bài được tự động tổng hợp từ các nguồn báo chí.", "notice", None),
        ],
        "not_credits": [
            "Theo thông tin từ TTXVN, thỏa thuận sắp đạt được.",
            "Bộ trưởng nói với Reuters rằng các cuộc đàm phán đã thất bại.",
            "Nguồn: Tổng cục Thống kê",
            "Cập nhật ngày 5/6/2024",
            "Trả lời phỏng vấn VnExpress, thị trưởng bảo vệ kế hoạch.",
            "Theo Bộ Y tế",
            "Theo ông Nguyễn Văn A, kế hoạch sẽ được triển khai.",
        ],
        "contributions": [
            "Tổng hợp từ Reuters",
            "Theo các hãng tin",
        ],
    },
    "id": {
        "credits": [
            ("Sumber: Antara", "label", "Antara"),
            ("Sumber: Kompas", "label", "Kompas"),
            ("Artikel Sepuluh Tips Berkebun pertama kali tampil pada Kebun Saya.", "phrase",
             "Kebun Saya"),
            ("Artikel ini pertama kali diterbitkan di The Conversation.", "phrase",
             "The Conversation"),
            ("© 2024 Antara. Hak cipta dilindungi undang-undang.", "copyright", "Antara"),
            ("Diterbitkan ulang atas izin.", "notice", None),
            ("(ANTARA)", "bare", "Antara"),
            ("Dikutip dari Kompas", "label", "Kompas"),
            ('Artikel ini telah tayang di Kompas.com dengan judul "Sepuluh Tips Berkebun", Klik '
             "untuk baca: https://www.kompas.com/xyz.", "phrase", "Kompas"),
            ("Artikel ini sebelumnya telah tayang di Kompas.", "phrase", "Kompas"),
            ("Artikel ini diterbitkan ulang dari The Conversation di bawah lisensi Creative "
             "Commons. Baca artikel aslinya.", "phrase", "The Conversation"),
            ("Artikel ini merupakan kerja sama dengan Kompas.", "phrase", "Kompas"),
            ("Hak cipta milik Kompas", "copyright", "Kompas"),
            ("Artikel ini dibuat secara otomatis dari feed kantor berita.", "notice", None),
        ],
        "not_credits": [
            "Menurut Antara, kesepakatan sudah dekat.",
            "Menteri mengatakan kepada Reuters bahwa perundingan gagal.",
            "Sumber: Badan Pusat Statistik",
            "Diterbitkan 5 Juni 2024",
            "Kepada Kompas, wali kota membela rencana itu.",
            "Artikel ini pertama kali diterbitkan pada Senin.",
            "Artikel ini diterbitkan oleh Redaksi.",
            "Berita ini dimuat di halaman 5.",
        ],
        "contributions": [
            "Dengan laporan dari Reuters",
            "Dihimpun dari berbagai sumber",
            "Sumber: berbagai sumber",
        ],
    },
    "hi": {
        "credits": [
            ("स्रोत: पीटीआई", "label", "PTI"),
            ("साभार: भाषा", "label", "PTI"),
            ("साभार: दैनिक जागरण", "label", "Dainik Jagran"),
            ("पोस्ट बागवानी के दस सुझाव पहली बार मेरा बगीचा पर दिखाई दी", "phrase", "मेरा बगीचा"),
            ("© 2024 पीटीआई. सर्वाधिकार सुरक्षित.", "copyright", "PTI"),
            ("(भाषा)", "bare", "PTI"),
            ("सोर्स: पीटीआई", "label", "PTI"),
            ("यह लेख मूल रूप से The Conversation पर प्रकाशित हुआ था।", "phrase",
             "The Conversation"),
            ("यह लेख The Conversation से क्रिएटिव कॉमन्स लाइसेंस के तहत पुनः प्रकाशित किया गया है।",
             "phrase", "The Conversation"),
            ("(दैनिक जागरण से साभार)", "phrase", "Dainik Jagran"),
            ("पोस्ट बागवानी के दस सुझाव पहले मेरा बगीचा पर दिखाई दिया।", "phrase", "मेरा बगीचा"),
            ("© 2024 पीटीआई। सर्वाधिकार सुरक्षित।", "copyright", "PTI"),
            ("यह ख़बर एजेंसी फीड से ली गई है।", "notice", None),
            ("(इस खबर को एनडीटीवी टीम ने संपादित नहीं किया है. यह सिंडीकेट फीड से सीधे प्रकाशित की गई "
             "है।)", "notice", None),
            ("स्रोत: आईएएनएस", "label", "IANS"),
        ],
        "not_credits": [
            "पीटीआई के अनुसार समझौता करीब है।",
            "मंत्री ने रॉयटर्स को बताया कि बातचीत विफल रही।",
            "स्रोत: राष्ट्रीय सांख्यिकी कार्यालय",
            "प्रकाशित: 5 जून 2024",
            "दैनिक जागरण से बातचीत में महापौर ने योजना का बचाव किया।",
            "यह लेख पहली बार सोमवार को प्रकाशित हुआ था।",
            "आईएएनएस से बातचीत में मंत्री ने कहा कि बातचीत जारी रहेगी।",
        ],
        "contributions": [
            "पीटीआई इनपुट के साथ",
            "एजेंसी इनपुट के साथ",
            "इनपुट: भाषा",
            "(इनपुट: आईएएनएस)",
        ],
    },
}


@pytest.fixture(scope="module")
def registry() -> Registry:
    return parse_registry(REGISTRY, "test registry")


def _credited(line: str, registry: Registry) -> tuple[str, str | None] | None:
    """(cue, outlet) of the line's credit; None when it credits no outlet at all (a label
    before a name the registry does not know is a source of data, not a credit)."""
    credit = read_credit(line, registry)
    if credit is None or (credit.cue == "label" and not credit.publishers):
        return None
    return credit.cue, credit.publishers[0].name if credit.publishers else credit.name


def test_every_language_of_the_vocabulary_has_examples() -> None:
    assert set(load("credits")) == set(EXAMPLES)
    for language, kinds in load("credits").items():
        assert kinds.get("labels") and kinds.get("phrases") and kinds.get("copyright"), language


def test_every_phrase_compiles() -> None:
    for language, kinds in load("credits").items():
        for kind, phrases in kinds.items():
            for phrase in phrases:
                assert compile_phrase(phrase), (language, kind, phrase)


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_credit_lines(language: str, registry: Registry) -> None:
    for line, cue, outlet in EXAMPLES[language]["credits"]:
        assert _credited(line, registry) == (cue, outlet), line


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_prose_and_other_sources_are_no_credit(language: str, registry: Registry) -> None:
    for line in EXAMPLES[language]["not_credits"]:
        assert _credited(line, registry) is None, line


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_contributions_are_no_credit(language: str, registry: Registry) -> None:
    for line in EXAMPLES[language]["contributions"]:
        assert _credited(line, registry) == ("contribution", None), line


def test_tails_leave_the_name() -> None:
    assert strip_tails("© 2024 The Associated Press. All rights reserved.") == (
        "© 2024 The Associated Press")
    assert strip_tails("Source: EFE, June 5, 2024") == "Source: EFE"


def test_a_slotted_phrase_is_compiled_for_the_first_line_that_holds_its_needle() -> None:
    """Each slotted phrase carries the whole tail: compiled only when a line may need it,
    the same matches as compiled up front."""
    phrases = Phrases(["{name} 版權所有", "{name} contributed to this report", "Source: {name}"],
                      HEAD, END)
    assert phrases.match("Source: EFE").group(0) == "Source: EFE"
    assert phrases.match("Reuters contributed to this report") is not None
    assert "{name} 版權所有" not in phrases._slot_patterns
    assert slot(phrases.match("中央社 版權所有")) == "中央社"
    assert set(phrases._slot_patterns) == {"{name} 版權所有", "{name} contributed to this report"}
