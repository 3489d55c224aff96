"""The whole-document corpus passes as they were before summaries: the reference the reduces must equal."""
from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import PurePath

from auditor.pychecks.boilerplate import _analysis, _deletion, _norm, _runs
from auditor.pychecks.facts import Claim, _top_entities, claims_of, entities, publication_year, stories, titles_of
from auditor.pychecks.names import (Mention, _SPACE, _caps_line, _choose, _lowercased, _merge_near, _shape, _taken,
                                    _title_sequences, house_of, name_tokens, translit_key)
from auditor.pychecks.spelling import NameIndex, capitalised_names, zipf


def _titles(docs, group: list[int]) -> dict[str, dict[str, list[str]]]:
    """Collect the titles each person is given, per article, for people named in two or more."""
    people: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for i in group:
        for person, titles in titles_of(docs[i].plain).items():
            people[person][docs[i].path] = titles
    return {p: t for p, t in sorted(people.items()) if len(t) >= 2}


def name_drift(self, docs, ctx):
    house = house_of(self.rule, self.options)
    forms: dict[str, Counter] = defaultdict(Counter)      # key -> form counts
    per_doc: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    mentions: list[Mention] = []
    seen_in: dict[str, set[int]] = defaultdict(set)          # form -> articles
    beside: dict[str, set[tuple]] = defaultdict(set)         # form -> neighbouring name keys
    pairs: dict[tuple, set] = defaultdict(set)           # (neighbour key, side) -> keys
    for i, doc in enumerate(docs):
        toks = list(name_tokens(doc.prose))
        for k, (s, e, text) in enumerate(toks):
            if len(text) < 4 or not text.isalpha() or text.isupper():
                continue
            key = translit_key(house.canonical(text) or text)
            forms[key][text] += 1
            per_doc[key][text][doc.path] += 1
            mentions.append(Mention(i, s, e, text))
            seen_in[text].add(i)
            # neighbours in a full name ("Dmitri Bakanov"), for near-spelling merges
            if k + 1 < len(toks) and _SPACE.fullmatch(doc.prose[e:toks[k + 1][0]] or "x"):
                nxt = toks[k + 1][2]
                if nxt.isalpha() and len(nxt) >= 4:
                    pairs[(translit_key(nxt), "before")].add(key)
                    pairs[(key, "after")].add(translit_key(nxt))
                    beside[text].add(("before", translit_key(nxt)))
                    beside[nxt].add(("after", key))
    merged = _merge_near(forms, pairs)
    clusters: dict[str, Counter] = defaultdict(Counter)
    for key, counts in forms.items():
        clusters[merged.get(key, key)].update(counts)
    canonical: dict[str, tuple[str, str]] = {}
    report = []
    for root, counts in clusters.items():
        if len(counts) < 2 and not any(house.canonical(f) for f in counts):
            continue
        choice, why = _choose(counts, house)
        if not choice:
            continue
        for form in counts:
            canonical[form] = (choice, why)
        variants = {}
        for key, fc in forms.items():
            if merged.get(key, key) == root:
                for form in fc:
                    variants[form] = dict(per_doc[key][form])
        report.append({"entity": choice, "canonical_by": why, "variants": variants})
    ctx.corpus.setdefault("names", []).extend(sorted(report, key=lambda r: r["entity"]))
    taken = _taken(ctx, docs)
    for m in mentions:
        target = canonical.get(m.form)
        if not target or target[0] == m.form or (m.doc, m.start) in taken:
            continue
        choice, why = target
        if why == "majority" and min(zipf(m.form.lower()), zipf(choice.lower())) >= 3.2:
            continue   # two established names (Tony/Toni, Philips/Phillips), maybe two people
        if why == "majority" and not (seen_in[m.form] & seen_in[choice] or beside[m.form] & beside[choice]):
            continue   # never in one article nor beside the same name: maybe two people (Bennet/Bennett)
        total = sum(clusters[merged.get(translit_key(choice), translit_key(choice))].values())
        msg = (f"'{m.form}' is the house list's variant of '{choice}'." if why == "house list" else
               f"'{m.form}' drifts from '{choice}', the spelling the articles use most.")
        yield m.doc, self.rule.finding(m.start, m.end, m.form, [choice], message=msg,
                                       data={"canonical": choice, "canonical_by": why,
                                             "cluster_mentions": total})


def name_case(self, docs, ctx):
    min_count = self.options.get("min_count", 2)
    forms: dict[str, Counter] = defaultdict(Counter)
    where: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    spots: list[tuple[int, int, int, str]] = []
    phrases: Counter = Counter()
    for i, doc in enumerate(docs):
        prose = doc.prose
        toks = list(name_tokens(prose))
        for s, e, text in toks:
            if len(text) < 3 or not any(c.isalpha() for c in text) or _caps_line(prose, s):
                continue
            low = text.lower()
            if zipf(low) >= 4.5 and not any(c.isdigit() for c in text):
                continue   # Us/US, It/IT: a capitalised common word, not a name
            forms[low][text] += 1
            where[low][text][doc.path] += 1
            spots.append((i, s, e, text))
        for phrase in set(_title_sequences(prose, toks)):
            phrases[phrase] += 1   # counted once an article: names the articles share
    report = []
    fixes: dict[str, str] = {}
    for low, counts in forms.items():
        if len(counts) < 2:
            continue
        shapes = {_shape(f) for f in counts}
        if "upper" not in shapes or len(shapes) < 2:
            continue
        ranked = counts.most_common()
        if ranked[0][1] <= ranked[1][1] or ranked[0][1] < min_count:
            continue
        fixes.update({f: ranked[0][0] for f in counts if f != ranked[0][0]})
        report.append({"entity": ranked[0][0], "canonical_by": "majority", "variants": {f: dict(where[low][f]) for f in counts}})
    for i, s, e, text in spots:
        if text in fixes:
            yield i, self.rule.finding(s, e, text, [fixes[text]],
                                       message=f"'{text}' is set in a different case from '{fixes[text]}', "
                                               "the form the articles use most.",
                                       data={"canonical": fixes[text]})
    known = {p: n for p, n in phrases.items() if n >= min_count}
    lowered = [list(_lowercased(doc.prose, known)) for doc in docs]
    in_lower = Counter(proper for hits in lowered for proper in {h[2] for h in hits})
    for i, doc in enumerate(docs):
        for s, e, proper in lowered[i]:
            if in_lower[proper] >= known.get(proper, known.get("\x00" + proper, 0)):
                continue   # many articles write it in lower case: a description, not a name
            yield i, self.rule.finding(s, e, doc.prose[s:e], [proper],
                                       message=f"'{doc.prose[s:e]}' is the proper name '{proper}' in lower "
                                               "case; the articles capitalise it.",
                                       data={"canonical": proper, "mentions": known.get(proper, known.get("\x00" + proper))})
            report.append({"entity": proper, "canonical_by": "majority",
                           "variants": {doc.prose[s:e]: {doc.path: 1}}})
    ctx.corpus.setdefault("names", []).extend(report)


def last_occurrence(self, docs, ctx):
    if len(docs) < 2:
        return
    names = [PurePath(d.path).name for d in docs]
    ents = [entities(d) for d in docs]
    pubs = [publication_year(d.plain) for d in docs]
    report = []
    for group in stories(ents):
        known = Counter(pubs[i][0] for i in group if pubs[i][0])
        story_year = known.most_common(1)[0][0] if known else None
        year_note = {}
        claims: list[Claim] = []
        for i in group:
            pub, quote = pubs[i]
            if pub:
                how = "the date" if pubs[i][1][-4:].isdigit() else "the date and weekday"
                year_note[i] = f"publication year {pub}, from {how} '{quote}' in the article"
            elif story_year:
                pub = story_year
                donors = [names[j] for j in group if pubs[j][0] == story_year]
                year_note[i] = (f"publication year {pub} is not stated; derived from the dates in "
                                f"{', '.join(donors[:3])} on the same story")
            claims.extend(c for c in claims_of(i, docs[i].plain, pub) if c.year)
        story = {"articles": [docs[i].path for i in group],
                 "entities": _top_entities(ents, group), "claims": [], "titles": _titles(docs, group),
                 "disagreements": []}
        for event in sorted({c.event for c in claims}):
            of_event = [c for c in claims if c.event == event]
            votes: dict[int, Counter] = defaultdict(Counter)
            for c in of_event:
                votes[c.doc][c.year] += 1
            tally = Counter(v.most_common(1)[0][0] for v in votes.values())
            story["claims"].extend({"article": docs[c.doc].path, "event": event, "kind": c.kind,
                                    "text": c.text, "year": c.year} for c in of_event)
            if not tally:
                continue
            consensus, support = tally.most_common(1)[0]
            if support < 2 or support * 2 <= len(votes):
                continue
            for c in of_event:
                if c.year == consensus:
                    continue
                backers = sorted({names[d] for d, v in votes.items() if d != c.doc and consensus in v})
                if len(backers) < 2:
                    continue
                finding = self._finding(docs[c.doc], c, consensus, backers, year_note.get(c.doc, ""))
                if finding:
                    story["disagreements"].append({"article": docs[c.doc].path, "text": c.text,
                                                   "event": event, "claimed_year": c.year,
                                                   "consensus_year": consensus, "others": backers,
                                                   "suggestion": finding.suggestions[0]})
                    yield c.doc, finding
        report.append(story)
    ctx.corpus.setdefault("facts", []).extend(report)


def shared_chrome(self, docs, ctx):
    min_docs = int(self.options.get("min_documents", 2))
    per_doc = [_analysis(d)[0] for d in docs]
    keys = [[_norm(u.text) if u.kind is None and u.words >= 2 else "" for u in units] for units in per_doc]
    where: dict[str, set[int]] = {}
    for i, ks in enumerate(keys):
        for k in set(ks):
            if k:
                where.setdefault(k, set()).add(i)
    shared = {k: v for k, v in where.items() if len(v) >= min_docs}
    if not shared:
        return
    # a republished article shares most of its sentences: that is a duplicate, not a template
    prose_keys = [{k for k, u in zip(ks, units) if k and u.prose} for ks, units in zip(keys, per_doc)]
    pair_lines: dict[tuple[int, int], int] = {}
    for k, ds in shared.items():
        for a in ds:
            for b in ds:
                if a < b and k not in prose_keys[a]:
                    pair_lines[(a, b)] = pair_lines.get((a, b), 0) + 1
    template: dict[int, set[int]] = {}
    for (a, b), count in pair_lines.items():
        same = len(prose_keys[a] & prose_keys[b])
        if count >= 2 and same <= 0.5 * (min(len(prose_keys[a]), len(prose_keys[b])) or 1):
            template.setdefault(a, set()).add(b)
            template.setdefault(b, set()).add(a)
    report = ctx.corpus.setdefault("boilerplate", {}).setdefault("shared_lines", [])
    for i, units in enumerate(per_doc):
        mates = template.get(i)
        if not mates:
            continue
        marked = []
        for j, u in enumerate(units):
            k = keys[i][j]
            others = (shared.get(k, set()) & mates) if k else set()
            quoted = any(q in u.text for q in "\"“”«»")
            if others and not quoted and not u.prose:
                marked.append((j, u, others))
        for run in _runs(marked):
            first, last = run[0][1], run[-1][1]
            others = sorted(set().union(*(o for _, _, o in run)))
            text = docs[i].prose[first.start:last.end]
            where = {"also_in": [docs[o].path for o in others[:10]], "also_in_count": len(others)}  # listed, counted
            report.append({"document": docs[i].path, "text": text[:200], **where})
            size = f" ({len(run)} lines)" if len(run) > 1 else ""
            yield i, self.rule.finding(first.start, last.end, text, [_deletion(docs[i], first.start, last.end)],
                                       values={"n": str(len(others)), "size": size},
                                       data=where)


def misspelling(self, docs, ctx):
    if len(docs) < 2:
        return
    counts: Counter = Counter()
    for doc in docs:
        counts.update(capitalised_names(doc.prose))
    index = NameIndex(counts)
    # spellings the name-drift pass already flags (it runs first and reports its clusters)
    drift = {form for c in ctx.corpus.get("names", ()) for form in c.get("variants", {})
             if form != c.get("entity")}
    for i, doc in enumerate(docs):
        seen = {(f.start, f.end) for f in ctx.findings[i] if f.rule == self.rule.code}
        for f in self.scan(doc, index, names_only=True):
            if doc.to_source(f.start, f.end) not in seen and doc.prose[f.start:f.end] not in drift:
                yield i, f


PASSES = {"NameDrift": name_drift, "NameCase": name_case, "LastOccurrence": last_occurrence,
          "SharedChrome": shared_chrome, "Misspelling": misspelling}
