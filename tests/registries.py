"""A small publisher registry for the vocabulary tests: agencies and outlets in several
languages and scripts, written apart from data/publishers.toml so the tests do not move when
the shipped registry grows."""

REGISTRY = """
[[publisher]]
name = "NPR"
aliases = ["National Public Radio"]
domains = ["npr.org"]
[[publisher]]
name = "Associated Press"
aliases = ["AP", "The Associated Press"]
domains = ["apnews.com"]
kind = "agency"
[[publisher]]
name = "Reuters"
aliases = ["路透社", "ロイター", "로이터", "Рейтер", "Рейтеру", "رويترز", "रॉयटर्स"]
domains = ["reuters.com"]
kind = "agency"
[[publisher]]
name = "AFP"
aliases = ["Agence France-Presse", "法新社", "AFP通信", "Франс Пресс", "فرانس برس"]
domains = ["afp.com"]
kind = "agency"
[[publisher]]
name = "The Conversation"
domains = ["theconversation.com"]
kind = "nonprofit"
[[publisher]]
name = "dpa"
aliases = ["Deutsche Presse-Agentur"]
domains = ["dpa.com"]
kind = "agency"
[[publisher]]
name = "EFE"
aliases = ["Agencia EFE"]
domains = ["efe.com"]
kind = "agency"
[[publisher]]
name = "Agência Brasil"
domains = ["agenciabrasil.ebc.com.br"]
kind = "agency"
[[publisher]]
name = "ANSA"
domains = ["ansa.it"]
kind = "agency"
[[publisher]]
name = "ANP"
domains = ["anp.nl"]
kind = "agency"
[[publisher]]
name = "TASS"
aliases = ["ТАСС"]
domains = ["tass.ru"]
kind = "agency"
[[publisher]]
name = "Ukrinform"
aliases = ["Укрінформ"]
domains = ["ukrinform.ua"]
kind = "agency"
[[publisher]]
name = "PAP"
aliases = ["Polska Agencja Prasowa"]
domains = ["pap.pl"]
kind = "agency"
[[publisher]]
name = "Anadolu Agency"
aliases = ["Anadolu Ajansı", "AA", "الأناضول"]
domains = ["aa.com.tr"]
kind = "agency"
[[publisher]]
name = "Xinhua"
aliases = ["新华社", "新華社", "新华网"]
domains = ["news.cn"]
kind = "agency"
[[publisher]]
name = "Kyodo News"
aliases = ["共同通信", "共同通信社"]
domains = ["kyodonews.jp"]
kind = "agency"
[[publisher]]
name = "Yonhap"
aliases = ["연합뉴스"]
domains = ["yna.co.kr"]
kind = "agency"
[[publisher]]
name = "Vietnam News Agency"
aliases = ["TTXVN", "Thông tấn xã Việt Nam"]
domains = ["vnanet.vn"]
kind = "agency"
[[publisher]]
name = "Antara"
aliases = ["ANTARA", "Kantor Berita Antara"]
domains = ["antaranews.com"]
kind = "agency"
[[publisher]]
name = "PTI"
aliases = ["Press Trust of India", "भाषा", "पीटीआई"]
domains = ["ptinews.com"]
kind = "agency"
[[publisher]]
name = "BBC"
aliases = ["BBC News"]
domains = ["bbc.com", "bbc.co.uk"]
kind = "broadcaster"
[[publisher]]
name = "Die Zeit"
aliases = ["ZEIT ONLINE"]
domains = ["zeit.de"]
[[publisher]]
name = "El País"
domains = ["elpais.com"]
[[publisher]]
name = "Le Monde"
domains = ["lemonde.fr"]
[[publisher]]
name = "Folha de S.Paulo"
domains = ["folha.uol.com.br"]
[[publisher]]
name = "Corriere della Sera"
domains = ["corriere.it"]
[[publisher]]
name = "NOS"
domains = ["nos.nl"]
kind = "broadcaster"
[[publisher]]
name = "RIA Novosti"
aliases = ["РИА Новости"]
domains = ["ria.ru"]
kind = "agency"
[[publisher]]
name = "Meduza"
aliases = ["Медуза"]
domains = ["meduza.io"]
[[publisher]]
name = "UNIAN"
aliases = ["УНІАН"]
domains = ["unian.net"]
kind = "agency"
[[publisher]]
name = "Hürriyet"
domains = ["hurriyet.com.tr"]
[[publisher]]
name = "Al Jazeera"
aliases = ["الجزيرة"]
domains = ["aljazeera.net"]
kind = "broadcaster"
[[publisher]]
name = "The Paper"
aliases = ["澎湃新闻"]
domains = ["thepaper.cn"]
[[publisher]]
name = "Central News Agency"
aliases = ["中央社"]
domains = ["cna.com.tw"]
kind = "agency"
[[publisher]]
name = "Jiji Press"
aliases = ["時事通信", "時事通信社"]
domains = ["jiji.com"]
kind = "agency"
[[publisher]]
name = "NHK"
domains = ["nhk.or.jp"]
kind = "broadcaster"
[[publisher]]
name = "Newsis"
aliases = ["뉴시스"]
domains = ["newsis.com"]
kind = "agency"
[[publisher]]
name = "VnExpress"
domains = ["vnexpress.net"]
[[publisher]]
name = "Kompas"
domains = ["kompas.com"]
[[publisher]]
name = "Europa Press"
domains = ["europapress.es"]
kind = "agency"
[[publisher]]
name = "Interfax"
aliases = ["Интерфакс"]
domains = ["interfax.ru"]
kind = "agency"
[[publisher]]
name = "IANS"
aliases = ["Indo-Asian News Service", "आईएएनएस"]
domains = ["ians.in"]
kind = "agency"
[[publisher]]
name = "de Volkskrant"
aliases = ["Volkskrant"]
domains = ["volkskrant.nl"]
[[publisher]]
name = "NRC"
domains = ["nrc.nl"]
[[publisher]]
name = "Gazeta Wyborcza"
aliases = ["Wyborcza"]
domains = ["wyborcza.pl"]
[[publisher]]
name = "Dainik Jagran"
aliases = ["दैनिक जागरण"]
domains = ["jagran.com"]
"""
