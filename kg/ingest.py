"""Bytes to :class:`~kg.model.Document`: decoding, HTML cleaning, language, script, title, date."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
import re
import stat
from collections import Counter
from pathlib import Path

from kg.model import Document

SUFFIXES = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html"}
_NOT_BRIEFINGS = {"readme", "license", "licence", "changelog", "contributing"}  # folder docs, skipped by discover
# The longest real transcripts are ~100 KB; extraction takes ~2 s and ~50 MB of memory per MB of text,
# so a file over 8 MiB (a dump or many briefings pasted together) is reported as too large, not built.
MAX_BYTES = 8 * 1024 * 1024


class IngestError(Exception):
    """A file that cannot be turned into a document; the message says why."""


def discover(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Briefing files under ``paths`` (sorted, each once) and the paths that could not be walked."""
    found: dict[Path, None] = {}
    problems: list[tuple[Path, str]] = []
    for root in paths:
        if root.is_file():
            found[root] = None
        elif root.is_dir():
            seen: set[tuple[int, int]] = set()
            for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=lambda e: problems.append((Path(e.filename), e.strerror))):
                st = os.stat(dirpath)
                if (st.st_dev, st.st_ino) in seen:  # a symlink loop: walk each real folder once
                    problems.append((Path(dirpath), "symlink loop, skipped"))
                    dirnames[:] = []
                    continue
                seen.add((st.st_dev, st.st_ino))
                dirnames.sort()
                for name in sorted(filenames):
                    p = Path(name)
                    if p.suffix.lower() in SUFFIXES and not name.startswith(".") and p.stem.lower() not in _NOT_BRIEFINGS:
                        if reason := _not_readable(Path(dirpath) / p):
                            problems.append((Path(dirpath) / p, reason))
                        else:
                            found[Path(dirpath) / p] = None
        else:
            problems.append((root, "no such file or folder"))
    return list(found), problems


def _not_readable(path: Path) -> str | None:
    """Why a listed file cannot be read as a briefing (a named pipe would block the build), or None."""
    try:
        mode = path.stat().st_mode
    except OSError as e:
        return "broken symbolic link" if path.is_symlink() else f"cannot read: {e.strerror or e}"
    return None if stat.S_ISREG(mode) else "not a regular file (a pipe, socket or device), skipped"


def load_document(path: Path | str) -> Document:
    """Read and decode one briefing file; raise :class:`IngestError` when it cannot be used."""
    path = Path(path)
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise IngestError(f"unsupported file type {path.suffix or '(none)'}; kg reads .txt, .md and .html")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise IngestError(too_large(size))
        data = path.read_bytes()
    except OSError as e:
        raise IngestError(read_error(e)) from e
    return parse_document(data, path, fmt)


def too_large(size: int) -> str:
    return f"file too large ({size:,} bytes > {MAX_BYTES:,}; one briefing per file)"


def read_error(e: OSError) -> str:
    """Why a file could not be read, in the words of the build report."""
    return "cannot read: " + ("vanished during the build" if isinstance(e, FileNotFoundError) else (e.strerror or str(e)))


def parse_document(data: bytes, path: Path, fmt: str) -> Document:
    """Turn the bytes of one file into a Document."""
    if not data.strip():
        raise IngestError("empty file")
    text, encoding = decode(data, declared=_declared_charset(data) if fmt == "html" else None)
    title = None
    if fmt == "html" or (fmt != "md" and re.match(r"\s*<(!doctype html|html)", text[:200], re.I)):
        from kg.html import main_text

        title, text = main_text(text)
        fmt = "html"
    text = _normalise(text)
    if not text.strip():
        raise IngestError("no text after decoding")
    language = detect_language(text)
    date, method = find_date(text)
    return Document(
        id=path.stem,
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        format=fmt,
        language=language,
        title=title or find_title(text),
        date=date,
        date_method=method,
        text=text,
    )


# --- decoding -----------------------------------------------------------------

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16/32, GB18030/GBK or Big5; return (text, encoding)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _strict(data, enc), enc
    if b"\x00" in data[:4096]:
        enc = _utf16_without_bom(data)
        if enc:
            return _strict(data, enc), enc
        if data.count(b"\x00") > len(data) // 10:
            raise IngestError("binary file (NUL bytes)")
        data = data.replace(b"\x00", b"")
    if _looks_binary(data):
        raise IngestError("binary file (not text)")
    candidates = ["utf-8", "gb18030", "big5"]
    if declared and declared not in candidates:
        candidates.insert(0, declared)
    decodable = {}
    for enc in candidates:
        try:
            decodable[enc] = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if enc == "utf-8":  # valid UTF-8 is never an accident for CJK text
            return decodable[enc], enc
    if len(decodable) == 1:
        return next(iter(decodable.items()))[::-1]
    if decodable:
        import charset_normalizer

        best = charset_normalizer.from_bytes(data, cp_isolation=list(decodable)).best()
        enc = best.encoding if best and best.encoding in decodable else next(iter(decodable))
        return decodable[enc], enc
    if sum(b < 0x80 for b in data[:65536]) >= 0.9 * min(len(data), 65536):
        try:  # mostly-ASCII Western text: a Windows code page, as old English pages use
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(3, len(text) // 200):
        return text, f"utf-8 ({bad} undecodable bytes replaced)"
    raise IngestError("undecodable: not UTF-8, UTF-16, GB18030 or Big5")


def _strict(data: bytes, enc: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as e:
        raise IngestError(f"undecodable as {enc}: {e.reason} at byte {e.start}") from e


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte order mark: NUL bytes (high bytes of ASCII) all on one side and the whole decodes."""
    if len(data) % 2:
        return None
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for enc, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros * 10 >= len(sample) // 2 and other * 8 <= zeros:
            try:
                head = data[:4096].decode(enc, errors="ignore")
                data.decode(enc)
            except UnicodeDecodeError:
                continue
            if sum(ord(c) < 32 and c not in "\t\n\r\f" for c in head) * 100 <= len(head):
                return enc
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    control = sum(1 for b in sample if b < 32 and b not in b"\t\n\r\f\x0b\x1b")
    return control > len(sample) // 20


def _declared_charset(data: bytes) -> str | None:
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", data[:4096], re.I)
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    try:
        return codecs.lookup(name).name if name not in ("gb2312", "gbk") else "gb18030"
    except LookupError:
        return None


_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# Pinyin that scraped pages put after characters, 會(huì) 發(fā)布(fābù): letters with at least one tone mark.
_PINYIN_NOTE = re.compile(rf"(?<=[\u3400-\u9fff])[(（]\s*(?=[a-zü{_TONED} ]*[{_TONED}])[a-zü{_TONED}]{{1,6}}(?: [a-zü{_TONED}]{{1,6}})*\s*[)）]")


def _normalise(text: str) -> str:
    """Unix newlines, no zero-width or NUL characters, no pinyin annotations, no trailing blanks on lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = re.sub(r"[\u200b\u200c\u200d\ufeff\x00]", "", text)
    text = _PINYIN_NOTE.sub("", text)
    return re.sub(r"[ \t]+\n", "\n", text)


# --- language and script ------------------------------------------------------

_HAN = re.compile(r"[\u4e00-\u9fff]")


def detect_language(text: str) -> str:
    """``en``, ``zh-Hans`` or ``zh-Hant``: Chinese when Han characters outnumber Latin letters."""
    sample = text[:20000]
    han = len(_HAN.findall(sample))
    latin = len(re.findall(r"[A-Za-z]", sample))
    if han == 0 or han * 2 < latin:
        return "en"
    from kg.text.script import script_of

    return script_of(sample)


# --- title --------------------------------------------------------------------

_HEADER_WORD = re.compile(r"^(speakers?|chairperson|moderator|date|read in chinese|photo|data map)\b", re.I)


def find_title(text: str) -> str | None:
    """The first non-blank line when it reads as a heading (short, not a sentence), else None."""
    line = next((ln.strip().lstrip("#").strip() for ln in text.splitlines() if ln.strip()), "")
    words = len(line.split()) if not _HAN.search(line) else len(_HAN.findall(line)) // 2
    if 3 <= words <= 30 and len(line) <= 160 and not re.search(r"[.。!?！？:：]$", line) and not _HEADER_WORD.match(line):
        return line
    return None


# --- dates --------------------------------------------------------------------

_MONTHS = {m: i for i, names in enumerate([
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
    ("nov", "november"), ("dec", "december")], start=1) for m in names}
_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_FULL_DATES = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)\b"),
    re.compile(r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<month>[01]?\d)\s*月\s*(?P<day>[0-3]?\d)\s*[日号號]"),
]
_PARTIAL_DATES = [
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s*\d)", re.I),
    re.compile(r"(?<![\d年])(?P<month>[01]?\d)\s*月\s*(?P<day>[0-3]?\d)\s*[日号號]"),
]
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_ANNUAL_REVIEW = re.compile(
    r"throughout the year|for the (?:whole|full) year|end of the year|fourth quarter|annual|in (?:19|20)\d\d\b|"
    r"全年|年底|年末|四季度|第四季度|1-12月|1—12月", re.I)


def find_date(text: str) -> tuple[dt.date | None, str]:
    """The briefing's date and how it was found: ``explicit``, ``inferred`` (year from context) or ``missing``.

    The date nearest the top wins: a dateline ("China News Service, January 24", "4月24日,") or a
    header line ("Date: Sept. 24, 2024") comes before dates the body mentions.
    """
    candidates = []  # (position, date, method)
    for pattern in _FULL_DATES:
        if (m := pattern.search(text, 0, 2500)) and (date := _make_date(m, int(m.group("year")))):
            candidates.append((m.start(), date, "explicit"))
    for pattern in _PARTIAL_DATES:
        if (m := pattern.search(text, 0, 400)) and (year := _reported_year(text)):
            month = _month_of(m)
            if month <= 3 and _ANNUAL_REVIEW.search(text):  # an early-year briefing reviews last year
                year += 1
            if date := _make_date(m, year):
                candidates.append((m.start(), date, "inferred"))
    if candidates:
        _, date, method = min(candidates, key=lambda c: (c[0], c[2] != "explicit"))
        return date, method
    for pattern in _FULL_DATES:  # a full date further down is better than none
        if (m := pattern.search(text)) and (date := _make_date(m, int(m.group("year")))):
            return date, "explicit"
    return None, "missing"


def _reported_year(text: str) -> int | None:
    """The year the text talks about most (the latest on ties)."""
    counts = Counter(int(y) for y in _YEAR.findall(text))
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


def _month_of(m: re.Match) -> int:
    groups = m.groupdict()
    if groups.get("mon"):
        return _MONTHS[groups["mon"].lower().rstrip(".")]
    return int(groups["month"])


def _make_date(m: re.Match, year: int) -> dt.date | None:
    try:
        return dt.date(year, _month_of(m), int(m.group("day")))
    except ValueError:
        return None
