"""Classes of real lead lines the dateline reader must hold on, one or more invented
instances each (places, agencies, outlets and languages varied on purpose, so a rule
written for one instance does not pass the class). Strings are written for wiredesk."""

from __future__ import annotations

import pytest

from pipelines.parse import find_tickers, parse_release
from pipelines.parse.agencies import canonical_agency
from pipelines.parse.dates import match_date
from pipelines.parse.geo import resolve_location

# (class, text, location, date, month_day, agency)
CASES: list[tuple[str, str, str | None, str | None, str | None, str | None]] = [
    # 1. a photo credit or caption glued before "(CITY) --" or "CITY (AGENCY) -"
    ("photo", "Photo: Marta Quill/Northwind Images (TALLINN) -- The port authority said",
     "TALLINN", None, None, None),
    ("photo", "Picture by Lena Ortmann/Alpine Pictures (INNSBRUCK) - Avalanche warnings rose",
     "INNSBRUCK", None, None, None),
    ("photo", "A worker inspects a valve. (Image credit: Coastal Press) KINGSTON (AFP) - "
     "Officials said", "KINGSTON", None, None, "AFP"),
    ("photo", "IMG_20240311_0932.jpg DURBAN (AFP) - Heavy rains flooded the port",
     "DURBAN", None, None, "AFP"),
    ("photo", "Photograph: Yusuf Demir / Anatolia Images BURSA (AA) - Ten people were hurt",
     "BURSA", None, None, "Anadolu"),
    ("photo", "Photo: Rami Haddad/AFP BEIRUT (AFP) - Lebanon's parliament met on Monday",
     "BEIRUT", None, None, "AFP"),
    ("photo", "Photo credit: Harbour Images (Tallinn) -- The port said", "Tallinn", None, None,
     None),
    ("photo", "(Image: Seaside Press) Riga (LETA) - The port reopened", "Riga", None, None,
     "LETA"),
    ("photo", "FILE PHOTO: A crane stands in the yard in Gdansk, Poland, May 2, 2023. "
     "HARBOUR/Ola Nowak/File Photo GDANSK, June 3 (Reuters) - The shipyard said", "GDANSK",
     None, "06-03", "Reuters"),
    # 2. "AGENCY | Place | Updated: <date>": the stamp is the page's, not the dateline's
    ("pipe", "Reuters | Oslo | Updated: March 4, 2024 09:12 IST\nNorway's fund said it would "
     "sell", "Oslo", None, None, "Reuters"),
    ("pipe", "AFP | Nairobi, Kenya | Updated: 12 Feb 2023\nKenya's central bank held rates",
     "Nairobi, Kenya", None, None, "AFP"),
    ("pipe", "IANS | Patna | Last Updated at April 2, 2022 18:05 IST\nPolice arrested two men",
     "Patna", None, None, "IANS"),
    ("pipe", "Associated Press | Denver | Published: Jan 9, 2025\nA snowstorm closed roads",
     "Denver", None, None, "AP"),
    ("pipe", "By PTI | New Delhi | Updated: June 2, 2024 10:00 IST\nThe court ruled",
     "New Delhi", None, None, "PTI"),
    ("pipe", "Press Trust of India | Pune Last Updated at June 2, 2024 10:05 IST\nThe court",
     "Pune", None, None, "PTI"),
    ("pipe", "ANI | Updated: Jun 02, 2024 10:05 IST\nThe court ruled", None, None, None, "ANI"),
    ("pipe", "ANI | Updated: Jun 02, 2024 10:05 IST\nNEW DELHI: The court ruled", "NEW DELHI",
     None, None, "ANI"),
    # 3. Urdu, Bengali and Arabic script: agencies, the Arabic comma, an outlet after a place
    ("script", "کوئٹہ (یو این آئی) صوبائی حکومت نے اعلان کیا", "کوئٹہ", None, None, "UNI"),
    ("script", "فیصل آباد (یواین آئی) پولیس نے", "فیصل آباد", None, None, "UNI"),
    ("script", "ملتان، 5 مارچ (اے پی پی) ضلعی انتظامیہ نے", "ملتان", None, "03-05", "APP"),
    ("script", "کوئٹہ(اے پی پی)وزیراعلیٰ نے کہا", "کوئٹہ", None, None, "APP"),
    ("script", "ঢাকা, ১২ মার্চ (বাসস): সরকার জানিয়েছে", "ঢাকা", None, "03-12", "BSS"),
    ("script", "চট্টগ্রাম, ৫ জুন (বাসস) : বন্দর কর্তৃপক্ষ", "চট্টগ্রাম", None, "06-05", "BSS"),
    ("script", "القاهرة، 3 مارس (وام) -- أعلنت الحكومة", "القاهرة", None, "03-03", "WAM"),
    ("script", "الرياض، 4 يونيو (واس) -- أعلنت الوزارة", "الرياض", None, "06-04", "SPA"),
    ("script", "عمان، 7 حزيران (بترا) -- قال الوزير", "عمان", None, "06-07", "Petra"),
    ("script", "دبي - الخليج\nأعلنت الهيئة اليوم", "دبي", None, None, "الخليج"),
    ("script", "بيروت - النهار\nقال الوزير", "بيروت", None, None, "النهار"),
    ("script", "دبي - «البيان»\nأعلنت الهيئة", "دبي", None, None, "البيان"),
    ("script", "القاهرة - بوابة الأهرام\nقال الوزير", "القاهرة", None, None, "بوابة الأهرام"),
    ("script", "کراچی - اسٹاف رپورٹر\nشہر میں بارش", "کراچی", None, None, None),
    ("script", "لاہور (این این آئی) پنجاب حکومت نے", "لاہور", None, None, "NNI"),
    ("script", "القاهرة - أ ش أ\nقال الوزير", "القاهرة", None, None, "MENA"),
    ("script", "بغداد، 5 حزيران 2024 (واع) - قال الوزير", "بغداد", "2024-06-05", "06-05", "INA"),
    ("script", "নয়াদিল্লি, ৫ জুন (পিটিআই) : ভারতের সরকার", "নয়াদিল্লি", None, "06-05", "PTI"),
    # 4. "By NAME<spaces or a line break>CITY (AP) —": the name stays out of the place
    ("byline", "By Jorun Haldane    RENO, Nev. (AP) — A wildfire spread", "RENO, Nev.",
     None, None, "AP"),
    ("byline", "By MELA ORTIZ and PIET DUNN   ALBANY, N.Y. (AP) — Lawmakers met",
     "ALBANY, N.Y.", None, None, "AP"),
    ("byline", "By AMARA NWOSU\t\tLAGOS, Nigeria (AP) — Fuel queues grew", "LAGOS, Nigeria",
     None, None, "AP"),
    ("byline", "By Henrik Sol     STOCKHOLM (Reuters) - Swedish inflation eased",
     "STOCKHOLM", None, None, "Reuters"),
    ("byline", "By Teodor Vance\nSPOKANE, Wash. (AP) — The council voted", "SPOKANE, Wash.",
     None, None, "AP"),
    ("byline", "By Jane Doe | AP    CAIRO (AP) — Egypt said", "CAIRO", None, None, "AP"),
    # 5. a misspelt or unlisted US state abbreviation after a known city
    ("state", "FRESNO, Calf., May 3, 2024 /PRNewswire/ -- Valleyline Farms said",
     "FRESNO, Calf.", "2024-05-03", "05-03", "PR Newswire"),
    ("state", "WORCESTER, Mass --(BUSINESS WIRE)-- Quarrystone Bio said", "WORCESTER, Mass",
     None, None, "Business Wire"),
    ("state", "ERIE, Penn., Jan. 9, 2025 /PRNewswire/ -- Lakeview Metals said", "ERIE, Penn.",
     "2025-01-09", "01-09", "PR Newswire"),
    ("state", "TUCSON, Arz., June 4, 2024 /PRNewswire/ -- Saguaro Robotics said",
     "TUCSON, Arz.", "2024-06-04", "06-04", "PR Newswire"),
    ("state", "PROVO, Ut., Jan. 3, 2025 /PRNewswire/ -- Wasatch Labs said", "PROVO, Ut.",
     "2025-01-03", "01-03", "PR Newswire"),
    ("state", "TACOMA, Wash (AP) — A ferry ran aground", "TACOMA, Wash", None, None, "AP"),
    # 7. an outlet credit with a date inside its bracket, alone or after "CITY:"
    ("dated-credit", "(Harbour Daily / Metro Wire - 9th Jun, 2022 ) The city council approved",
     None, "2022-06-09", "06-09", "Harbour Daily"),
    ("dated-credit", "KARACHI: (Harbour Daily / Metro Wire - 14th Aug, 2021 ) The cabinet met",
     "KARACHI", "2021-08-14", "08-14", "Harbour Daily"),
    ("dated-credit", "LAHORE: (City Times / Evening Wire - 21st Mar, 2020 ) Traffic police",
     "LAHORE", "2020-03-21", "03-21", "City Times"),
    ("dated-credit", "QUETTA, (UrduPoint / Pakistan Point News - 3rd Mar, 2021 ) :Officials "
     "said", "QUETTA", "2021-03-03", "03-03", "UrduPoint"),  # the carrier's own story
    ("dated-credit", "لاہور (اُردو پوائنٹ اخبارتازہ ترین - اے پی پی۔ 12 جون 2024ء) پنجاب حکومت نے",
     "لاہور", "2024-06-12", "06-12", "APP"),
    # 8. "Courtesy by : <Agency>" before or after the lead
    ("courtesy", "Courtesy by : Xinhua\nBEIJING, March 5 -- The premier said", "BEIJING",
     None, "03-05", "Xinhua"),
    ("courtesy", "Courtesy of: PTI\nNEW DELHI, June 2 - The ministry said", "NEW DELHI", None,
     "06-02", "PTI"),
    ("courtesy", "The ministry said exports rose 4 percent in the quarter, led by textiles and "
     "rice shipments.\nCourtesy: APP", None, None, None, "APP"),
    ("courtesy", "The central bank kept its policy rate unchanged at 12 percent on Thursday, "
     "the statement said.\nCourtesy by : Reuters", None, None, None, "Reuters"),
    # 9. a section name, breadcrumb or time stamp before a date-first lead
    ("date-first", "World News\n04 sept. 2015 (AFP) - Le gouvernement a annoncé", None,
     "2015-09-04", "09-04", "AFP"),
    ("date-first", "Home > Business > Markets 10:42 GMT 12 March 2019 (Reuters) - Oil rose",
     None, "2019-03-12", "03-12", "Reuters"),
    ("date-first", "Sport | 08:15 GMT | 5 nov. 2019 (AFP) - Le club a limogé", None,
     "2019-11-05", "11-05", "AFP"),
    ("date-first", "ÉCONOMIE 18 juil. 2019 (AFP) - La Bourse de Paris a reculé", None,
     "2019-07-18", "07-18", "AFP"),
    ("date-first", "Latest 09:41 Sep 4, 2015 (AFP) - The government said on Friday", None,
     "2015-09-04", "09-04", "AFP"),
    ("date-first", "Nachrichten > Wirtschaft 04.09.2015 (dpa) - Die Regierung hat", None,
     "2015-09-04", "09-04", "dpa"),
    ("date-first", "Tech | 2 hours ago\nSept. 4, 2015 (AP) - A court ruled on Friday", None,
     "2015-09-04", "09-04", "AP"),
    # 10. "City - OutletName" on its own line
    ("outlet", "Council approves plan\nPeshawar - The Frontier Post\nThe government approved",
     "Peshawar", None, None, "The Frontier Post"),
    ("outlet", "Islamabad - The Nation\nThe Senate met", "Islamabad", None, None,
     "The Nation"),
    ("outlet", "Lahore - Staff Reporter\nThe city", "Lahore", None, None, None),
    ("outlet", "Oslo - A City Reborn\nThe city has changed", "Oslo", None, None, None),
    ("outlet", "Sukkur - The Daily Ledger\nFloods cut the road", "Sukkur", None, None,
     "The Daily Ledger"),
    ("outlet", "Hyderabad - Sindh Observer\nThe board met", "Hyderabad", None, None,
     "Sindh Observer"),
    # 11. a place and date in brackets after a contact block
    ("bracketed", "Contact: Ana Ruiz\nPhone: 202-555-0143\n(Washington, D.C.-May 25, 2005) "
     "The National Council of Farmers announced", "Washington, D.C.", "2005-05-25", "05-25",
     None),
    ("bracketed", "Media contact: Jo Pike, 555-0100\n(Boston, Mass.-April 2, 2009) The Bay "
     "Water Alliance said", "Boston, Mass.", "2009-04-02", "04-02", None),
    ("bracketed", "###\n(Austin, Texas-Oct. 4, 2010) Lone Star Growers said", "Austin, Texas",
     "2010-10-04", "10-04", None),
    ("bracketed", "Contact: Ben Ito (555) 010-2020\n(DENVER, CO - March 1, 2012) The Rocky "
     "Mountain Fund said", "DENVER, CO", "2012-03-01", "03-01", None),
    # 12. "Place, <lower-case sentence>" below a heading line
    ("place-comma", "Flood waters recede\nMultan, the district administration on Tuesday "
     "lifted the emergency", "Multan", None, None, None),
    ("place-comma", "Rains lash the coast\nChittagong, the port city recorded 120 mm of rain",
     "Chittagong", None, None, None),
    # 13. "(CALL-Place)": a station's call letters and its place
    ("call-place", "(WKTV-Utica) A fire broke out on Genesee Street", "Utica", None, None,
     "WKTV"),
    ("call-place", "(KTVB - Boise) Crews worked overnight", "Boise", None, None, "KTVB"),
    ("call-place", "(WXYZ/Detroit) A judge ruled", "Detroit", None, None, "WXYZ"),
    ("call-place", "(WHAM-Rochester, N.Y.) A fire broke out", "Rochester, N.Y.", None, None,
     "WHAM"),
    # 14. translated wire releases
    ("translated", "LOUISVILLE, stan Kentucky, 4 grudnia 2023 r. /PRNewswire/ -- Firma "
     "ogłosiła", "LOUISVILLE, stan Kentucky", "2023-12-04", "12-04", "PR Newswire"),
    ("translated", "SEATTLE, stan Waszyngton, 3 marca 2024 r. /PRNewswire/ -- Firma podała",
     "SEATTLE, stan Waszyngton", "2024-03-03", "03-03", "PR Newswire"),
    ("translated", "NOWY JORK, 4 grudnia 2023 r. /PRNewswire/ -- Firma podała", "NOWY JORK",
     "2023-12-04", "12-04", "PR Newswire"),
    ("translated", "MIAMI, estado de Florida, 6 de mayo de 2024 /PRNewswire/ -- La empresa",
     "MIAMI, estado de Florida", "2024-05-06", "05-06", "PR Newswire"),
    ("translated", "MÜNCHEN, 12. März 2024 /PRNewswire/ -- Die Firma gab bekannt", "MÜNCHEN",
     "2024-03-12", "03-12", "PR Newswire"),
    ("translated", "SÃO PAULO, 15 de junho de 2024 /PRNewswire/ -- A empresa anunciou",
     "SÃO PAULO", "2024-06-15", "06-15", "PR Newswire"),
    ("translated", "LYON, France, le 5 juin 2024 /PRNewswire/ -- La société a annoncé",
     "LYON, France", "2024-06-05", "06-05", "PR Newswire"),
    ("translated", "HOUSTON, 2 de julio de 2024 (BUSINESS WIRE) -- La empresa anunció",
     "HOUSTON", "2024-07-02", "07-02", "Business Wire"),
    ("translated", "SAN DIEGO, Kalifornien, 3. Februar 2024 /PRNewswire/ -- Die Firma",
     "SAN DIEGO, Kalifornien", "2024-02-03", "02-03", "PR Newswire"),
    ("translated", "BOSTON, Massachusetts, EE. UU., 5 de junio de 2024 /PRNewswire/ -- La",
     "BOSTON, Massachusetts, EE. UU.", "2024-06-05", "06-05", "PR Newswire"),
    ("translated", "DALLAS, stanie Teksas, 5 czerwca 2024 r. /PRNewswire/ -- Firma",
     "DALLAS, stanie Teksas", "2024-06-05", "06-05", "PR Newswire"),
    ("translated", "CIUDAD DE MÉXICO, 5 de junio de 2024 /PRNewswire/ -- La empresa",
     "CIUDAD DE MÉXICO", "2024-06-05", "06-05", "PR Newswire"),
    ("translated", "BUDAPEST, 2023. december 4. /PRNewswire/ -- A társaság bejelentette",
     "BUDAPEST", "2023-12-04", "12-04", "PR Newswire"),
    ("translated", "PRAHA, 4. prosince 2023 /PRNewswire/ -- Společnost oznámila", "PRAHA",
     "2023-12-04", "12-04", "PR Newswire"),
    # what real text often has besides
    ("regression", "boston, july 9 (reuters) - shares of the bank fell", "boston", None,
     "07-09", "Reuters"),
    ("regression", "OSLO, Norway & DENVER, Colo., June 3, 2025 /PRNewswire/ -- Fjord said",
     "OSLO, Norway & DENVER, Colo.", "2025-06-03", "06-03", "PR Newswire"),
    ("regression", "RAWALPINDI/ISLAMABAD, Oct 3 (APP): Officials said", "RAWALPINDI/ISLAMABAD",
     None, "10-03", "APP"),
    ("regression", "June 3, 2025 -- Boston, MA -- Harbor Labs said", "Boston, MA",
     "2025-06-03", "06-03", None),
    ("regression", "NEW YORK, 06/03/2025 /PRNewswire/ -- Acme said", "NEW YORK", "2025-06-03",
     "06-03", "PR Newswire"),
    ("regression", "MULTAN, Oct 3rd (APP): The board met", "MULTAN", None, "10-03", "APP"),
    ("regression", "(MENAFN- PR Newswire) NEW YORK, June 3, 2025 /PRNewswire/ -- Acme said",
     "NEW YORK", "2025-06-03", "06-03", "PR Newswire"),
    ("regression", "BAGH (AJK), Oct 3 (APP): The board met", "BAGH (AJK)", None, "10-03",
     "APP"),
    ("regression", "karachi: the sindh government said", "karachi", None, None, None),
    ("regression", "DUBAI-The emirate said on Monday", "DUBAI", None, None, None),
    ("regression", "Peshawar and Mardan, Oct 3 (APP): Police said", "Peshawar and Mardan", None,
     "10-03", "APP"),
    ("regression", "(MENAFN- Newsfile Corp.) VANCOUVER, BC, Oct 3, 2024 - Acme said",
     "VANCOUVER, BC", "2024-10-03", "10-03", "Newsfile"),
    ("regression", "TORONTO _ The province said", "TORONTO", None, None, None),
    # round 3: brands as printed, carriers' wrappers, bare credits, ...
    # 1. a brand as printed: no later or earlier brand stands in for it
    ("r3-brand", "CALGARY, ALBERTA--(MARKET WIRE)--Jan 5, 2009 - Prairie Rail Corp. said",
     "CALGARY, ALBERTA", "2009-01-05", "01-05", "Marketwire"),
    ("r3-brand", "VANCOUVER, BC--(Marketwired - Feb 3, 2015) - Coastline Gold said",
     "VANCOUVER, BC", "2015-02-03", "02-03", "Marketwired"),
    ("r3-brand", "MOSCOW, March 10 (Itar-Tass) -- The ministry said", "MOSCOW", None, "03-10",
     "ITAR-TASS"),
    ("r3-brand", "KAZAN, June 2 (TASS) -- The republic said", "KAZAN", None, "06-02", "TASS"),
    ("r3-brand", "KYIV, May 4 (Interfax-Ukraine) - The council said", "KYIV", None, "05-04",
     "Interfax-Ukraine"),
    # 2. a pool's or carrier's wrapper round the originating wire
    ("r3-carrier", "KUALA LUMPUR, March 3 (NNN-BERNAMA) -- The ministry said", "KUALA LUMPUR",
     None, "03-03", "Bernama"),
    ("r3-carrier", "HANOI, May 2 (NNN-VNA) -- Exports rose", "HANOI", None, "05-02", "VNA"),
    ("r3-carrier", "(MENAFN- Kuwait News Agency (KUNA)) KUWAIT, March 3 -- The cabinet met",
     "KUWAIT", None, "03-03", "KUNA"),
    ("r3-carrier", "(MENAFN - Oman News Agency) MUSCAT, April 9 -- The council met", "MUSCAT",
     None, "04-09", "ONA"),
    ("r3-carrier", "DENVER, March 3 (Harbor Newswire Via Acquire Media NewsEdge) -- Acme said",
     "DENVER", None, "03-03", "Harbor Newswire"),
    ("r3-carrier", "ST. LOUIS, June 9 (Business Wire via Some Aggregator) -- Acme said",
     "ST. LOUIS", None, "06-09", "Business Wire"),
    # 7. a known credit with no brackets after a date; wire codes
    ("r3-bare", "TOKYO, April 13 Kyodo", "TOKYO", None, "04-13", "Kyodo"),
    ("r3-bare", "Fire hits depot\nSEOUL, May 2 Yonhap\nThe fire spread", "SEOUL", None, "05-02",
     "Yonhap"),
    ("r3-bare", "Tamale, June 3, GNA – The assembly met", "Tamale", None, "06-03", "GNA"),
    ("r3-bare", "HAVANA, March 10 (PL) The minister said", "HAVANA", None, "03-10",
     "Prensa Latina"),
    ("r3-bare", "WELLINGTON, May 2 NZPA - The bank said", "WELLINGTON", None, "05-02", "NZPA"),
    ("r3-carrier", "(MENAFN - Trend News Agency) BAKU, March 3 -- The bank said", "BAKU",
     None, "03-03", "Trend"),
    ("r3-bare", "Ndola, May 4, ZNS - The minister said", "Ndola", None, "05-04", "ZNS"),
    ("r3-bare", "Lusaka, March 4, ZANIS - The minister said", "Lusaka", None, "03-04", "ZANIS"),
    # 3. an empty date slot: a comma, then a dash with nothing between
    ("r3-empty-date", "ADEN, -- (Saba) The council said", "ADEN", None, None, "Saba"),
    ("r3-empty-date", "KOTA BHARU, — The state government said", "KOTA BHARU", None, None,
     None),
    ("r3-empty-date", "Ipoh, -- Police arrested two men", "Ipoh", None, None, None),
    # 8. a gap of two or more spaces after a full dateline ends it
    ("r3-gap", "HAVANA, March 10th  The minister said", "HAVANA", None, "03-10", None),
    ("r3-gap", "Valparaíso, 4 de mayo   El gobierno anunció", "Valparaíso", None, "05-04", None),
    # 9. a region in brackets as its own comma part
    ("r3-region-bracket", "Bole, (N/R), June 4, GNA - The chief said", "Bole, (N/R)", None,
     "06-04", "GNA"),
    ("r3-region-bracket", "Tema, (G.A.), May 4, GNA – The assembly met", "Tema, (G.A.)",
     None, "05-04", "GNA"),
    # 11. date first, then a semicolon and the credit
    ("r3-semicolon", "3 March 2022; Xinhua: China's exports rose", None, "2022-03-03",
     "03-03", "Xinhua"),
    ("r3-semicolon", "14 Nov 2019; AFP: The summit opened", None, "2019-11-14", "11-14",
     "AFP"),
    ("r3-semicolon", "8 Jan 2020; Harbour Times: The council met", None, "2020-01-08",
     "01-08", "Harbour Times"),
    # 5. Chinese and Japanese agency datelines
    ("r3-cjk", "新華社上海5月9日電 上海市は", "上海", None, "05-09", "Xinhua"),
    ("r3-cjk", "新华社广州7月2日电 广东省", "广州", None, "07-02", "Xinhua"),
    ("r3-cjk", "中新社杭州十二月二十一日電 記者", "杭州", None, "12-21", "China News Service"),
    ("r3-cjk", "中新社成都九月五日电 四川", "成都", None, "09-05", "China News Service"),
    ("r3-cjk", "中新網7月8日電 据报道", None, None, "07-08", "chinanews.com"),
    ("r3-cjk", "新華社ジュネーブ3月15日電 国連は", "ジュネーブ", None, "03-15", "Xinhua"),
    ("r3-cjk", "（ロイター＝共同）\n【パリ共同】フランス政府は", "パリ", None, None, "Kyodo"),
    # 4. an outlet in lower or mixed case between dashes; place, code and date by colons
    ("r3-outlet-dashes", "Dresden - elbkurier -\nDie Stadt hat beschlossen", "Dresden", None,
     None, "elbkurier"),
    ("r3-outlet-dashes", "Graz - steiermark.at - Die Landesregierung", "Graz", None, None,
     "steiermark.at"),
    ("r3-outlet-dashes", "Bremen - Heute -\nDie Stadt", "Bremen", None, None, None),
    ("r3-outlet-dashes", "Leipzig - Mitteldeutsche Rundschau -\nDie Messe öffnet", "Leipzig",
     None, None, "Mitteldeutsche Rundschau"),
    ("r3-outlet-dashes", "Linz - Ein Jahr danach -\nDie Stadt", "Linz", None, None, None),
    ("r3-colon-code", "Kisumu:KNA:7 Mar 2023 The county assembly met", "Kisumu", "2023-03-07",
     "03-07", "KNA"),
    ("r3-colon-code", "Enugu:NAN:12 June 2022\nThe agency said", "Enugu", "2022-06-12",
     "06-12", "NAN"),
    # 13. a known agency's code ending the lead paragraph
    ("r3-trailer", "The ministry signed a deal with the visiting delegation on Monday.—APP",
     None, None, None, "APP"),
    ("r3-trailer", "The ministers discussed trade and investment at the palace on Tuesday. BNA",
     None, None, None, "BNA"),
    ("r3-trailer", "Officials said the new terminal will open to passengers in June. (ONA)",
     None, None, None, "ONA"),
    ("r3-trailer", "Dock strike ends\nThe port reopened on Friday after the two-week strike "
     "ended, the authority said. KUNA\nShipping lines resumed calls at the port on "
     "Saturday.\nCargo volumes are expected to recover by the end of the month.", None, None,
     None, "KUNA"),
    # 6. a wire's byline that runs into its place
    ("r3-byline-place", "By PTI, Pune : The police said", "Pune", None, None, "PTI"),
    ("r3-byline-place", "By ANI, Shillong (Meghalaya) : Heavy rain lashed", "Shillong (Meghalaya)",
     None, None, "ANI"),
    ("r3-byline-place", "By Reuters, Lisbon - Portugal's bonds rallied", "Lisbon", None, None,
     "Reuters"),
    # 10. a headline run into a wire's credit printed twice
    ("r3-headline-credit", "Storm floods coastal towns (AP) AP - Heavy rain flooded", None, None,
     None, "AP"),
    ("r3-headline-credit", "Markets slide on rate fears (Reuters) Reuters - Stocks fell", None,
     None, None, "Reuters"),
    ("r3-cjk", "ベルリン＝鈴木一郎\n2024年6月7日 8時15分\nドイツ政府は", "ベルリン", None, None,
     None),
]


@pytest.mark.parametrize(("kind", "text", "location", "date", "month_day", "agency"), CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_class_of_lead(kind: str, text: str, location: str | None, date: str | None,
                       month_day: str | None, agency: str | None) -> None:
    dateline = parse_release(text).dateline
    got = (dateline.location, dateline.date, dateline.month_day, dateline.agency) \
        if dateline else (None, None, None, None)
    assert got == (location, date, month_day, agency)


@pytest.mark.parametrize("text", [
    "Weekly market wrap\nAcme Corp. wins award\n(Acme Corp.) The company said revenue rose",
    "London, the capital, will host the summit in June",  # no heading above it
    "San Jose, Calif.-based Acme said on Tuesday that sales rose",
    "The company said on Tuesday, July 8, that revenue rose.",
    "Acme Ltd (WKN: A402CQ) said it would list new shares",
    "The company said, -- and then it added more",
    "4 May 2020; Acme Corp: results were mixed",
    "By Jane Doe, Boston: a reporter's notes",
    "26 Sep 2021; The council met again",
])
def test_lookalikes_are_no_dateline(text: str) -> None:
    dateline = parse_release(text).dateline
    assert dateline is None or dateline.location is None


@pytest.mark.parametrize("text", [
    "LONDON, May 4, NEWS - Shares fell", "OSLO, May 4, USA - Exports rose",
    "PARIS, May 4, EU - Talks resumed", "LONDON, May 4 - BREAKING - Shares fell",
    "26 Sep 2021; The council: notes",
    "The hotel opened a new rooftop pool and a SPA",
    "The rally in the square was called by the Tehreek-e-Awami (PTI).\nThe second paragraph of "
    "the story adds more detail about the rally.\nA third paragraph closes it.",
    "Guests can book treatments at the new Spa",
    "The deal was signed in the capital on Monday. Petra said she would attend.",
])
def test_words_that_look_like_credits_credit_no_agency(text: str) -> None:
    dateline = parse_release(text).dateline
    assert dateline is None or dateline.agency is None


@pytest.mark.parametrize(("location", "city", "region", "country"), [
    ("FRESNO, Calf.", "Fresno", "California", "US"),
    ("BOISE, Idh.", "Boise", "Idaho", "US"),
    ("WORCESTER, Mass", "Worcester", "Massachusetts", "US"),
    ("LOUISVILLE, stan Kentucky", "Louisville", "Kentucky", "US"),
    ("MIAMI, estado de Florida", "Miami", "Florida", "US"),
    ("DENVER, Kolorado", "Denver", None, "US"),  # unknown part: the city still stands
])
def test_region_spelt_loosely_resolves(location: str, city: str, region: str | None,
                                       country: str) -> None:
    place = resolve_location(location)
    assert (place.city, place.region, place.country) == (city, region, country)


@pytest.mark.parametrize(("text", "expected"), [
    ("TORONTO, March 2, 2025 /CNW/ - Borealis Mining Corp. (NASDAQ: BRLM, BYMA: BRLM) today",
     ["NASDAQ:BRLM", "BYMA:BRLM"]),
    ("Glacier Peak Metals Inc. (TSXV: GPM; OTCQB: GPMTF) announces", ["TSXV:GPM", "OTCQB:GPMTF"]),
    ("Gamma Mining (LSE: GAM, JSE: GMJ, NSX: GMN) said", ["LSE:GAM", "JSE:GMJ", "NSX:GMN"]),
    ("Delta Inc. (BVC: DLT) said", ["BVC:DLT"]),
    ("Acme Inc. (NYSE: ABC) (BMV: ABC) said", ["NYSE:ABC", "BMV:ABC"]),
    ("Beta Ltd (OTCQB: ABCD | BYMA: ABC) said", ["OTCQB:ABCD", "BYMA:ABC"]),
    ("Gamma (NASDAQ:ABC)(WSE:ABC) said", ["NASDAQ:ABC", "WSE:ABC"]),
    ("the meeting (UTC: 14) began late", []),
    ("Acme Ltd (WKN: A402CQ, ISIN: DE000A402CQ1) said", []),
    ("Lojas Harbor S.A. (B3: HRBR3) said", ["B3:HRBR3"]),
    ("Quarry Metals Corp. (NYSE American – QMC) said", ["NYSEAMERICAN:QMC"]),
    ("Boreal Gold Inc. (TSX Venture - BGX) said", ["TSXV:BGX"]),
    ("Acme Inc. (Q3: 2024) results", []),
    ("Acme Inc. (TSX - see notes) said", []),
])
def test_unknown_exchange_codes_in_an_issuers_bracket(text: str, expected: list[str]) -> None:
    assert find_tickers(text) == expected


@pytest.mark.parametrize(("printed", "canonical"), [
    ("یو این آئی", "UNI"), ("یواین آئی", "UNI"), ("أ.ف.ب", "AFP"), ("ا ف ب", "AFP"),
    ("বাসস", "BSS"), ("ইউএনবি", "UNB"), ("اے پی پی", "APP"), ("نمائندہ خصوصی", None),
])
def test_agencies_in_other_scripts_fold_spelling_variants(printed: str,
                                                          canonical: str | None) -> None:
    assert canonical_agency(printed) == canonical


@pytest.mark.parametrize(("text", "iso", "month_day"), [
    ("4 grudnia 2023 r. /PRNewswire/", "2023-12-04", "12-04"),
    ("12 марта 2023 г. — ", "2023-03-12", "03-12"),
    ("১২ মার্চ (বাসস)", None, "03-12"),
    ("٥ مارس ٢٠٢٤ (وام)", "2024-03-05", "03-05"),
    ("3 كانون الثاني 2024", "2024-01-03", "01-03"),
])
def test_dates_in_local_forms(text: str, iso: str | None, month_day: str) -> None:
    found = match_date(text)
    assert found is not None and (found.iso, found.month_day) == (iso, month_day)


@pytest.mark.parametrize(("printed", "canonical"), [
    ("MARKET WIRE", "Marketwire"), ("Marketwire", "Marketwire"), ("Marketwired", "Marketwired"),
    ("Itar-Tass", "ITAR-TASS"), ("TASS", "TASS"), ("CCNMatthews", "CCNMatthews"),
    ("Keystone-ATS", "Keystone-ATS"), ("Canada NewsWire", "CNW"), ("Cision", None),
    ("Interfax-Ukraine", "Interfax-Ukraine"), ("PL", "Prensa Latina"), ("SAPA", "SAPA"),
    ("Kuwait News Agency", "KUNA"), ("Associated Press", "AP"),
    ("InvestorBrandNetwork", "InvestorBrandNetwork"), ("NetworkNewsWire", "NetworkNewsWire"),
    ("news aktuell", "news aktuell"), ("Trend News Agency", "Trend"),
])
def test_brands_keep_their_printed_name(printed: str, canonical: str | None) -> None:
    assert canonical_agency(printed) == canonical
