"""Wire datelines: the agency's mark opening a story, in the forms agencies use across
languages, and the sentences that look like one but are not."""

from __future__ import annotations

import pytest

from ingest.attribution.datelines import find_dateline
from ingest.core.publishers import Registry, load_registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


DATELINES = [
    ("WASHINGTON (AP) — The Senate voted on Tuesday to extend the program.",
     "WASHINGTON (AP) —", "Associated Press"),
    ("HAYWARD, Calif. (AP) — A man was stabbed to death on a train platform.",
     "HAYWARD, Calif. (AP) —", "Associated Press"),
    ("LONDON, June 5 (Reuters) - Shares in London fell for a third day.",
     "LONDON, June 5 (Reuters) -", "Reuters"),
    ("Washington (CNN)The president signed the bill on Friday.", "Washington (CNN)", "CNN"),
    ("BERLIN (dpa/AFP) - Die Bundesregierung hat am Mittwoch beschlossen.",
     "BERLIN (dpa/AFP) -", "dpa"),
    ("Frankfurt am Main (dpa) - Die Börse schloss im Minus.", "Frankfurt am Main (dpa) -", "dpa"),
    ("PARIS, 5 juin (AFP) - Le gouvernement a présenté mercredi son plan.",
     "PARIS, 5 juin (AFP) -", "AFP"),
    ("MADRID, 5 jun (EFE).- El Gobierno aprobó este martes la reforma.",
     "MADRID, 5 jun (EFE).-", "EFE"),
    ("RIO DE JANEIRO, 5 de junho (Reuters) - O governo anunciou nesta quarta-feira.",
     "RIO DE JANEIRO, 5 de junho (Reuters) -", "Reuters"),
    ("(ANSA) - ROMA, 5 GIU - Il governo ha approvato il decreto.", "(ANSA) -", "ANSA"),
    ("Jakarta (ANTARA) - Pemerintah menetapkan harga baru.", "Jakarta (ANTARA) -", "Antara"),
    ("PTI / New Delhi: The government on Monday announced a new scheme.", "PTI / New Delhi:",
     "PTI"),
    ("МОСКВА, 5 июня. /ТАСС/. Президент подписал указ.", "МОСКВА, 5 июня. /ТАСС/.", "TASS"),
    ("Київ, 5 червня /Укрінформ/. Уряд ухвалив рішення.", "Київ, 5 червня /Укрінформ/.",
     "Ukrinform"),
    ("(서울=연합뉴스) 김철수 기자 = 정부는 5일 새 대책을 발표했다.", "(서울=연합뉴스)", "Yonhap"),
    ("【ワシントン共同】米政府は5日、新たな制裁を発表した。", "【ワシントン共同】", "Kyodo News"),
    ("新华社北京6月5日电（记者张三）国务院常务会议5日召开。", "新华社北京6月5日电", "Xinhua"),
    ("نيويورك (رويترز) - قال مسؤولون يوم الأربعاء إن الاتفاق قريب.", "نيويورك (رويترز) -",
     "Reuters"),
    ("Hà Nội (TTXVN) - Chính phủ vừa ban hành nghị định mới.", "Hà Nội (TTXVN) -",
     "Vietnam News Agency"),
]

NOT_DATELINES = [
    "Students in the Advanced Placement (AP) program take exams in May.",
    "The president told Reuters (Reuters) that he would not run again.",
    "He said in June 2020 (AP) that the plan had failed.",
    "Officials from the World Health Organization (WHO) met in Geneva.",
    "据新华社报道，国务院常务会议5日召开。",
    "The Associated Press reported on Tuesday that the talks had stalled.",
]


@pytest.mark.parametrize(("paragraph", "text", "publisher"), DATELINES,
                         ids=[d[1] for d in DATELINES])
def test_datelines_name_the_agency(paragraph: str, text: str, publisher: str,
                                   registry: Registry) -> None:
    found = find_dateline(paragraph, registry)
    assert found is not None
    assert (found.text, found.publisher.name) == (text, publisher)


@pytest.mark.parametrize("paragraph", NOT_DATELINES)
def test_sentences_are_no_datelines(paragraph: str, registry: Registry) -> None:
    assert find_dateline(paragraph, registry) is None
