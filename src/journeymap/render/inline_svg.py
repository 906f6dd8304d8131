"""Graphviz's SVG views made safe to inline in the report: refused when they hold anything that could run or
fetch (scripts, event handlers, external references), their ids prefixed so that three views share one page, and
their size read so that a wide view opens at its own size.

Split from html.py, which builds the pages: this module only judges and rewrites one SVG document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape as html_unescape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markupsafe import Markup

# A view wider than this (in points; the page shows about 900) shrinks its 14-point labels below 6 points when
# fitted to the page: it opens at its actual size instead, and either way a switch above it changes the size.
WIDE_VIEW_PT = 2000
_SVG_WIDTH = re.compile(r'<svg\b[^>]*?\swidth="([0-9]+(?:\.[0-9]+)?)pt"')


@dataclass(frozen=True)
class InlineView:
    """A Graphviz view ready to inline, or the reason it is not there (missing, or refused as unsafe)."""

    name: str
    markup: Markup | None
    refused: str | None = None
    width_pt: float | None = None  # the drawing's natural width, as dot gives it

    @property
    def missing(self) -> bool:
        return self.markup is None and self.refused is None

    @property
    def wide(self) -> bool:
        """Too wide to read once fitted to the page: the report opens it at its actual size, scrolling sideways."""
        return self.width_pt is not None and self.width_pt > WIDE_VIEW_PT


_EXECUTABLE_TAGS = frozenset({"script", "foreignobject", "iframe", "object", "embed", "handler", "listener"})
# Attributes that make a browser fetch or open an address (in SVG, or in HTML that a stray tag would switch to).
_LINK_ATTRIBUTES = frozenset({
    "href", "xlink:href", "src", "srcset", "action", "formaction", "poster", "data", "background", "cite",
    "longdesc", "ping", "usemap", "codebase", "archive", "manifest", "icon", "lowsrc", "dynsrc",
})  # fmt: skip
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?![\s'\"#])", re.IGNORECASE)
# The SVG is read the way a browser's HTML tokenizer splits it: between pieces of text, a comment (which browsers
# also end at "--!>", and at once after "<!--" + ">" or "->"), a declaration, a processing instruction, a tag
# with its attributes (a quote starts a value only after "=", and a quoted value may hold ">"), or a "<" that
# starts none of these. Most of dot's output is plain: text, comments without markup, and tags that are not
# active and hold no id, link, event handler, scheme, call (url(...)), at-rule or character reference in
# double-quoted values; runs of plain pieces are passed over inside the regular expression engine, the rest is
# read in Python. html.parser took half the time of a large report.
_WATCHED_NAMES = "|".join(sorted(name for name in _LINK_ATTRIBUTES | {"id"} if ":" not in name))  # and on*
_WATCHED_TAGS = "|".join(sorted(_EXECUTABLE_TAGS | {"style"}))
_SVG_PIECE = re.compile(
    r"""(?P<plain>(?:[^<]++|<!--(?![->])[^<>]*?-->|"""
    rf"""</?(?!(?:{_WATCHED_TAGS})\b)[a-z][\w.-]*"""
    rf"""(?:\s+(?!on|(?:{_WATCHED_NAMES})=)[\w.-]+="[^"<>:(@&]*")*\s*/?>)++)"""
    r"""|<!--(?P<comment>.*?)--!?>"""
    r"""|<!(?!--)[^>]*>"""
    r"""|<\?[^>]*>"""
    r"""|<(?P<end>/?)(?P<tag>[A-Za-z][^\s/>]*)"""
    r"""(?P<attributes>(?:[\s/]+|[^\s/>][^\s/>=]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|(?!["'])[^\s>]*)|(?!\s*=)))*+)>"""
    r"""|<""",
    re.DOTALL | re.IGNORECASE,
)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_STYLE_END = re.compile(r"</style\s*>", re.IGNORECASE)
# Attributes that may need a closer look: an event handler, a link (one of _LINK_ATTRIBUTES), an id, or a value
# with a scheme, a call (url(...)), an at-rule or a character reference. Whatever has none of these is safe.
_WORTH_READING = re.compile(rf"""(?:^|[\s/"'])(?:on|(?:{_WATCHED_NAMES})\b)|[:(@&]""", re.IGNORECASE)


def _inspect_svg(body: str) -> tuple[str | None, list[str]]:
    """Defence in depth: even though dot escapes labels, an SVG with active content or an outside link is refused.

    Returns the reason for refusing (None when the SVG is safe to inline) and the ids the SVG defines.
    """
    ids: list[str] = []
    for piece in _SVG_PIECE.finditer(body):
        if piece.start("plain") >= 0:
            continue
        tag = piece.group("tag")
        if tag is None:
            text = piece.group()
            comment = piece.group("comment")
            if comment is not None and (comment.startswith((">", "->")) or "<" in comment or ">" in comment):
                return "markup in a comment", ids
            if text.startswith("<?"):
                return "processing instruction", ids
            following = body[piece.end() : piece.end() + 1]
            if text == "<" and (following.isalpha() or following in ("/", "!", "?")):
                return "unterminated tag", ids
            continue  # a comment, a declaration, or a "<" that is text
        if piece.group("end"):
            continue
        name = tag.lower()
        if name in _EXECUTABLE_TAGS:
            return f"<{tag}>", ids
        if name == "style" and not piece.group().endswith("/>"):
            end = _STYLE_END.search(body, piece.end())
            css = body[piece.end() : end.start() if end else len(body)]
            if _CSS_URL.search(css) or "@import" in css.lower():
                return "outside resource in a style", ids
        attributes = piece.group("attributes")
        if _WORTH_READING.search(attributes):  # most of dot's tags hold coordinates, colours and fonts only
            refused = _inspect_attributes(attributes, ids)
            if refused is not None:
                return refused, ids
    return None, ids


def _inspect_attributes(attributes: str, ids: list[str]) -> str | None:
    """Why the attributes of one tag are refused, or None; adds the id they define to `ids`."""
    for attribute in _ATTRIBUTE.finditer(attributes):
        name = attribute.group(1).lower()
        value = next((v for v in attribute.groups()[1:] if v is not None), "")
        if "&" in value:
            value = html_unescape(value)
        if name.startswith("on"):
            return f"{name} attribute"
        if name in _LINK_ATTRIBUTES and not value.strip().startswith("#"):
            return f"link outside the document in {name}"
        if "javascript:" in re.sub(r"\s", "", value.lower()):
            return "javascript: URL"
        if _CSS_URL.search(value) or "@import" in value.lower():
            return "outside resource in a style"
        if name == "id":
            ids.append(value)
    return None


def inline_svg(name: str, document: str | None) -> InlineView:
    """Makes a `dot -Tsvg` document fit inside HTML: no XML prolog or DOCTYPE, ids made unique per view (three
    views share dot's `graph0`, `node1`...), and anything that could run or fetch refused with a reason."""
    if document is None:
        return InlineView(name, None)
    start = document.find("<svg")
    if start < 0:
        return InlineView(name, None, "no <svg> element")
    body = document[start:]
    end = body.rfind("</svg>")
    body = body[: end + len("</svg>")] if end >= 0 else body  # nothing after the root element either
    if re.search(r"<\s*script", body, re.IGNORECASE):
        return InlineView(name, None, "<script>")
    refused, ids = _inspect_svg(body)
    if refused is not None:
        return InlineView(name, None, refused)
    body = _prefix_ids(body, name, set(ids))
    from markupsafe import Markup

    width = _SVG_WIDTH.match(body)
    return InlineView(name, Markup(body), width_pt=float(width.group(1)) if width else None)


# Where an id is defined (` id="..."`) or referred to (`url(#...)`, ` href="#..."`, ` xlink:href="#..."`): found
# by their literal openings, which the regular expression engine finds fast, then read in Python; three
# substitutions over a large view took longer than drawing it.
_ID_OPENING = re.compile(r'id="|url\(#|href="#')


def _prefix_ids(body: str, prefix: str, ids: set[str]) -> str:
    """Renames the ids an SVG defines, and the references to them, so that several views share one page."""
    if not ids:
        return body
    parts: list[str] = []
    done = 0
    for opening in _ID_OPENING.finditer(body):
        start, end = opening.span()
        if start < done:
            continue  # inside a value already renamed
        if opening.group() == "url(#":
            close = body.find(")", end)
            target = body[end:close]
            if close < 0 or any(c.isspace() for c in target):
                continue
        else:
            close = body.find('"', end)
            target = body[end:close]
            lead = start - 6 if opening.group() == 'href="#' and body[start - 6 : start] == "xlink:" else start
            if close < 0 or not body[lead - 1 : lead].isspace():
                continue  # "data-id=", "x:href=": another attribute
        if target in ids:
            parts += [body[done:end], f"{prefix}-{target}"]
            done = close
    return "".join(parts) + body[done:]
