"""The article text of an HTML page, without scripts, navigation, headers, footers or asides."""

from __future__ import annotations

import re

_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button", "select")
_NOISE = re.compile(r"nav|menu|footer|header|sidebar|breadcrumb|share|comment|advert|banner|related|copyright|login|search", re.I)
_MAIN = ("//article", "//main", "//*[@role='main']",
         "//*[@id='content' or @class='content' or contains(@class,'article') or contains(@id,'article')]")
_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote", "pre", "dd", "dt", "table", "ul", "ol"}


def main_text(html: str) -> tuple[str | None, str]:
    """(title, text) of an HTML page: the title from <title> or the first <h1>, the text of its main content."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # lxml raises a bare ParserError / ValueError on hopeless markup
        return None, re.sub(r"<[^>]+>", " ", html)
    for el in root.xpath("|".join(f"//{t}" for t in _DROP)):
        el.drop_tree()
    for el in root.xpath("//*[@class or @id]"):
        marker = f"{el.get('class', '')} {el.get('id', '')}"
        if el.getparent() is not None and el.tag not in ("body", "html", "article", "main") and _NOISE.search(marker) and not el.xpath(".//article|.//main"):
            el.drop_tree()
    h1 = root.xpath("//h1")
    title = (root.findtext(".//title") or "").strip() or (h1[0].text_content().strip() if h1 else None)
    body = next((found[0] for xp in _MAIN if (found := root.xpath(xp))), None)
    if body is None:
        body = root.body if root.find("body") is not None else root
    return title or None, _text(body)


def _text(el) -> str:
    """Text of an element with block elements on their own lines."""
    parts: list[str] = []

    def walk(node) -> None:
        if isinstance(node.tag, str) and node.tag in _BLOCK:
            parts.append("\n")
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if isinstance(node.tag, str) and node.tag in _BLOCK:
            parts.append("\n")

    walk(el)
    text = re.sub(r"[ \t\r\f\v]+", " ", "".join(parts))
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()
