"""A school's timetable as an iCalendar file (RFC 5545) to send by e-mail.

One VEVENT per visit (a class at consecutive lessons of one day, its parallel subgroups together):
local times in Europe/Moscow (a VTIMEZONE without daylight saving, UTC+03:00), SUMMARY «class:
module», LOCATION the workshops, DESCRIPTION the instructors. Text is escaped (``\\``, ``;``, ``,``,
newlines) and lines are folded at 75 octets, CRLF-terminated, as the RFC requires.

Plain data in: events as dicts ``uid, date, starts_at, ends_at, summary, location, description``.
"""

from __future__ import annotations

import datetime as dt
import os

TZID = "Europe/Moscow"


def _escape(text: str) -> str:
    return (str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets; continuation lines start with one space (never splitting a character)."""
    out, cur, size = [], "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        limit = 75 if not out else 74
        if size + n > limit:
            out.append(cur)
            cur, size = "", 0
        cur += ch
        size += n
    out.append(cur)
    return [out[0]] + [" " + x for x in out[1:]]


def calendar_text(name: str, events: list[dict], *, stamp: dt.datetime | None = None) -> str:
    stamp = (stamp or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ChemCluster Desktop//Timetable//RU", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_escape(name)}", f"X-WR-TIMEZONE:{TZID}",
             "BEGIN:VTIMEZONE", f"TZID:{TZID}", "BEGIN:STANDARD", "DTSTART:19700101T000000",
             "TZOFFSETFROM:+0300", "TZOFFSETTO:+0300", "TZNAME:MSK", "END:STANDARD", "END:VTIMEZONE"]
    for e in events:
        start = dt.datetime.combine(e["date"], e["starts_at"]).strftime("%Y%m%dT%H%M%S")
        end = dt.datetime.combine(e["date"], e["ends_at"]).strftime("%Y%m%dT%H%M%S")
        lines += ["BEGIN:VEVENT", f"UID:{e['uid']}", f"DTSTAMP:{stamp}", f"DTSTART;TZID={TZID}:{start}",
                  f"DTEND;TZID={TZID}:{end}", f"SUMMARY:{_escape(e['summary'])}",
                  f"LOCATION:{_escape(e['location'])}", f"DESCRIPTION:{_escape(e['description'])}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(x + "\r\n" for line in lines for x in _fold(line))


def write(path: str | os.PathLike, name: str, events: list[dict]) -> int:
    tmp = f"{os.fspath(path)}.part"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(calendar_text(name, events))
    os.replace(tmp, path)
    return len(events)
