#!/usr/bin/env python3
"""Writes the charset test pages: corpus/html/charset-<name>.html in a legacy
(or UTF-16) encoding, with <name>.expected.txt beside each in UTF-8.

Each page is written here in UTF-8 and its bytes are converted with Python's
codecs, so the .html file really is in that charset. Run:
    python3 corpus/gen/charsets.py
"""
import html
import os

HTML = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "html")

PAGES = []


def page(name, codec, lang, head_charset, title, nav, headline, byline, paras, footer, bom=False):
    PAGES.append(dict(name=name, codec=codec, lang=lang, head_charset=head_charset, title=title, nav=nav,
                      headline=headline, byline=byline, paras=paras, footer=footer, bom=bom))


# --- windows-1252, declared with <meta charset> ------------------------------
page("charset-windows-1252", "cp1252", "en", '<meta charset="windows-1252">',
     "Café owners brace for €4 cappuccino as bean prices soar – The Harbourside Herald",
     ["News", "Business", "Food & Drink", "Community", "Sport", "Letters", "Contact"],
     "Café owners brace for the €4 cappuccino as bean prices soar",
     "By Siobhán O’Donnell — 14 May 2024",
     ["Owners of independent cafés along the harbour front say the price of a cappuccino is likely to pass €4 before the end of the summer, after the cost of green coffee beans on world markets rose to its highest level in more than a decade.",
      "“We held our prices through the winter because we didn’t want to lose regulars,” said Renée Duchamp, who runs Café Lumière on Quay Street. “But I’m now paying almost twice what I paid two years ago for the same beans. Something has to give — and I’d rather it wasn’t the quality.”",
      "Importers blame poor harvests in several of the largest producing countries, together with higher shipping costs. Arabica prices, which matter most to speciality cafés, have risen by about 60% since January, while the cheaper robusta used in many instant coffees has climbed even faster.",
      "Some owners are trying to soften the blow. The Old Pier Roastery has introduced a “regulars’ card” that gives every tenth drink free, and at least two cafés now offer a smaller 6oz cup at the old price… though customers, Ms Duchamp admits, are not always keen to drink less coffee."],
     "© 2024 The Harbourside Herald · Privacy · Terms · Advertise")

# --- ISO-8859-1, no declaration at all ----------------------------------------
page("charset-iso-8859-1", "latin-1", "fr", "",
     "Le marché de Noël de Sélestat-Bois attire des visiteurs de toute la région - L'Écho d'Alsace du Nord",
     ["Accueil", "Région", "Économie", "Société", "Culture", "Sports", "Météo"],
     "Le marché de Noël de Sélestat-Bois attire des visiteurs de toute la région",
     "Par Hélène Krüger, le 9 décembre 2023",
     ["Depuis son ouverture, vendredi dernier, le marché de Noël de Sélestat-Bois ne désemplit pas. Sur la place de l'Hôtel-de-Ville, une soixantaine de chalets en bois proposent des décorations, des bredele, du pain d'épices et du vin chaud, et les organisateurs espèrent dépasser cette année les quatre-vingt mille visiteurs.",
      "Les exposants ont été sélectionnés avec soin : près des deux tiers sont des artisans ou des producteurs installés à moins de cinquante kilomètres. « Nous voulons que les gens repartent avec des objets fabriqués ici, pas avec des décorations importées que l'on trouve partout », explique Françoise Müller, adjointe au maire chargée du commerce.",
      "Parmi les nouveautés, un chalet est entièrement consacré aux jouets en bois réalisés par les élèves du lycée professionnel voisin. Les bénéfices financeront un voyage d'études en Forêt-Noire, où les jeunes découvriront des ateliers de tournage et de sculpture réputés.",
      "Le marché est ouvert tous les jours jusqu'au 24 décembre, de onze heures à vingt heures, et jusqu'à vingt-deux heures le samedi. Des navettes gratuites relient la gare et les parkings périphériques au centre-ville, où la circulation est interdite pendant toute la durée des festivités."],
     "© 2023 L'Écho d'Alsace du Nord - Mentions légales - Contact - Publicité")

# --- Shift_JIS, declared ------------------------------------------------------
page("charset-shift_jis", "shift_jis", "ja", '<meta charset="Shift_JIS">',
     "商店街に「まちの保健室」開設　看護師が無料で健康相談｜ひがし海浜タイムス",
     ["トップ", "地域", "くらし", "経済", "教育", "スポーツ", "お問い合わせ"],
     "商店街に「まちの保健室」開設　看護師が無料で健康相談",
     "2023年11月8日　記者：高橋 直子",
     ["浜田市の中央商店街の空き店舗に、看護師が常駐して住民の健康相談に無料で応じる「まちの保健室」が開設された。血圧や体組成の測定ができるほか、病院に行くほどではないけれど気になる体の不調や、介護の悩みなどについて気軽に相談できる場として期待されている。",
      "運営するのは、市内の訪問看護ステーションで働く看護師らでつくる団体。週に三日、午前十時から午後四時まで開いており、予約は必要ない。開設から一か月で延べ約三百人が訪れ、その多くが一人暮らしの高齢者だったという。",
      "代表の石井恵子さんは「病院の待合室では聞きにくいことも、商店街で買い物のついでなら話しやすい。早めに相談してもらうことで、重い病気の予防にもつなげたい」と話す。市は来年度、同様の拠点を別の地区にも設ける方向で検討している。"],
     "Copyright (C) ひがし海浜タイムス All rights reserved.")

# --- EUC-KR, declared (Korean) ------------------------------------------------
page("charset-euc-kr", "euc_kr", "ko", '<meta charset="euc-kr">',
     "폐교된 초등학교, 마을 주민 위한 복합문화공간으로 재탄생 - 남해안일보",
     ["홈", "지역", "경제", "사회", "문화", "스포츠", "오피니언"],
     "폐교된 초등학교, 마을 주민 위한 복합문화공간으로 재탄생",
     "김서연 기자 | 2024년 3월 18일",
     ["학생 수 감소로 문을 닫았던 시골 초등학교가 주민들을 위한 복합문화공간으로 다시 태어났다. 남해군 서면의 옛 서상초등학교는 지난 주말 개관식을 열고 도서관과 공방, 작은 영화관을 갖춘 문화센터로 새롭게 문을 열었다.",
      "이 학교는 한때 전교생이 삼백 명이 넘었지만, 마을 인구가 줄면서 2015년 마지막 졸업생을 배출한 뒤 폐교됐다. 이후 건물은 몇 년 동안 방치됐고, 주민들은 학교가 허물어질까 걱정해 왔다.",
      "군은 주민 의견을 모아 교실을 고쳐 도서관과 목공방, 요리 교실로 꾸미고, 강당은 영화 상영과 공연을 할 수 있는 공간으로 바꿨다. 운영은 마을 주민들이 만든 협동조합이 맡는다.",
      "이 학교 졸업생인 박영수 씨는 \"어릴 때 뛰어놀던 교실에서 다시 사람들 목소리를 들으니 감회가 새롭다\"며 \"아이들과 어르신들이 함께 어울리는 공간이 되었으면 좋겠다\"고 말했다."],
     "Copyright 남해안일보. All rights reserved. 무단 전재 및 재배포 금지.")

# --- windows-1251, declared with http-equiv (Russian) -------------------------
page("charset-windows-1251", "cp1251", "ru",
     '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
     "В Озёрске после реконструкции открылся городской парк — Озёрская правда",
     ["Главная", "Новости", "Город", "Общество", "Культура", "Спорт", "Объявления"],
     "В Озёрске после реконструкции открылся городской парк",
     "Мария Ветрова, 27 мая 2024",
     ["В субботу в Озёрске после двухлетней реконструкции открылся городской парк культуры и отдыха. На открытие пришли несколько тысяч горожан: многие впервые за долгое время увидели парк, в котором когда-то гуляли их родители и бабушки с дедушками.",
      "За время работ в парке заменили освещение и дорожки, отремонтировали старую танцевальную площадку и летнюю эстраду, построенные ещё в 1950-х годах. На берегу пруда появились деревянные настилы и скамейки, а для детей оборудовали три новые игровые площадки.",
      "Особое внимание уделили деревьям. Специалисты обследовали каждую липу и каждый клён, больные деревья вылечили, а вместо погибших высадили около двухсот молодых саженцев. «Мы хотели сохранить атмосферу старого парка, а не построить на его месте что-то совершенно новое», — рассказала главный архитектор проекта Ольга Никитина.",
      "Реконструкция обошлась почти в 180 млн рублей, большую часть средств выделил областной бюджет. Летом в парке будут проходить концерты, по выходным откроется прокат лодок и велосипедов."],
     "© 2024 «Озёрская правда». При перепечатке ссылка обязательна.")

# --- GB18030, declared (Chinese) ---------------------------------------------
page("charset-gb18030", "gb18030", "zh-CN", '<meta charset="gb18030">',
     "古镇老茶馆重新开张 评书声再次响起_江南晨报",
     ["首页", "本地", "财经", "民生", "文化", "旅游", "体育"],
     "古镇老茶馆重新开张 评书声再次响起",
     "记者 孙丽华 2024年1月16日",
     ["位于清河古镇老街上的德兴茶馆日前重新开张。这家始建于清朝末年的老茶馆，因建筑老化停业了整整八年。如今，经过修缮的茶馆保留了原有的木结构和雕花窗棂，八仙桌、长条凳和铜壶一一归位，熟悉的评书声又在老街上响了起来。",
      "茶馆的修缮由镇政府和一家本地文化企业共同出资，总投入约三百万元。施工过程中，工匠们按照老照片和老居民的回忆，尽量恢复茶馆当年的模样。为了确保安全，屋顶和梁柱进行了加固，同时增设了消防设施。",
      "重新开张后，茶馆每天下午安排评书和评弹演出，票价包含一壶茶，仅需二十元。七十八岁的老茶客赵师傅说：“年轻时我天天来这里听书，停业这些年心里一直空落落的。现在又能坐在老位置上喝茶，真是高兴。”",
      "古镇管理部门表示，下一步将继续挖掘老街的传统文化资源，让更多老字号重新焕发活力，吸引游客的同时，也为当地居民留住一份乡愁。"],
     "江南晨报 版权所有 未经许可不得转载")

# --- UTF-16LE with BOM --------------------------------------------------------
page("charset-utf-16le", "utf-16-le", "en", "",
     "Ferry crew rescue kayaker off Marrick Head – Island Courier",
     ["Home", "News", "Weather", "Ferries", "Events", "Noticeboard", "Contact"],
     "Ferry crew rescue kayaker off Marrick Head",
     "Staff reporter · 2 August 2024",
     ["The crew of the morning ferry from Port Elsey rescued a kayaker who had capsized in rough water off Marrick Head on Thursday, after passengers spotted his upturned boat from the upper deck.",
      "The man, a 58-year-old visitor from the mainland, had been in the water for about 40 minutes and was suffering from cold when he was lifted aboard. The ferry’s captain, Morven Achterberg, slowed the vessel and launched its rescue boat within three minutes of the alarm being raised.",
      "“He was very lucky,” Captain Achterberg said. “The tide was pushing him away from the shore and the sea was getting up. If one of our passengers hadn’t been looking in the right direction at the right moment, I don’t like to think what would have happened.”",
      "The kayaker was taken to Port Elsey, where he was checked by paramedics and released. The coastguard reminded visitors to check forecasts, carry a means of calling for help and tell someone where they are going before setting out."],
     "© 2024 Island Courier · About · Privacy · Advertise", bom=True)


def render(p):
    e = lambda s: html.escape(s, quote=False)
    nav = "\n".join(f'      <li><a href="/section/{i + 1}/">{e(n)}</a></li>' for i, n in enumerate(p["nav"]))
    body = "\n".join(f"      <p>{e(t)}</p>" for t in p["paras"])
    head_charset = (p["head_charset"] + "\n") if p["head_charset"] else ""
    return f"""<!DOCTYPE html>
<html lang="{p['lang']}">
<head>
{head_charset}<title>{e(p['title'])}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{html.escape(p['paras'][0][:60])}">
<link rel="stylesheet" href="/css/site.css">
<script src="/js/site.js"></script>
</head>
<body>
<div id="header">
  <div class="logo"><a href="/">{e(p['title'].split(' - ')[-1].split(' – ')[-1].split('_')[-1].split('｜')[-1].split(' — ')[-1])}</a></div>
  <ul class="menu">
{nav}
  </ul>
</div>
<div id="content">
  <div class="article">
    <h1>{e(p['headline'])}</h1>
    <div class="byline">{e(p['byline'])}</div>
    <div class="text">
{body}
    </div>
  </div>
</div>
<div id="footer">
  <p>{e(p['footer'])}</p>
</div>
</body>
</html>
"""


for p in PAGES:
    text = render(p)
    data = text.encode(p["codec"])  # strict: every character must exist in the charset
    if p["bom"]:
        data = "\ufeff".encode("utf-16-le") + data
    with open(os.path.join(HTML, p["name"] + ".html"), "wb") as f:
        f.write(data)
    with open(os.path.join(HTML, p["name"] + ".expected.txt"), "w", encoding="utf-8") as f:
        f.write("\n\n".join(p["paras"]) + "\n")
    print(p["name"], len(data), "bytes")
