"""Chinese, Japanese and Korean dateline forms.

``新华社北京4月24日电`` (Xinhua, Beijing, April 24; also after ``据``, "according to"),
``【ソウル＝小池和樹】`` (Seoul, a reporter's name), ``【北京共同】`` (Kyodo, Beijing) and
``(서울=연합뉴스)`` (Seoul, Yonhap).
"""

from __future__ import annotations

import re

from .agencies import canonical_agency
from .dates import DateMatch
from .lead import Credit, Place, Run

__all__ = ["match_cjk"]

_HAN = r"\u3400-\u9fff\uf900-\ufaff"
_KANA = r"\u3040-\u30ff\uff66-\uff9f"
_CN_DIGITS = "〇零一二三四五六七八九十廿卅"
_CN_NUM = rf"(?:\d{{1,2}}|[{_CN_DIGITS}]{{1,3}})"
_CHINESE_RE = re.compile(
    rf"[ \t]*(?:据|據)?"  # "据新华社...电": "according to Xinhua"
    rf"(?P<agency>新华社|新華社|新华网|新華網|中新社|中新网|中新網|人民网|人民網|央视网|央視網|本报|本報)"
    rf"(?P<place>[{_HAN}{_KANA}ー・]{{1,10}}?)??(?:(?P<y>\d{{4}})年)?(?P<m>{_CN_NUM})月(?P<d>{_CN_NUM})日[电電]"
)
_JAPANESE_RE = re.compile(
    rf"[ \t]*【(?P<place>[{_HAN}{_KANA}ー・A-Za-z ]{{1,20}}?)"
    rf"(?:[＝=](?P<who>[^】\n]{{1,24}})|(?P<glued>共同|時事|AFP時事|ロイター))?】"
)
_KOREAN_RE = re.compile(
    r"[ \t]*[(（](?P<place>[가-힣]{1,12})\s*[=＝]\s*(?P<who>[^)）\n]{1,12})[)）]")
_OWN_PAPER = {"本报", "本報"}
# "ワシントン=記者名" alone on its line above a page's time stamp: a place and a reporter
_JAPANESE_BYLINE_RE = re.compile(
    rf"[ \t]*(?P<place>[{_HAN}{_KANA}ー・]{{1,12}}?)[＝=][ \t]*[{_HAN}{_KANA}ー・ 　]{{2,12}}"
    rf"[ \t]*\n[ \t]*(?:\d{{4}}[年/.-])?\d{{1,2}}[月/.-]\d{{1,2}}日?[ \t]*\d{{1,2}}[時:]\d{{2}}"
)


def match_cjk(s: str, p: int) -> Run | None:
    """A Chinese, Japanese or Korean dateline at ``p`` of ``s``, as a dateline run."""
    q = _skip_spaces(s, p)
    if q >= len(s) or (s[q] not in "【(（" and ord(s[q]) < 0x3000):
        return None
    m = _CHINESE_RE.match(s, p)
    if m:
        month, day_of = _number(m["m"]), _number(m["d"])
        if not (1 <= month <= 12 and 1 <= day_of <= 31):
            return None
        run = Run(start=p, end=m.end(), close="end")
        if m["place"]:  # "中新網3月3日電": an outlet's own dateline prints no place
            run.place = Place(m.start("place"), m.end("place"), m["place"])
        day = DateMatch(m.end(), int(m["y"]) if m["y"] else None, month, day_of, m.group(0))
        run.date, run.date_seen = day, True
        if m["agency"] not in _OWN_PAPER:
            run.credit = Credit(canonical_agency(m["agency"]) or m["agency"], True, "paren")
        run.order = ["credit", "place", "date"]
        return run
    m = _JAPANESE_BYLINE_RE.match(s, p)
    if m:
        end = s.index("\n", m.start("place"))
        run = Run(start=p, end=end, close="end", order=["place"])
        run.place = Place(m.start("place"), m.end("place"), m["place"])
        return run
    for pattern in (_JAPANESE_RE, _KOREAN_RE):
        m = pattern.match(s, p)
        if not m:
            continue
        run = Run(start=p, end=m.end(), close="end")
        run.place = Place(m.start("place"), m.end("place"), m["place"].strip())
        who = (m.groupdict().get("glued") or m["who"] or "").strip()
        agency = canonical_agency(who) if who else None
        if agency:
            run.credit = Credit(agency, True, "paren")
        run.order = ["place"]
        return run
    return None


def _number(text: str) -> int:
    """A month's or day's number in figures or Chinese numerals (``十二``, ``二十一``)."""
    if text.isdigit():
        return int(text)
    value = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
    tens = {"十": 10, "廿": 20, "卅": 30}
    total, digit = 0, 0
    for c in text:
        if c in tens:
            total += (digit or 1) * 10 if c == "十" else tens[c]
            digit = 0
        else:
            digit = value[c]
    return total + digit


def _skip_spaces(s: str, p: int) -> int:
    while p < len(s) and s[p] in " \t":
        p += 1
    return p
