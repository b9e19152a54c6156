"""Chinese, Japanese and Korean dateline forms.

``新华社北京4月24日电`` (Xinhua, Beijing, April 24), ``【ソウル＝小池和樹】`` (Seoul, a
reporter's name), ``【北京共同】`` (Kyodo, Beijing) and ``(서울=연합뉴스)`` (Seoul, Yonhap).
"""

from __future__ import annotations

import re

from .agencies import canonical_agency
from .dates import DateMatch
from .lead import Credit, Place, Run

__all__ = ["match_cjk"]

_HAN = r"\u3400-\u9fff\uf900-\ufaff"
_KANA = r"\u3040-\u30ff\uff66-\uff9f"
_CHINESE_RE = re.compile(
    rf"[ \t]*(?P<agency>新华社|新華社|新华网|中新社|中新网|人民网|央视网|本报|本報)"
    rf"(?P<place>[{_HAN}]{{1,8}}?)(?:(?P<y>\d{{4}})年)?(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日电"
)
_JAPANESE_RE = re.compile(
    rf"[ \t]*【(?P<place>[{_HAN}{_KANA}ー・A-Za-z ]{{1,20}}?)"
    rf"(?:[＝=](?P<who>[^】\n]{{1,24}})|(?P<glued>共同|時事|AFP時事|ロイター))?】"
)
_KOREAN_RE = re.compile(
    r"[ \t]*[(（](?P<place>[가-힣]{1,12})\s*[=＝]\s*(?P<who>[^)）\n]{1,12})[)）]")
_OWN_PAPER = {"本报", "本報"}


def match_cjk(s: str, p: int) -> Run | None:
    """A Chinese, Japanese or Korean dateline at ``p`` of ``s``, as a dateline run."""
    q = _skip_spaces(s, p)
    if q >= len(s) or (s[q] not in "【(（" and ord(s[q]) < 0x3000):
        return None
    m = _CHINESE_RE.match(s, p)
    if m:
        run = Run(start=p, end=m.end(), close="end")
        run.place = Place(m.start("place"), m.end("place"), m["place"])
        day = DateMatch(m.end(), int(m["y"]) if m["y"] else None, int(m["m"]), int(m["d"]),
                        m.group(0))
        run.date, run.date_seen = day, True
        if m["agency"] not in _OWN_PAPER:
            run.credit = Credit(canonical_agency(m["agency"]) or m["agency"], True, "paren")
        run.order = ["credit", "place", "date"]
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


def _skip_spaces(s: str, p: int) -> int:
    while p < len(s) and s[p] in " \t":
        p += 1
    return p
