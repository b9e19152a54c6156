"""Further classes of real lead lines (issue 13, round 4): invented instances of each,
with places, agencies and languages varied so a rule written for one string does not
pass the class. Strings are written for wiredesk."""

from __future__ import annotations

import pytest
from test_dateline_classes import test_class_of_lead as check_lead

from pipelines.parse import parse_release

# (class, text, location, date, month_day, agency)
CASES: list[tuple[str, str, str | None, str | None, str | None, str | None]] = [
    # A. a strong dateline glued with no space to a headline, caption, time or attribution
    ("glued", "New rules for bus lanesKuala Lumpur, Jan. 14 : The ministry said",
     "Kuala Lumpur", None, "01-14", None),
    ("glued", "3 hours agoUTRECHT (ANP) - The council voted", "UTRECHT", None, None, "ANP"),
    ("glued", "— Maria RossiSPRINGFIELD, IL, UNITED STATES, March 3, 2024 /EINPresswire.com/ "
     "-- Acme said", "SPRINGFIELD, IL, UNITED STATES", "2024-03-03", "03-03", "EIN Presswire"),
    ("glued", "Monday 8 March, 09h15LYON (AFP) - Le maire a dit", "LYON", None, None, "AFP"),
    ("glued", "Bo Lind — Smith MediaÖREBRO, SWEDEN, May 2, 2024 /EINPresswire.com/ -- Acme",
     "ÖREBRO, SWEDEN", "2024-05-02", "05-02", "EIN Presswire"),
    ("glued", "ExclusiveTOKYO (Kyodo) - Japan's cabinet", "TOKYO", None, None, "Kyodo"),
    ("glued", "12:45 pmNAIROBI, Kenya, June 4 (Xinhua) -- The", "NAIROBI, Kenya", None, "06-04",
     "Xinhua"),
    ("glued", "DAL NOSTRO INVIATOMADRID - Il governo spagnolo", "MADRID", None, None, None),
    ("glued", "DALLA NOSTRA CORRISPONDENTELOS ANGELES - La città", "LOS ANGELES", None, None,
     None),
    ("glued", "SOUTH WAZIRISTAN - Police said", "SOUTH WAZIRISTAN", None, None, None),
    # B. three-part places of EIN Presswire and its like
    ("three-part", "Alexandria, Virginia, United States, September 6, 2023 /EINPresswire.com/ "
     "-- Acme said", "Alexandria, Virginia, United States", "2023-09-06", "09-06",
     "EIN Presswire"),
    ("three-part", "by Ana Ruiz AUSTIN, TX, UNITED STATES, June 1, 2025 /EINPresswire.com/ -- "
     "Acme said", "AUSTIN, TX, UNITED STATES", "2025-06-01", "06-01", "EIN Presswire"),
    # C. the date in brackets after the place
    ("bracket-date", "KUALA LUMPUR (June 11): The ministry said", "KUALA LUMPUR", None,
     "06-11", None),
    ("bracket-date", "SIBU (Nov 16): The council said", "SIBU", None, "11-16", None),
    # D. a weekday in the date's slot
    ("weekday", "SEREMBAN (Tuesday): The state said", "SEREMBAN", None, None, None),
    ("weekday", "JOHOR BARU, Wed. - The state said", "JOHOR BARU", None, None, None),
    ("weekday", "IPOH, Tuesday - The state said", "IPOH", None, None, None),
    ("weekday", "KUALA TERENGGANU, Thurs. The state government said", "KUALA TERENGGANU",
     None, None, None),
    ("weekday", "Storm update\nKota Kinabalu, Sun. - The state said", "Kota Kinabalu", None,
     None, None),
    # E. a lower-case place after leading spaces; a place in a script without capitals
    ("script", "    pune: the police said on Monday", "pune", None, None, None),
    ("script", "மதுரை: மாநகராட்சி அறிவித்தது", "மதுரை", None, None, None),
    ("script", "Flood news\nடெல்லி: அரசு அறிவித்தது", "டெல்லி", None, None, None),
    ("script", "जयपुर: पुलिस ने कहा", "जयपुर", None, None, None),
    ("script", "طهران/فارس:- أعلنت الحكومة", "طهران", None, None, "Fars"),
    ("script", "مشهد/مهر: أعلن المحافظ", "مشهد", None, None, "MNA"),
    ("script", "اصفهان/تسنيم: أعلنت الشرطة", "اصفهان", None, None, "Tasnim"),
    # K. a Hijri date with its Gregorian equivalent: the Gregorian date
    ("hijri", "Dammam, Ramadan 27, 1442 AH, corresponding to May 09, 2021 AD, SPA -- The "
     "ministry said", "Dammam", "2021-05-09", "05-09", "SPA"),
    ("hijri", "Jeddah, 12 Shawwal 1445 H, corresponding to April 21, 2024 AD, SPA -- The port",
     "Jeddah", "2024-04-21", "04-21", "SPA"),
    ("hijri", "MAKKAH, Dhu al-Hijjah 9, 1444 AH, corresponding to June 27, 2023, SPA -- "
     "Pilgrims gathered", "MAKKAH", "2023-06-27", "06-27", "SPA"),
    # M. an outlet whose name holds a figure, then the agency: no place
    ("outlet", "Sharjah 24 – WAM: The ruler said", None, None, None, "WAM"),
    ("outlet", "Channel 9 - AAP: The premier said", None, None, None, "AAP"),
    # L. an agency's full name as the subject of the first sentence credits nothing
    ("subject", "Agence France-Presse confirmed the report on Monday.", None, None, None,
     None),
    ("subject", "Bernama reported that the state would build a port.", None, None, None, None),
    ("subject", "Film news\nPune, Priya Sharma, the acclaimed actor, said on Monday", None,
     None, None, None),
    # I. a Chinese dateline after "据" (according to)
    ("chinese", "据新华社北京2月13日电 国务院常务会议", "北京", None, "02-13", "Xinhua"),
    ("chinese", "據新華社上海3月5日電 市政府宣布", "上海", None, "03-05", "Xinhua"),
    ("hijri", "Tabuk, Safar 3, 1445 AH, corresponding to August 19, 2023 AD, SPA\nThe "
     "governor said", "Tabuk", "2023-08-19", "08-19", "SPA"),
    # F. an agency's code in brackets after a date, known or not
    ("code", "BANDAR ABBAS, Jan. 16 (MNA) – The port said", "BANDAR ABBAS", None, "01-16",
     "MNA"),
    ("code", "ODESA, Feb. 2 (UKR-IN) – The port reopened", "ODESA", None, "02-02", "UKR-IN"),
    ("code", "SHIRAZ, Oct. 9 (QZX) - The governor said", "SHIRAZ", None, "10-09", "QZX"),
    ("code", "MIRPUR, Jan 5 (AJK): The district court said", "MIRPUR", None, "01-05", None),
    # G. the agency on its own line below the dateline
    ("credit-line", "BAKU, Azerbaijan, May 25\n\nTrend:\n\nThe ministry said",
     "BAKU, Azerbaijan", None, "05-25", "Trend"),
    ("credit-line", "ASTANA, Kazakhstan, March 3\nKazinform -\nThe ministry said",
     "ASTANA, Kazakhstan", None, "03-03", "Kazinform"),
    # J. the date on the line below the place, with a weekday before it
    ("date-line", "Bogotá, Colombia\nSábado 17 de junio, 2017\n\nEl gobierno dijo",
     "Bogotá, Colombia", "2017-06-17", "06-17", None),
    ("date-line", "Quito, Ecuador\nMartes 4 de marzo de 2025\nEl gobierno dijo",
     "Quito, Ecuador", "2025-03-04", "03-04", None),
    ("date-line", "OSLO\nTuesday, June 17, 2025\nThe council said", "OSLO", "2025-06-17",
     "06-17", None),
    # H. credits printed as a site's address, and agencies in Cyrillic
    ("site", "NEW YORK, March 3, 2024 (marketpulse.net via SOMEFEED) -- Acme said",
     "NEW YORK", "2024-03-03", "03-03", "marketpulse"),
    ("site", "SOFIA, May 3 (novinite.com) - The cabinet resigned", "SOFIA", None, "05-03",
     "novinite"),
    ("site", "LOS ANGELES (Deadline.com) - The studio said", "LOS ANGELES", None, None,
     "Deadline.com"),
    ("site", "Москва. 12 марта. INTERFAX.RU - Правительство одобрило", "Москва", None, "03-12",
     "Interfax"),
    ("site", "Санкт-Петербург. 3 мая. ИНТЕРФАКС - Губернатор сообщил", "Санкт-Петербург",
     None, "05-03", "Interfax"),
    ("site", "КИЕВ, 5 мая (РИА НОВОСТИ) - Власти сообщили", "КИЕВ", None, "05-05",
     "RIA Novosti"),
]


@pytest.mark.parametrize(("kind", "text", "location", "date", "month_day", "agency"), CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_class_of_lead(kind: str, text: str, location: str | None, date: str | None,
                       month_day: str | None, agency: str | None) -> None:
    check_lead(kind, text, location, date, month_day, agency)


@pytest.mark.parametrize("text", [
    "Use the new iPhone app (beta) - it works",  # a glued capital on weak evidence
    "Best of 2024LONDON - shares rose",  # glued, no credit and no date
    "قال الوزير: إن الحكومة ستعلن",  # two words and a colon: a quotation, not a place
    "The lead sentence of the story is long enough to be the body of it, and ends.\n"
    "டெல்லி: அரசு",  # below the body an unknown bare name needs more
])
def test_weak_runs_are_no_dateline(text: str) -> None:
    dateline = parse_release(text).dateline
    assert dateline is None or dateline.location is None
