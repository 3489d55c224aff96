"""Plain view models of an audit for the HTML and Markdown templates: segments, breakdowns, corpus tables."""
from __future__ import annotations

import math
import os
import re
from collections import Counter
from pathlib import PurePosixPath
from typing import Any

from .fixes import readable
from .model import FAMILIES, MQM_WEIGHTS, SEVERITIES, DocumentReport, Finding, Report

# light background and strong accent per category family (readable on white, distinct in print)
COLOURS = {
    "mt": ("#ffd8a8", "#d9480f"),
    "spelling": ("#ffc9c9", "#c92a2a"),
    "names": ("#e5dbff", "#6741d9"),
    "grammar": ("#bde0fe", "#1864ab"),
    "punctuation": ("#c3fae8", "#087f5b"),
    "formatting": ("#fff3bf", "#e67700"),
    "style": ("#d8f5a2", "#5c940d"),
    "boilerplate": ("#dee2e6", "#495057"),
    "consistency": ("#fcc2d7", "#a61e4d"),
}
FAMILY_LABELS = {
    "mt": "Translation artifacts", "spelling": "Spelling", "names": "Names", "grammar": "Grammar",
    "punctuation": "Punctuation", "formatting": "Formatting", "style": "Style",
    "boilerplate": "Boilerplate", "consistency": "Consistency",
}
LANGUAGES = {
    "fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "ru": "Russian", "uk": "Ukrainian", "zh": "Chinese", "ja": "Japanese", "ko": "Korean",
    "ar": "Arabic", "tr": "Turkish", "pl": "Polish", "nl": "Dutch", "en": "English",
    "fa": "Persian", "he": "Hebrew", "hi": "Hindi", "id": "Indonesian", "vi": "Vietnamese",
}
CONTEXT = 60  # code points of context either side of a finding in Markdown


def language_name(code: str | None) -> str:
    """Return a readable language name for an ISO code."""
    if not code:
        return ""
    return LANGUAGES.get(code, code)


def display_path(path: str) -> str:
    """Show a path relative to the working folder when it lies inside it, with forward slashes."""
    if os.path.isabs(path):
        try:
            rel = os.path.relpath(path)
            if not rel.startswith(".."):
                path = rel
        except ValueError:
            pass
    return path.replace(os.sep, "/")


def report_names(paths: list[str]) -> list[str]:
    """Give each article a unique, file-system-safe base name for its report files."""
    names: list[str] = []
    seen: Counter[str] = Counter()
    stems = Counter(PurePosixPath(display_path(p)).stem for p in paths)
    for p in paths:
        shown = display_path(p)
        stem = PurePosixPath(shown).stem
        if stems[stem] > 1:
            stem = str(PurePosixPath(shown).with_suffix("")).strip("/")
        base = re.sub(r"[^\w.-]+", "_", stem).strip("._") or "article"
        if base.lower() == "index":
            base = "article_index"
        seen[base] += 1
        names.append(base if seen[base] == 1 else f"{base}_{seen[base]}")
    return names


def family_of(category: str) -> str:
    family = category.split(".", 1)[0]
    return family if family in COLOURS else "style"


def finding_view(doc: DocumentReport, index: int, f: Finding, prefix: str = "") -> dict:
    """Everything a template shows about one finding."""
    line, column = doc.line_col(f.start)
    end_line, end_column = doc.line_col(f.end)
    return {
        "id": f"{prefix}f{index}", "index": index, "rule": f.rule, "name": f.name,
        "category": f.category, "family": family_of(f.category),
        "family_label": FAMILY_LABELS.get(family_of(f.category), f.category),
        "severity": f.severity, "start": f.start, "end": f.end, "line": line, "column": column,
        # what a reader sees: in HTML, prose without its tags
        "end_line": end_line, "end_column": end_column, "text": readable(doc.text[f.start:f.end], doc.kind),
        "message": f.message, "suggestions": [readable(s, doc.kind) for s in f.suggestions],
        "suggestion": show_suggestion(readable(f.suggestions[0], doc.kind)) if f.suggestions else "",
        "fix_safe": f.fix_safe,
        "confidence": None if f.confidence is None else round(f.confidence, 2),
        # what a bilingual finding rests on in the source, shown beside it
        "source_text": (f.data.get("source") or {}).get("text", "") if isinstance(f.data.get("source"), dict) else "",
        "source_language": (f.data.get("source") or {}).get("language", "") if isinstance(f.data.get("source"), dict) else "",
    }


def show_suggestion(s: str) -> str:
    """Make deletions and white-space-only replacements visible."""
    if s == "":
        return "(delete)"
    if not s.strip():
        return repr(s)
    return s


def segments(text: str, findings: list[dict]) -> list[dict]:
    """Split text at every finding boundary; each piece lists the findings covering it, outermost first.

    Zero-width findings (insertions) become markers of their own at their offset.
    """
    n = len(text)
    spans = [(min(max(f["start"], 0), n), min(max(f["end"], 0), n), f) for f in findings]
    cuts = sorted({0, n, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    points: dict[int, list[dict]] = {}
    for s, e, f in spans:
        if s == e:
            points.setdefault(s, []).append(f)
    out: list[dict] = []
    seen: set[str] = set()

    def marks(found: list[dict]) -> list[dict]:
        result = [{"f": f, "first": f["id"] not in seen} for f in found]
        seen.update(f["id"] for f in found)
        return result

    starting: dict[int, list[dict]] = {}
    ending: dict[int, list[dict]] = {}
    for s, e, f in spans:
        if s < e:
            starting.setdefault(s, []).append(f)
            ending.setdefault(e, []).append(f)
    active: dict[str, dict] = {}
    for a, b in zip(cuts, cuts[1:] + [None]):
        for f in ending.get(a, ()):
            active.pop(f["id"], None)
        for f in starting.get(a, ()):
            active[f["id"]] = f
        for f in points.get(a, ()):
            out.append({"text": "", "marks": marks([f]), "insert": True, "start": a, "end": a})
        if b is None or a == b:
            continue
        covering = sorted(active.values(), key=lambda f: (f["start"], -f["end"], f["index"]))
        out.append({"text": text[a:b], "marks": marks(covering), "insert": False, "start": a, "end": b})
    return out


def single_breaks(text: str) -> set[int]:
    """Offsets of line ends that break a paragraph without a blank line (where a report adds space)."""
    out = set()
    for i, ch in enumerate(text):
        if ch != "\n":
            continue
        before = text[i - 2] if i >= 2 and text[i - 1] == "\r" else text[i - 1] if i else "\n"
        after = text[i + 1] if i + 1 < len(text) else "\n"
        if before not in "\r\n" and after not in "\r\n":
            out.add(i)
    return out


def with_gaps(segs: list[dict], text: str) -> list[dict]:
    """Split each segment's text after single line breaks, so templates can add paragraph space."""
    breaks = single_breaks(text)
    pos = 0
    for seg in segs:
        parts, start = [], 0
        for j, ch in enumerate(seg["text"]):
            if ch == "\n" and pos + j in breaks:
                parts.append({"text": seg["text"][start:j + 1], "gap": True})
                start = j + 1
        if start < len(seg["text"]) or not parts:
            parts.append({"text": seg["text"][start:], "gap": False})
        seg["parts"] = parts
        pos += len(seg["text"])
    return segs


def context(text: str, start: int, end: int, width: int = CONTEXT) -> tuple[str, str, str]:
    """Return (before, span, after) on one line, cut at word boundaries."""
    before = text[max(0, start - width):start]
    after = text[end:end + width]
    if start - width > 0 and " " in before:
        before = "…" + before[before.index(" ") + 1:]
    if end + width < len(text) and " " in after:
        after = after[:after.rindex(" ")] + "…"
    flat = lambda s: " ".join(s.split()) if s.strip() else s.replace("\n", " ").replace("\r", "")
    lead = " " if before[-1:].isspace() else ""
    trail = " " if after[:1].isspace() else ""
    return flat(before).rstrip() + lead, flat(text[start:end]), trail + flat(after).lstrip()


def breakdown(doc: DocumentReport) -> dict:
    """The MQM breakdown: counts and penalty points per severity and per family."""
    by_sev = []
    for sev in SEVERITIES:
        count = sum(1 for f in doc.findings if f.severity == sev)
        by_sev.append({"severity": sev, "count": count, "weight": MQM_WEIGHTS[sev],
                       "penalty": count * MQM_WEIGHTS[sev]})
    by_family = []
    for fam in FAMILIES:
        hits = [f for f in doc.findings if family_of(f.category) == fam]
        if hits:
            by_family.append({"family": fam, "label": FAMILY_LABELS[fam], "count": len(hits),
                              "penalty": sum(MQM_WEIGHTS[f.severity] for f in hits)})
    return {"severities": by_sev, "families": by_family, "penalty": doc.penalty, "words": doc.words}


def verdict(doc: DocumentReport) -> str:
    """A one-word reading of the score for editors."""
    if doc.failing:
        return "failing"
    if not doc.findings:
        return "clean"
    if doc.score >= 90:
        return "review"
    return "poor"


VERDICT_LABELS = {"clean": "clean", "review": "needs review", "poor": "needs editing", "failing": "failing"}


def document_view(doc: DocumentReport, name: str, prefix: str = "") -> dict:
    """The view model of one article report."""
    findings = [finding_view(doc, i, f, prefix) for i, f in enumerate(doc.findings)]
    families = sorted({f["family"] for f in findings}, key=lambda x: FAMILIES.index(x) if x in FAMILIES else 99)
    for f in findings:
        f["context"] = context(doc.text, f["start"], f["end"])
    return {
        "path": display_path(doc.path), "name": name, "kind": doc.kind, "text": doc.text, "language": doc.language,
        "language_name": language_name(doc.language),
        "source_language": doc.source_language, "source_language_name": language_name(doc.source_language),
        "source_confidence": doc.source_language_confidence,
        "words": doc.words, "score": doc.score, "penalty": doc.penalty, "failing": doc.failing,
        "verdict": verdict(doc), "verdict_label": VERDICT_LABELS[verdict(doc)], "findings": findings,
        "segments": with_gaps(segments(doc.text, findings), doc.text), "breakdown": breakdown(doc),
        "families": [{"family": f, "label": FAMILY_LABELS[f]} for f in families],
        "severities": [s for s in SEVERITIES if any(f["severity"] == s for f in findings)],
        "popup": {f["id"]: {k: f[k] for k in ("rule", "name", "category", "severity", "message",
                                              "suggestions", "fix_safe", "line", "column")}
                  for f in findings},
    }


# ---- the corpus ------------------------------------------------------------------
def _cell(value: Any) -> str:
    """Render any JSON value as short readable text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_cell(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def _short(path: Any) -> str:
    return PurePosixPath(display_path(str(path))).name


def name_rows(data: Any) -> list[dict]:
    """Rows of the name-variant table: entity, variant, and where each variant appears."""
    rows: list[dict] = []
    clusters = data.values() if isinstance(data, dict) and not _looks_like_cluster(data) else data
    if isinstance(clusters, dict):
        clusters = [clusters]
    for cluster in clusters or ():
        if not isinstance(cluster, dict):
            rows.append({"entity": _cell(cluster), "variant": "", "where": "", "first": True})
            continue
        entity = _cell(cluster.get("entity", cluster.get("name", "")))
        variants = cluster.get("variants", {})
        if isinstance(variants, dict):
            items = list(variants.items())
        elif isinstance(variants, list):
            items = [(v, {}) if not isinstance(v, dict) else (v.get("variant", v.get("name", _cell(v))), v.get("articles", v.get("counts", {})))
                     for v in variants]
        else:
            items = [(_cell(variants), {})]
        for variant, where in items:
            if isinstance(where, dict):
                text = ", ".join(f"{_short(a)} ({_cell(c)})" for a, c in where.items())
            elif isinstance(where, list):
                text = ", ".join(_short(a) for a in where)
            else:
                text = _cell(where)
            rows.append({"entity": entity, "variant": _cell(variant), "where": text,
                         "first": not rows or rows[-1]["entity"] != entity})
    return rows


def _looks_like_cluster(d: dict) -> bool:
    return "variants" in d or "entity" in d


def generic_table(data: Any) -> dict:
    """Turn a list of records (or a dict of them) into columns and rows of text."""
    if isinstance(data, dict):
        if all(isinstance(v, dict) for v in data.values()):
            records = [{"key": k, **v} for k, v in data.items()]
        else:
            records = [{"key": k, "value": v} for k, v in data.items()]
    elif isinstance(data, list):
        records = [r if isinstance(r, dict) else {"value": r} for r in data]
    else:
        records = [{"value": data}] if data not in (None, "") else []
    columns: list[str] = []
    for r in records:
        for k in r:
            if k not in columns:
                columns.append(k)
    return {"columns": columns, "rows": [[_cell(r.get(c)) for c in columns] for r in records]}


def _listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def story_views(facts: Any) -> list[dict] | None:
    """Each story's articles, its disagreements as sentences and the titles people are given;
    None when the facts are not in that shape (they are then tabulated as they come)."""
    if not isinstance(facts, list) or not facts or not all(isinstance(s, dict) and "articles" in s for s in facts):
        return None
    stories = []
    for story in facts:
        claims = [c for c in story.get("claims") or () if isinstance(c, dict)]
        disagreements = []
        for d in story.get("disagreements") or ():
            if not isinstance(d, dict):
                continue
            event = _cell(d.get("event", "event"))
            others = []
            for other in d.get("others") or ():
                quotes = dict.fromkeys(_cell(c.get("text")) for c in claims
                                       if _short(c.get("article", "")) == _short(other) and c.get("event") == d.get("event"))
                said = ", ".join(f"“{q}”" for q in quotes if q)
                others.append(f"{_short(other)} ({said})" if said else _short(other))
            disagreements.append({
                "article": _short(d.get("article", "")), "event": event, "quote": _cell(d.get("text")),
                "year": _cell(d.get("claimed_year")), "consensus": _cell(d.get("consensus_year")),
                "others": _listed(others), "verb": "dates" if len(others) == 1 else "date",
                "suggestion": _cell(d.get("suggestion")),
            })
        titles = []
        for person, per in (story.get("titles") or {}).items() if isinstance(story.get("titles"), dict) else ():
            uses = per.items() if isinstance(per, dict) else ()
            titles.append({"person": _cell(person),
                           "titles": "; ".join(f"{_cell(t)} ({_short(a)})" for a, t in uses)})
        stories.append({"articles": [_short(a) for a in story.get("articles") or ()],
                        "disagreements": disagreements, "titles": titles})
    return stories


def corpus_view(report: Report) -> dict:
    """Name variants, fact disagreements and any other corpus results, ready to tabulate."""
    corpus = report.corpus or {}
    other = []
    for key in corpus:
        if key in ("names", "facts"):
            continue
        table = generic_table(corpus[key])
        if table["rows"]:
            other.append({"key": key, "table": table})
    return {
        "names": name_rows(corpus.get("names")) if corpus.get("names") else [],
        "stories": story_views(corpus.get("facts")),
        "facts": generic_table(corpus.get("facts")) if corpus.get("facts") else {"columns": [], "rows": []},
        "other": other,
    }


def score_chart(docs: list[dict]) -> dict:
    """Geometry of the horizontal bar chart of scores (whole numbers so output is stable)."""
    label_w, bar_w, row_h, top = 260, 440, 26, 30
    lowest = min((d["score"] for d in docs), default=100.0)
    # MQM scores crowd near 100: start the axis just below the lowest score so differences show
    low = 0 if lowest < 50 else 100 - 20 * math.ceil((100 - lowest + 5) / 20)
    step = (100 - low) / 4
    bars = []
    for i, d in enumerate(docs):
        width = max(2, round(bar_w * (max(low, min(100.0, d["score"])) - low) / (100 - low)))
        label = PurePosixPath(d["path"]).name
        bars.append({"y": top + i * row_h, "width": width, "label": label if len(label) <= 36 else "…" + label[-35:],
                     "path": d["path"], "name": d["name"], "href": d.get("href", ""),
                     "score": d["score"], "verdict": d["verdict"]})
    return {"width": label_w + bar_w + 60, "height": top + len(docs) * row_h + 24, "low": low,
            "label_w": label_w, "bar_w": bar_w, "row_h": row_h, "top": top, "bars": bars,
            "ticks": [{"x": label_w + round(bar_w * k / 4), "value": f"{low + step * k:g}"} for k in range(5)]}


def index_view(report: Report, docs: list[dict]) -> dict:
    """The view model of the corpus index."""
    families = [f for f in FAMILIES if any(x["family"] == f for d in docs for x in d["findings"])]
    table = []
    for d in docs:
        counts = Counter(x["family"] for x in d["findings"])
        table.append({"doc": d, "counts": [counts.get(f, 0) for f in families]})
    totals = [sum(row["counts"][i] for row in table) for i in range(len(families))]
    total_findings = sum(len(d["findings"]) for d in docs)
    return {
        "docs": docs, "families": [{"family": f, "label": FAMILY_LABELS[f]} for f in families],
        "category_table": table, "category_totals": totals, "total_findings": total_findings,
        "failing": sum(1 for d in docs if d["failing"]),
        "mean_score": round(sum(d["score"] for d in docs) / len(docs), 2) if docs else 100.0,
        "chart": score_chart(docs), "corpus": corpus_view(report),
        "errors": list(report.errors),
    }
