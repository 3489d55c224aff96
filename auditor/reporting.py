"""Render the HTML and Markdown reports from Jinja2 templates, and write a report folder."""
from __future__ import annotations

import base64
import hashlib
import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from . import __version__
from .model import Report
from .report_model import COLOURS, document_view, index_view, report_names

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~#!])")


def _flat(value) -> str:
    return re.sub(r"\s+", " ", str(value))


def md(value) -> str:
    """Escape text for Markdown (inline and table cells): no markup, no raw HTML, one line."""
    text = _flat(value)
    return _MD_SPECIAL.sub(r"\\\1", text)


_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])", re.M)


def md_block(text: str) -> str:
    """Escape one line of article text for Markdown, keeping its spaces."""
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), _MD_SPECIAL.sub(r"\\\1", text))


def md_article(view: dict) -> str:
    """The article as Markdown paragraphs, flagged spans in bold, each followed by its finding number."""
    numbers = {f["id"]: i + 1 for i, f in enumerate(view["findings"])}
    pieces: list[str] = []
    for seg in view["segments"]:
        ids = [m["f"]["id"] for m in seg["marks"]]
        if seg["insert"]:
            pieces.append("".join(f"‸\\[{numbers[i]}\\]" for i in ids))
            continue
        for k, line in enumerate(re.split(r"(\r\n|\r|\n)", seg["text"])):
            if k % 2:
                pieces.append("\n")
                continue
            if not ids or not line.strip():
                pieces.append(md_block(line))
                continue
            core = line.strip()
            lead, trail = line[:len(line) - len(line.lstrip())], line[len(line.rstrip()):]
            pieces.append(f"{lead}**{md_block(core)}**{trail}")
        ends = [m["f"] for m in seg["marks"] if min(m["f"]["end"], len(view["text"])) == seg["end"]]
        pieces.append("".join(f"\\[{numbers[f['id']]}\\]" for f in ends))
    body = "".join(pieces).replace("****", "")  # adjacent bold pieces join into one
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    return "\n\n".join(paragraphs)


def mdcode(value) -> str:
    """Show text as inline code, fenced with enough backticks; pipes escaped for tables."""
    text = _flat(value)
    if not text:
        return ""
    ticks = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or text.startswith(" ") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}".replace("|", "\\|")


def _mark_open(m: dict) -> str:
    from markupsafe import escape

    f = m["f"]
    title = f"{f['rule']} ({f['severity']}): {f['message']}" + (f" → {f['suggestion']}" if f["suggestion"] else "")
    anchor = f' id="{escape(f["id"])}"' if m["first"] else ""
    return (f'<mark class="f fam-{escape(f["family"])} sev-{escape(f["severity"])}{" ins" if not f["text"] else ""}"'
            f'{anchor} data-finding="{escape(f["id"])}" data-rule="{escape(f["rule"])}" '
            f'data-severity="{escape(f["severity"])}" data-family="{escape(f["family"])}" tabindex="0" '
            f'title="{escape(title)}">')


def article_body(view: dict):
    """The article text as HTML: every character escaped, findings as nested <mark> elements."""
    from markupsafe import Markup, escape

    out: list[str] = []
    plain = view["kind"] == "txt"
    for seg in view["segments"]:
        out.extend(_mark_open(m) for m in seg["marks"])
        if plain:
            for part in seg["parts"]:
                out.append(escape(part["text"]))
                if part["gap"]:
                    out.append('<span class="gap"></span>')
        else:
            out.append(escape(seg["text"]))
        out.append("</mark>" * len(seg["marks"]))
    return Markup("".join(out))


def _asset(name: str) -> str:
    return resources.files("auditor").joinpath("templates", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def environment():
    """The Jinja2 environment: autoescaping on for every HTML and SVG template."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("auditor", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2", "svg.j2"), default=False),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = md
    env.filters["mdcode"] = mdcode
    env.filters["mdarticle"] = md_article
    env.filters["article_body"] = article_body
    from markupsafe import Markup

    script = _asset("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    env.globals.update(
        version=__version__, colours=COLOURS, css=Markup(_asset("report.css")),
        script_hash=Markup(f"'sha256-{digest}'"),
        _script=Markup(script),  # our own file, emitted verbatim so that its hash matches
    )
    return env


def _render(template: str, **context) -> str:
    env = environment()
    return env.get_template(template).render(**context)


def article_html(view: dict, index_href: str | None = None) -> str:
    """One self-contained HTML page for one article."""
    return _render("article.html.j2", d=view, index_href=index_href, script=environment().globals["_script"])


def tidy_markdown(text: str) -> str:
    """At most one blank line in a row, one final newline."""
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def article_markdown(view: dict, index_href: str | None = None) -> str:
    return tidy_markdown(_render("article.md.j2", d=view, index_href=index_href))


def chart_svg(index: dict) -> str:
    return _render("chart.svg.j2", c=index["chart"])


def index_html(index: dict) -> str:
    from markupsafe import Markup

    return _render("index.html.j2", v=index, chart=Markup(chart_svg(index)), script="")


def index_markdown(index: dict, chart_href: str = "scores.svg") -> str:
    return tidy_markdown(_render("index.md.j2", v=index, chart_href=chart_href))


def views(report: Report, prefix_each: bool = False) -> list[dict]:
    """Build one view per article, with link targets for the report folder."""
    names = report_names([d.path for d in report.documents])
    out = []
    for i, (doc, name) in enumerate(zip(report.documents, names)):
        view = document_view(doc, name, prefix=f"d{i}-" if prefix_each else "")
        view["href"], view["md_href"] = f"{name}.html", f"{name}.md"
        out.append(view)
    return out


def combined_html(report: Report) -> str:
    """Every article on one page (auditor check --format html)."""
    return _render("combined.html.j2", docs=views(report, prefix_each=True), errors=report.errors,
                   script=environment().globals["_script"])


def combined_markdown(report: Report) -> str:
    """The index followed by every article (auditor check --format markdown)."""
    docs = views(report)
    index = index_view(report, docs)
    parts = [index_markdown(index, chart_href=None)]
    for view in docs:
        parts.append(article_markdown(view))
    return "\n---\n\n".join(parts)


def write_reports(report: Report, output: Path) -> list[Path]:
    """Write per-article HTML and Markdown, the index in both, and the score chart; return the files."""
    from .fileio import atomic_write

    output.mkdir(parents=True, exist_ok=True)
    docs = views(report)
    index = index_view(report, docs)
    files: dict[str, str] = {}
    for view in docs:
        files[view["href"]] = article_html(view, "index.html")
        files[view["md_href"]] = article_markdown(view, "index.md")
    files["index.html"] = index_html(index)
    files["index.md"] = index_markdown(index)
    files["scores.svg"] = chart_svg(index)
    umask = os.umask(0)
    os.umask(umask)
    written = []
    for name, text in files.items():
        target = output / name
        existed = target.exists()
        atomic_write(target, text)
        if not existed:
            os.chmod(target, 0o666 & ~umask)
        written.append(target)
    return written
