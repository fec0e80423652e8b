"""Decoding, cleaning and metadata of real files with real bytes."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.ingest import IngestError, discover, load_document
from kg.text.script import to_simplified

ZH_HANT = "4月24日，人力資源社會保障部舉行2023年一季度新聞發布會。1-3月城鎮新增就業297萬人，3月份全國城鎮調查失業率為5.3%。"


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le"])
def test_simplified_chinese_in_any_common_encoding(tmp_path, encoding):
    text = to_simplified(ZH_HANT)
    doc = load_document(write(tmp_path, "s.txt", text.encode(encoding)))
    assert doc.text == text
    assert doc.language == "zh-Hans"


@pytest.mark.parametrize("encoding", ["utf-8", "big5", "utf-16"])
def test_traditional_chinese_in_any_common_encoding(tmp_path, encoding):
    doc = load_document(write(tmp_path, "t.txt", ZH_HANT.encode(encoding)))
    assert doc.text == ZH_HANT
    assert doc.language == "zh-Hant"
    assert doc.encoding.replace("_", "-").startswith(encoding.split("-")[0])


def test_html_meta_charset_that_lies_is_overruled(tmp_path):
    html = f'<html><head><meta charset="gb2312"><title>發布會</title></head><body><article><p>{ZH_HANT}</p></article></body></html>'
    doc = load_document(write(tmp_path, "page.html", html.encode("utf-8")))
    assert "297萬人" in doc.text
    assert doc.encoding == "utf-8"


def test_html_keeps_the_article_and_drops_scripts_and_navigation(tmp_path):
    html = """<!doctype html><html><head><title>MOHRSS press conference</title>
    <script>var tracker = "SHOULD NOT APPEAR";</script><style>p {color: red}</style></head>
    <body><nav><a href="/">Home</a> | <a href="/news">News menu</a></nav>
    <div class="sidebar">Hot links: casino bonus</div>
    <article><h1>Jobs stable</h1><p>There were 12.44 million new urban jobs in 2023.</p>
    <p>The surveyed urban unemployment rate in December was 5.1%.</p></article>
    <footer>Copyright 2024</footer></body></html>"""
    doc = load_document(write(tmp_path, "news.html", html.encode()))
    assert doc.format == "html"
    assert doc.title == "MOHRSS press conference"
    assert "12.44 million new urban jobs" in doc.text and "5.1%" in doc.text
    for noise in ("SHOULD NOT APPEAR", "News menu", "casino", "Copyright", "color: red"):
        assert noise not in doc.text


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b"   \n\t ", "empty"),
    (bytes(range(256)) * 40, "binary"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02\x03" * 500, "binary"),
    (b"\xfd\xfc caf\xe9 \x80\x81\x82\x83" * 50, "undecodable"),
])
def test_unusable_files_raise_with_a_reason(tmp_path, data, reason):
    with pytest.raises(IngestError, match=reason):
        load_document(write(tmp_path, "bad.txt", data))


def test_windows_1252_english_is_read(tmp_path):
    doc = load_document(write(tmp_path, "w.txt", "The minister\u2019s briefing: 5.1% \u2013 stable.".encode("cp1252")))
    assert doc.text == "The minister\u2019s briefing: 5.1% \u2013 stable." and doc.encoding == "cp1252"


def test_a_few_nul_bytes_are_dropped_not_fatal(tmp_path):
    doc = load_document(write(tmp_path, "nul.txt", b"There were 12.44 million new urban jobs\x00 in 2023.\n" * 20))
    assert "\x00" not in doc.text and "12.44 million" in doc.text


def test_unsupported_suffix_and_missing_file(tmp_path):
    with pytest.raises(IngestError, match="unsupported"):
        load_document(write(tmp_path, "a.pdf", b"%PDF-1.4"))
    with pytest.raises(IngestError, match="cannot read"):
        load_document(tmp_path / "gone.txt")


def test_discover_walks_folders_once_despite_a_symlink_loop(tmp_path):
    (tmp_path / "a").mkdir()
    write(tmp_path / "a", "one.txt", b"x")
    write(tmp_path / "a", "skip.pdf", b"x")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    files, problems = discover([tmp_path, tmp_path / "nowhere"])
    assert [f.name for f in files] == ["one.txt"]
    assert any("symlink loop" in r for _, r in problems)
    assert any("no such" in r for _, r in problems)


def test_seed_metadata(corpus):
    expected = {
        "000_b8b6c41c41296aa4": ("en", dt.date(2024, 1, 24), "inferred"),
        "001_3e9d6aa8da39b477": ("en", dt.date(2021, 1, 26), "inferred"),
        "002_1c423fb17c70a0e3": ("zh-Hant", dt.date(2023, 4, 24), "inferred"),
        "003_d62faf5b1879da68": ("en", dt.date(2023, 3, 2), "explicit"),
        "004_15f0d072de33f25b": ("en", dt.date(2024, 9, 24), "explicit"),
    }
    for path in sorted(corpus.glob("*.txt")):
        doc = load_document(path)
        assert doc.id == path.stem
        assert len(doc.sha256) == 64
        assert (doc.language, doc.date, doc.date_method) == expected[doc.id]


@pytest.mark.parametrize("text,date,method", [
    ("Beijing, March 3, 2022 -- The ministry said ...", dt.date(2022, 3, 3), "explicit"),
    ("2019年7月23日，人社部举行新闻发布会。", dt.date(2019, 7, 23), "explicit"),
    ("Date: 24 Sept 2024\nThe ministry reported ...", dt.date(2024, 9, 24), "explicit"),
    ("China News Service, January 22. In 2021, 12.69 million new urban jobs were created throughout the year.",
     dt.date(2022, 1, 22), "inferred"),
    ("7月23日，人社部举行2019年二季度新闻发布会。上半年城镇新增就业737万人。2019年", dt.date(2019, 7, 23), "inferred"),
    ("No date here at all.", None, "missing"),
])
def test_dates_explicit_inferred_missing(tmp_path, text, date, method):
    doc = load_document(write(tmp_path, "d.txt", text.encode()))
    assert (doc.date, doc.date_method) == (date, method)
