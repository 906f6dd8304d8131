"""The three Graphviz views of a journey, as DOT text built by pure functions.

- flow: stages as clusters left to right, steps coloured by emotion, order and `next` branches and loops as edges,
  pain points and moments of truth marked on their steps;
- blueprint: a service blueprint (Shostack): physical evidence, customer actions, frontstage, backstage and
  support lanes, separated by the lines of interaction, visibility and internal interaction, aligned by step;
- emotion: the emotion curve across the steps, grouped by stage.

Every user text passes through `labels_dot.html_label`. Node ids are made here (`s3`, `e3_1`), never taken from
the journey, so nothing a journey says can change the graph's structure.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from journeymap.model import Journey, Step
from journeymap.render import labels_dot
from journeymap.text import clean

VIEWS = ("flow", "blueprint", "emotion")


@functools.lru_cache(maxsize=8192)
def html_label(text: str, width: int = 24, max_lines: int = 6) -> str:
    """`labels_dot.html_label`, remembered: wrapping is most of the time spent building views, and a journey
    repeats its labels (touchpoint names under every step that uses them, owners, systems, lane titles)."""
    return labels_dot.html_label(text, width, max_lines)


FONT = "Helvetica"
# Diverging palette, from -2 (red) to +2 (green); colour-blind safe (ColorBrewer RdYlGn, 5 classes).
EMOTION_FILL = {-2: "#d7191c", -1: "#fdae61", 0: "#ffffbf", 1: "#a6d96a", 2: "#1a9641"}
EMOTION_FONT = {-2: "#ffffff", -1: "#1a1a1a", 0: "#1a1a1a", 1: "#1a1a1a", 2: "#ffffff"}
NO_EMOTION_FILL = "#e8e8e8"
SEVERITY_COLOUR = {"high": "#b2182b", "medium": "#e08214", "low": "#7f7f7f"}
STAGE_FILLS = ("#eef3fb", "#f3effa", "#eef8f3", "#fbf3ea", "#f9eef2", "#eef7f9", "#f6f6ea")

LANE_NAMES = {
    "en": {
        "evidence": "Touchpoints", "customer": "Customer actions", "frontstage": "Frontstage",
        "backstage": "Backstage", "support": "Support systems", "interaction": "line of interaction",
        "visibility": "line of visibility", "internal": "line of internal interaction", "stage": "Stage",
        "emotion": "Emotion", "start": "start", "end": "end", "moment": "moment of truth", "pain": "pain point",
    },
    "fr": {
        "evidence": "Points de contact", "customer": "Actions du client", "frontstage": "Front-office",
        "backstage": "Back-office", "support": "Systèmes support", "interaction": "ligne d'interaction",
        "visibility": "ligne de visibilité", "internal": "ligne d'interaction interne", "stage": "Étape",
        "emotion": "Émotion", "start": "début", "end": "fin", "moment": "moment de vérité", "pain": "point de douleur",
    },
}


def _words(journey: Journey) -> dict[str, str]:
    return LANE_NAMES.get(journey.lang, LANE_NAMES["en"])


def _header(name: str, journey: Journey, rankdir: str) -> list[str]:
    return [
        f"digraph {name} {{",
        '  charset="UTF-8";',
        f"  rankdir={rankdir};",
        f'  fontname="{FONT}"; fontsize=12;',
        f'  label=<<B>{html_label(journey.title, width=90, max_lines=2)}</B>>; labelloc=t; labeljust=l;',
        f'  node [fontname="{FONT}", fontsize=10];',
        f'  edge [fontname="{FONT}", fontsize=9];',
    ]


def _successors(journey: Journey) -> list[tuple[int, int, bool]]:
    """(from, to, is_branch) pairs over the journey's step order; `next` overrides the default following step."""
    ordered = [step for _si, _ti, step in journey.steps()]
    index = {step.id: position for position, step in enumerate(ordered)}
    edges: list[tuple[int, int, bool]] = []
    for position, step in enumerate(ordered):
        if step.next is None:
            if position + 1 < len(ordered):
                edges.append((position, position + 1, False))
            continue
        for ref in step.next:
            if ref in index:
                target = index[ref]
                edges.append((position, target, target != position + 1))
    return edges


# -- flow ---------------------------------------------------------------------------------------------------------

def flow_dot(journey: Journey) -> str:
    words = _words(journey)
    lines = _header("flow", journey, "LR")
    lines += ["  compound=true; newrank=true; nodesep=0.3; ranksep=0.45;",
              '  node [shape=plain];']
    position = 0
    for si, stage in enumerate(journey.stages):
        fill = STAGE_FILLS[si % len(STAGE_FILLS)]
        lines.append(f"  subgraph cluster_{si} {{")
        lines.append(f'    label=<<B>{html_label(stage.name, width=40, max_lines=2)}</B>>; style="rounded,filled"; '
                     f'fillcolor="{fill}"; color="#b8c2d6"; fontsize=12; margin=12;')
        if not stage.steps:
            lines.append(f'    empty{si} [label=<<I>—</I>>, fontcolor="#888888"];')
        for step in stage.steps:
            lines.append(f"    s{position} [label=<{_flow_card(step, words)}>];")
            position += 1
        lines.append("  }")
    for source, target, branch in _successors(journey):
        if not branch:
            lines.append(f'  s{source} -> s{target} [color="#4a5568"];')
        elif target <= source:
            lines.append(f'  s{source} -> s{target} [style=dashed, color="#6b46c1", constraint=false];')
        else:
            lines.append(f'  s{source} -> s{target} [style=dashed, color="#2b6cb0"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _flow_card(step: Step, words: dict[str, str]) -> str:
    fill = EMOTION_FILL.get(step.emotion, NO_EMOTION_FILL) if step.emotion is not None else NO_EMOTION_FILL
    ink = EMOTION_FONT.get(step.emotion, "#1a1a1a") if step.emotion is not None else "#1a1a1a"
    emotion = f"{step.emotion:+d}" if step.emotion else ("0" if step.emotion == 0 else "·")
    rows = [
        f'<TR><TD BGCOLOR="{fill}" ALIGN="LEFT" BALIGN="LEFT"><FONT COLOR="{ink}"><B>{html_label(step.action)}</B></FONT></TD>'
        f'<TD BGCOLOR="{fill}" WIDTH="24"><FONT COLOR="{ink}"><B>{emotion}</B></FONT></TD></TR>'
    ]
    marks = []
    for pain in step.pain_points:
        colour = SEVERITY_COLOUR.get(pain.severity, "#7f7f7f")
        marks.append(f'<FONT COLOR="{colour}">⚠ {html_label(pain.description, width=28, max_lines=2)}</FONT>')
    if step.moment_of_truth is not None:
        metric = (step.moment_of_truth.metric or "").upper()
        marks.append(f'<FONT COLOR="#2b6cb0">◆ {html_label(words["moment"])}{" · " + metric if metric else ""}</FONT>')
    if marks:
        rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT" BALIGN="LEFT" BGCOLOR="#ffffff">{"<BR/>".join(marks)}</TD></TR>')
    return ('<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="5" COLOR="#8a94a6" STYLE="rounded" '
            f'BGCOLOR="#ffffff">{"".join(rows)}</TABLE>')


# -- blueprint ----------------------------------------------------------------------------------------------------

def blueprint_dot(journey: Journey) -> str:
    """One table: columns are steps under their stages, rows are the blueprint's lanes, so everything aligns."""
    words = _words(journey)
    steps = [(si, step) for si, stage in enumerate(journey.stages) for step in stage.steps]
    names = {touchpoint.id: touchpoint.name for touchpoint in journey.touchpoints}
    head = '<TD ALIGN="LEFT" BGCOLOR="#2d3748"><FONT COLOR="#ffffff"><B>{}</B></FONT></TD>'
    lane = '<TD ALIGN="LEFT" BGCOLOR="#edf2f7"><B>{}</B></TD>'

    def row(title: str, cell: Callable[[Step], str], fill: str = "#ffffff") -> str:
        cells = "".join(
            f'<TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP" BGCOLOR="{fill}" WIDTH="150">{cell(step)}</TD>'
            for _si, step in steps
        )
        return f"<TR>{lane.format(html_label(title, width=18))}{cells}</TR>"

    def line(title: str, colour: str) -> str:
        span = len(steps) + 1
        return (f'<TR><TD COLSPAN="{span}" ALIGN="LEFT" BGCOLOR="{colour}" HEIGHT="4">'
                f'<FONT POINT-SIZE="8" COLOR="#ffffff"><I>{html_label(title, width=60)}</I></FONT></TD></TR>')

    def processes(visible: bool) -> Callable[[Step], str]:
        def cell(step: Step) -> str:
            items = [
                f"• {html_label(process.action, width=26, max_lines=4)}"
                + (f'<BR/><FONT COLOR="#555555"><I>{html_label(process.owner, width=26, max_lines=1)}</I></FONT>'
                   if process.owner else "")
                for process in step.backstage if process.visible is visible
            ]
            return "<BR/>".join(items) or " "
        return cell

    def systems(step: Step) -> str:
        found = sorted({clean(process.system) for process in step.backstage if process.system})
        return "<BR/>".join(html_label(system, width=26, max_lines=2) for system in found) or " "

    def evidence(step: Step) -> str:
        return "<BR/>".join(html_label(names.get(ref, ref), width=26, max_lines=2) for ref in step.touchpoints) or " "

    def action(step: Step) -> str:
        return f"<B>{html_label(step.action, width=26)}</B>"

    stage_cells = "".join(
        f'<TD COLSPAN="{len(stage.steps)}" BGCOLOR="{STAGE_FILLS[si % len(STAGE_FILLS)]}">'
        f"<B>{html_label(stage.name, width=30 * max(len(stage.steps), 1), max_lines=2)}</B></TD>"
        for si, stage in enumerate(journey.stages) if stage.steps
    )
    rows = [
        f"<TR>{head.format(html_label(words['stage']))}{stage_cells}</TR>",
        row(words["evidence"], evidence, "#fafafa"),
        row(words["customer"], action, "#fffbea"),
        line(words["interaction"], "#2b6cb0"),
        row(words["frontstage"], processes(True), "#f0f7ff"),
        line(words["visibility"], "#c53030"),
        row(words["backstage"], processes(False), "#f7f7f7"),
        line(words["internal"], "#718096"),
        row(words["support"], systems, "#f7f7f7"),
    ]
    table = ('<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="6" COLOR="#cbd5e0">'
             + "".join(rows) + "</TABLE>")
    lines = _header("blueprint", journey, "LR")
    lines += ["  node [shape=plain];", f"  blueprint [label=<{table}>];", "}"]
    return "\n".join(lines) + "\n"


# -- emotion ------------------------------------------------------------------------------------------------------

LEVELS = (2, 1, 0, -1, -2)


def emotion_dot(journey: Journey) -> str:
    """Each step is a column of five slots (+2 at the top) over its label; its marker sits in its emotion's slot.

    Slots of one level are tied across columns with heavy invisible edges, so the levels stay straight rows and
    the curve (edges between consecutive markers) reads like a chart; labels form the x axis under the curve.
    """
    if len(journey.steps()) > PINNED_FROM:
        return _emotion_pinned(journey)
    words = _words(journey)
    lines = _header("emotion", journey, "LR")
    lines += ["  newrank=true; nodesep=0.05; ranksep=0.25; splines=line;",
              '  node [shape=box, width=1.1, height=0.32, fixedsize=true, style=invis, label=""];',
              '  edge [style=invis, weight=50];']
    axis = [f"axis_{_slot(level)}" for level in LEVELS] + ["axis_label"]
    for level in LEVELS:
        text = f"{level:+d}" if level else "0"
        lines.append(f'  axis_{_slot(level)} [style="rounded,filled", fillcolor="{EMOTION_FILL[level]}", width=0.5, '
                     f'color="#ffffff", fontcolor="{EMOTION_FONT[level]}", label="{text}", fontsize=10];')
    lines.append('  axis_label [shape=plaintext, style="", width=0.5, height=0.9, label=""];')
    lines.append("  { rank=same; " + " ".join(f"{node};" for node in axis) + " }")
    lines.append("  " + " -> ".join(axis) + " [weight=100];")

    ordered = journey.steps()
    position = 0
    for si, stage in enumerate(journey.stages):
        if not stage.steps:
            continue
        lines.append(f"  subgraph cluster_{si} {{")
        lines.append(f'    label=<<B>{html_label(stage.name, width=14 * len(stage.steps), max_lines=2)}</B>>; '
                     f'style="rounded,filled"; fillcolor="{STAGE_FILLS[si % len(STAGE_FILLS)]}"; color="#cbd5e0";')
        for step in stage.steps:
            column = [f"e{position}_{_slot(level)}" for level in LEVELS] + [f"e{position}_label"]
            lines.append("    { rank=same; " + " ".join(f"{node};" for node in column) + " }")
            lines.append("    " + " -> ".join(column) + " [weight=100];")
            if step.emotion is not None:
                lines.append(
                    f'    e{position}_{_slot(step.emotion)} [shape=circle, style=filled, fixedsize=true, width=0.26, '
                    f'fillcolor="{EMOTION_FILL[step.emotion]}", color="#2d3748"];'
                )
            lines.append(f'    e{position}_label [shape=plaintext, style="", height=0.9, fontsize=9, '
                         f'label=<{html_label(step.action, width=16, max_lines=4)}>];')
            position += 1
        lines.append("  }")
    for row in [_slot(level) for level in LEVELS] + ["label"]:  # straight rows: axis, then every column
        chain = [f"axis_{row}"] + [f"e{column}_{row}" for column in range(position)]
        lines += _chain(chain)
    previous: Step | None = None
    previous_column = 0
    for column, (_si, _ti, step) in enumerate(ordered):
        if step.emotion is None:
            continue
        if previous is not None:
            lines.append(f"  e{previous_column}_{_slot(previous.emotion)} -> e{column}_{_slot(step.emotion)} "
                         '[style=solid, color="#2d3748", penwidth=2, constraint=false, arrowhead=none, weight=0];')
        previous, previous_column = step, column
    if position == 0:
        lines.append(f'  nothing [shape=plaintext, style="", label=<<I>{html_label(words["emotion"])} —</I>>];')
    lines.append("}")
    return "\n".join(lines) + "\n"


# From this many steps the emotion view is drawn at fixed positions: dot's layout of the slot grid grows faster
# than the steps (0.2 s at 300 steps, 1.6 s at 600, 64 s at 3,000); positions computed here take 0.2 s at 3,000.
PINNED_FROM = 400
_COLUMN, _LEVEL, _LABEL_Y = 80, 30, -115  # points: column width, height of one emotion level, label row


def _emotion_pinned(journey: Journey) -> str:
    """The emotion view of a large journey, laid out here: the same rows, markers, curve, labels and stage bands,
    every node pinned (Graphviz's `nop2` layout only draws), so that it takes linear time however many steps."""
    lines = _header("emotion", journey, "LR")
    lines += ["  layout=nop2; splines=false; outputorder=nodesfirst;",
              '  node [shape=box, fixedsize=true, label="", style=invis];', '  edge [arrowhead=none];']
    ordered = journey.steps()
    width = _COLUMN * len(ordered) - _COLUMN // 2
    top, bottom = 2 * _LEVEL + 55, _LABEL_Y - 40  # the bands: from above +2 (room for the stage name) to the labels
    column = 0
    for si, stage in enumerate(journey.stages):  # bands first: drawn under everything else
        if not stage.steps:
            continue
        span = _COLUMN * len(stage.steps)
        centre = column * _COLUMN + span / 2 - _COLUMN / 2
        lines.append(f'  band{si} [pos="{centre:.0f},{(top + bottom) / 2:.0f}!", width={(span - 6) / 72:.3f}, '
                     f'height={(top - bottom) / 72:.3f}, style="rounded,filled", '
                     f'fillcolor="{STAGE_FILLS[si % len(STAGE_FILLS)]}", color="#cbd5e0", labelloc=t, fontsize=11, '
                     f'label=<<B>{html_label(stage.name, width=max(8, len(stage.steps) * 14), max_lines=2)}</B>>];')
        column += len(stage.steps)
    for level in LEVELS:
        text = f"{level:+d}" if level else "0"
        lines.append(f'  axis_{_slot(level)} [pos="{-_COLUMN},{level * _LEVEL}!", width=0.5, height=0.32, '
                     f'style="rounded,filled", fillcolor="{EMOTION_FILL[level]}", color="#ffffff", '
                     f'fontcolor="{EMOTION_FONT[level]}", label="{text}", fontsize=10];')
        lines.append(f'  row_{_slot(level)} [shape=point, pos="{width},{level * _LEVEL}!", style=invis];')
        lines.append(f'  axis_{_slot(level)} -> row_{_slot(level)} [color="#e2e8f0"];')
    markers: list[str] = []
    for index, (_si, _ti, step) in enumerate(ordered):
        x = index * _COLUMN
        lines.append(f'  e{index}_label [shape=plaintext, style="", pos="{x},{_LABEL_Y}!", width=1.1, height=0.9, '
                     f'fontsize=9, label=<{html_label(step.action, width=16, max_lines=4)}>];')
        if step.emotion is not None:
            lines.append(f'  e{index} [shape=circle, style=filled, width=0.26, pos="{x},{step.emotion * _LEVEL}!", '
                         f'fillcolor="{EMOTION_FILL[step.emotion]}", color="#2d3748"];')
            markers.append(f"e{index}")
    lines += [line.rstrip(";") + ' [color="#2d3748", penwidth=2];' for line in _chain(markers)]
    lines.append("}")
    return "\n".join(lines) + "\n"


CHAIN_LENGTH = 200  # nodes per `a -> b -> ...` statement


def _chain(nodes: list[str], indent: str = "  ") -> list[str]:
    """Edges along `nodes`, as statements of at most CHAIN_LENGTH nodes, each starting where the last one ended.

    Graphviz's parser reads an edge chain recursively: one chain through the 2,500 columns of a large journey
    overflowed its stack ("syntax error near '->'"). The edges, and so the drawing, are the same.
    """
    return [indent + " -> ".join(nodes[start : start + CHAIN_LENGTH]) + ";"
            for start in range(0, max(len(nodes) - 1, 0), CHAIN_LENGTH - 1)]


def _slot(level: int | None) -> str:
    return {2: "p2", 1: "p1", 0: "z0", -1: "m1", -2: "m2"}[level if level is not None else 0]


BUILDERS: dict[str, Callable[[Journey], str]] = {"flow": flow_dot, "blueprint": blueprint_dot, "emotion": emotion_dot}


def view_dot(journey: Journey, view: str) -> str:
    return BUILDERS[view](journey)


def view_svg(journey: Journey, view: str) -> str:
    from journeymap.render.engine import run_dot

    return run_dot(view_dot(journey, view), "svg").decode("utf-8")
