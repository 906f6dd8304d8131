"""The check of dot's SVG before it is inlined in the HTML report (render/html.py): a fast reader of tags, checked
here against html.parser, the standard library's reading of HTML (what the report used before), on crafted and
generated documents. The fast reader may refuse more, never less."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CLEAN_JOURNEY, EXAMPLES
from journeymap.model import Journey
from journeymap.render.engine import run_dot
from journeymap.render.inline_svg import _inspect_svg, inline_svg
from journeymap.render.views import view_dot
from journeymap.validate import validate_text

_EXECUTABLE = {"script", "foreignobject", "iframe", "object", "embed", "handler", "listener"}
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?![\s'\"#])", re.IGNORECASE)
_LINKS = {"href", "xlink:href", "src", "srcset", "action", "formaction", "poster", "data", "background", "cite",
          "longdesc", "ping", "usemap", "codebase", "archive", "manifest", "icon", "lowsrc", "dynsrc"}


class Oracle(HTMLParser):
    """The reference reading: html.parser's tokenizer with the same rules (tag names, attributes, styles)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.reason: str | None = None
        self.ids: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_style = tag.lower() == "style"
        if tag.lower() in _EXECUTABLE:
            self.reason = self.reason or f"<{tag}>"
        for name, value in attrs:
            name, value = name.lower(), value or ""
            if name.startswith("on"):
                self.reason = self.reason or "event"
            elif name in _LINKS and not value.strip().startswith("#"):
                self.reason = self.reason or "link"
            elif "javascript:" in re.sub(r"\s", "", value.lower()):
                self.reason = self.reason or "javascript"
            elif _CSS_URL.search(value) or "@import" in value.lower():
                self.reason = self.reason or "style"
            elif name == "id":
                self.ids.append(value)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.in_style = False

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style and (_CSS_URL.search(data) or "@import" in data.lower()):
            self.reason = self.reason or "style"

    def handle_pi(self, data: str) -> None:
        self.reason = self.reason or "pi"


def oracle(body: str) -> Oracle:
    reader = Oracle()
    reader.feed(body)
    reader.close()
    return reader


@pytest.mark.parametrize(
    "body, reason",
    [
        ('<svg><!--><g onload="x()"/>--></svg>', "markup in a comment"),  # browsers end "<!-->" at once
        ('<svg><!---><g onload="x()"/>--></svg>', "markup in a comment"),
        ('<svg><!-- <g onload="x()"/> --></svg>', "markup in a comment"),
        ('<svg><!-- never closed <g/></svg>', "unterminated tag"),
        ('<svg><g class="a" ', "unterminated tag"),  # would swallow the report's markup that follows
        ('<svg><g onload="x()" </svg>', "onload attribute"),  # "<" may start an attribute name
        ('<svg><g id="a\'></g></svg>', "unterminated tag"),
        ('<svg><a/onclick="x()"><text>t</text></a></svg>', "onclick attribute"),
        ("<svg><a xlink:href='&#106;avascript:alert(1)'>x</a></svg>", "link outside the document in xlink:href"),
        ('<svg><g style="fill:u&#114;l(https://example.com/a)"/></svg>', "outside resource in a style"),
        ('<svg><g filter="URL( https://example.com/a )"/></svg>', "outside resource in a style"),
        ('<svg><g data-x="java\tscript:alert(1)"/></svg>', "javascript: URL"),
        ('<svg><style type="text/css">g { fill: url(https://example.com/a) }</style></svg>', "outside resource in a style"),
        ('<svg><STYLE>@IMPORT "x.css";</STYLE></svg>', "outside resource in a style"),
        ('<svg><svg:foo/><IFRAME src="#x"></IFRAME></svg>', "<IFRAME>"),
        ("<svg><?php echo 1 ?></svg>", "processing instruction"),
        ('<svg><g id=x onmouseover=alert(1)></g></svg>', "onmouseover attribute"),
        ('<svg><img srcset="x.png"/></svg>', "link outside the document in srcset"),  # img leaves SVG for HTML
        # a quote starts a value only after "=": elsewhere it is part of a name, and ">" ends the tag
        ('<svg><g x"><iframe srcdoc="&lt;b&gt;"></iframe><g y"></g></svg>', "<iframe>"),
        ('<svg><g ="x><iframe>"></g></svg>', "<iframe>"),
        ('<svg><g a = "x>"><iframe></iframe></svg>', "<iframe>"),
        ('<svg><object data="x.svg"></object></svg>', "<object>"),
        ('<svg><form><button formaction="x">x</button></form></svg>', "link outside the document in formaction"),
    ],
)
def test_crafted_svg_is_refused(body: str, reason: str) -> None:
    assert _inspect_svg(body)[0] == reason
    assert inline_svg("flow", body).markup is None


@pytest.mark.parametrize(
    "body",
    [
        '<svg><!-- node1 --><g id="node1" class="node"><title>a&#45;&gt;b</title></g></svg>',
        '<svg><g id="a"><a xlink:href="#b"><text>x &lt; y &amp; 3 &gt; 2</text></a></g></svg>',
        '<svg><path fill="url(#grad)" d="M0,0"/><text>a < b</text></svg>',  # a "<" that starts no tag is text
        '<svg><text>on="x" href="http://x" url(http://x)</text></svg>',  # words in text are words
    ],
)
def test_plain_svg_is_kept(body: str) -> None:
    refused, _ids = _inspect_svg(body)
    assert refused is None
    assert inline_svg("flow", body).markup is not None


def journey_of(text: str, display: str = "j.yaml") -> Journey:
    result = validate_text(text, display)
    assert result.journey is not None, result.problems
    return result.journey


@pytest.mark.parametrize("source", [None, *sorted(EXAMPLES.glob("*.yaml"))], ids=lambda s: s.name if s else "clean")
def test_real_dot_output_is_read_like_the_reference(source: Path | None) -> None:
    """dot's own documents: accepted, with the same ids as html.parser finds."""
    journey = journey_of(source.read_text(encoding="utf-8") if source else CLEAN_JOURNEY)
    for view in ("flow", "blueprint", "emotion"):
        svg = run_dot(view_dot(journey, view), "svg").decode("utf-8")
        body = svg[svg.find("<svg") :]
        refused, ids = _inspect_svg(body)
        assert refused is None and oracle(body).reason is None, view
        assert ids == oracle(body).ids and ids, view


_FRAGMENTS = st.sampled_from([
    "<svg>", "</svg>", "<g", "<a", "<style>", "</style>", "<text>", "</text>", "<!--", "-->", "--!>", "<!", "<?",
    "<", ">", "/>", "/", " ", "\t", "\n", '"', "'", "=", "on", "onload", "onclick=", "id", "id=", "href=",
    "xlink:href=", "src=", "#x", "http://e.com/x", "javascript:", "&#106;avascript:", "&amp;", "&lt;", "url(",
    "url(#a)", "url(http://e.com)", "@import", "script", "SCRIPT", "foreignObject", "iframe", "x", "abc", "fill",
    "style=", ":", "(", ")", "@", "srcset=", "data=", "poster=", "formaction=", "x.png",
])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_FRAGMENTS, max_size=30))
def test_never_accepts_what_html_parser_refuses(fragments: list[str]) -> None:
    body = "<svg>" + "".join(fragments) + "</svg>"
    if oracle(body).reason is not None:
        assert _inspect_svg(body)[0] is not None, body


def test_ids_and_references_to_them_are_prefixed_per_view() -> None:
    """Three views share dot's ids (graph0, node1...): each view's ids and the references to them get the view's
    name; look-alike attributes and ids the view does not define stay as they are."""
    body = (
        '<svg><g id="node1" class="node"><g x:id="node1"/><use href="#node1"/><use xlink:href="#node1"/>'
        '<path fill="url(#node1)"/><g data-href="#node1"/><use href="#elsewhere"/></g></svg>'
    )
    view = inline_svg("flow", body)
    assert str(view.markup) == (
        '<svg><g id="flow-node1" class="node"><g x:id="node1"/><use href="#flow-node1"/><use xlink:href="#flow-node1"/>'
        '<path fill="url(#flow-node1)"/><g data-href="#node1"/><use href="#elsewhere"/></g></svg>'
    )


def reference_prefix(body: str, prefix: str, ids: set[str]) -> str:
    """The renaming as three substitutions, what the report did before one pass replaced them."""

    def rename(match: re.Match[str]) -> str:
        target = match.group(2)
        return match.group(1) + (f"{prefix}-{target}" if target in ids else target) + match.group(3)

    body = re.sub(r'(\sid=")([^"]*)(")', rename, body)
    body = re.sub(r"(url\(#)([^)\s]*)(\))", rename, body)
    return re.sub(r'(\s(?:xlink:)?href="#)([^"]*)(")', rename, body)


_VALUES = st.sampled_from(["node1", "#node1", "node2", "#node2", "url(#node1)", "fill:url(#node1)", "url( #node1)",
                           "a b", "#a b", "x", "#x", "url(#x) url(#a b)", ""])
_ATTRIBUTES = st.lists(st.tuples(st.sampled_from(["id", "data-id", "href", "xlink:href", "x:href", "style", "fill"]),
                                 _VALUES), max_size=4)
_TEXTS = st.sampled_from(["", " ", "\n", "text url(#node1) and id=node1"])  # dot writes quotes in text as &quot;


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_TEXTS, _ATTRIBUTES), max_size=12))
def test_renaming_matches_the_three_substitutions(elements: list[tuple[str, list[tuple[str, str]]]]) -> None:
    """On documents shaped as dot writes them (values in double quotes, no quote in text)."""
    from journeymap.render.inline_svg import _prefix_ids

    body = "<svg>" + "".join(
        text + "<g" + "".join(f' {name}="{value}"' for name, value in attributes) + "/>"
        for text, attributes in elements
    ) + "</svg>"
    for ids in ({"node1"}, {"node1", "a b", "x"}):
        assert _prefix_ids(body, "flow", ids) == reference_prefix(body, "flow", ids), body
