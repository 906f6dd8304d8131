"""Reading the HTML pages journeymap writes (journey reports, folder index, diff page) as a browser's parser splits
them, for the assertions every page must pass (self-contained, nothing that could run), and opening them in
headless Chromium while recording everything they should not do."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from journeymap.render.html import CSP

URL_ATTRIBUTES = frozenset(
    {"href", "src", "xlink:href", "action", "formaction", "poster", "srcset", "data", "background", "cite", "longdesc",
     "manifest", "ping", "lowsrc", "dynsrc", "icon", "codebase", "archive", "usemap"}
)  # fmt: skip
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.IGNORECASE)
ACTIVE_TAGS = frozenset({"script", "iframe", "object", "embed", "img", "foreignobject"})


@dataclass
class Page:
    """What a page holds, as a browser's parser sees it: every tag with its attributes, the text, the style sheets."""

    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    text: str = ""
    styles: list[str] = field(default_factory=list)

    def ids(self) -> set[str]:
        return {attrs["id"] or "" for _, attrs in self.tags if "id" in attrs}

    def urls(self) -> list[str]:
        """Every address the page could fetch or open: link attributes, and url(...) in styles."""
        found = [value or "" for _, attrs in self.tags for name, value in attrs.items() if name in URL_ATTRIBUTES]
        for css in [*self.styles, *(attrs.get("style") or "" for _, attrs in self.tags)]:
            found += CSS_URL.findall(css)
        return found

    def meta(self, http_equiv: str) -> list[str]:
        return [
            attrs.get("content") or ""
            for tag, attrs in self.tags
            if tag == "meta" and (attrs.get("http-equiv") or "").lower() == http_equiv.lower()
        ]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._in_style = False
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.page.styles if self._in_style else self._text).append(data)

    def close(self) -> None:
        super().close()
        self.page.text = " ".join(" ".join(self._text).split())


def read(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page


def assert_self_contained(html: str, *, relative_links: bool = False) -> None:
    """No address outside the document: only #anchors and data: URIs (and, for the index, relative report files)."""
    page = read(html)
    assert page.meta("Content-Security-Policy") == [CSP]
    assert "script-src" not in CSP and "default-src 'none'" in CSP
    for url in page.urls():
        url = url.strip()
        if url.startswith(("#", "data:")):
            continue
        assert relative_links, f"external address {url!r}"
        assert not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url) and not url.startswith(("/", "\\")), url


def assert_inert(html: str) -> None:
    """Nothing that could run: no script or embedding element, no event handler, no javascript: address."""
    page = read(html)
    assert "<script" not in html.lower()
    assert not [tag for tag, _ in page.tags if tag in ACTIVE_TAGS]
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), f"<{tag} {name}=...>"
            assert "javascript:" not in (value or "").lower().replace(" ", ""), f"<{tag} {name}={value!r}>"


# --- in the browser ----------------------------------------------------------------------------------------------

@dataclass
class Visit:
    """What a page did when opened: console messages, errors, failed and unexpected requests, dialogs."""

    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_quiet(self) -> None:
        assert self.console == [] and self.errors == [] and self.failed == [] and self.requests == []
        assert self.dialogs == []


def open_page(chromium: Any, path: Path, width: int = 1500) -> tuple[Any, Visit]:
    visit = Visit()
    page = chromium.new_page(viewport={"width": width, "height": 1000})
    url = path.as_uri()
    page.on("console", lambda message: visit.console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    page.on("requestfailed", lambda request: visit.failed.append(request.url))

    def on_dialog(dialog: Any) -> None:
        visit.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)

    def route(handle: Any) -> None:
        if handle.request.url == url:
            handle.continue_()
        else:
            visit.requests.append(handle.request.url)
            handle.abort()

    page.route("**/*", route)
    page.goto(url, wait_until="load")
    return page, visit
