"""auditor rules list|show CODE|test [PACK_DIR...]: browse the rule registry and test packs."""
from __future__ import annotations

from pathlib import Path

from ..errors import AuditorError
from ..confidence import describe
from ..packs import load_rules


def register(sub) -> None:
    p = sub.add_parser("rules", help="list, show or test rules")
    verbs = p.add_subparsers(dest="verb", metavar="VERB")
    verbs.required = True
    ls = verbs.add_parser("list", help="list every rule")
    ls.add_argument("--packs", action="append", metavar="DIR", help="an extra rule-pack folder")
    ls.set_defaults(func=run_list)
    show = verbs.add_parser("show", help="show one rule with its examples")
    show.add_argument("code")
    show.add_argument("--packs", action="append", metavar="DIR")
    show.set_defaults(func=run_show)
    test = verbs.add_parser("test", help="run the example contract on rule packs")
    test.add_argument("dirs", nargs="*", metavar="PACK_DIR",
                      help="pack folders or folders of packs (default: auditor's own packs)")
    test.add_argument("-q", "--quiet", action="store_true", help="print failures only")
    test.set_defaults(func=run_test)


def run_list(args) -> int:
    rules = load_rules(args.packs or (), select=(), ignore=())
    for pack in rules.packs:
        for r in pack.rules:
            off = "" if r.default else "  (off by default)"
            conf = "   -" if r.confidence is None else f"{r.confidence:.2f}"
            print(f"{r.code:8s} {r.name:40s} {r.category:28s} {r.severity:8s} {conf:>5s} {pack.name}{off}")
    return 0


def run_show(args) -> int:
    rules = load_rules(args.packs or ())
    rule = next((r for p in rules.packs for r in p.rules if r.code == args.code.upper()), None)
    if rule is None:
        raise AuditorError(f"no rule {args.code}")
    print(f"{rule.code} {rule.name}  [{rule.category}, {rule.severity}, {rule.type}]  pack {rule.pack}")
    print(f"\n{rule.description.strip()}\n")
    print("Source: " + "; ".join(rule.source))
    print(f"Fix is {'safe to apply automatically' if rule.fix_safe else 'a suggestion to review'}.")
    print(f"Measured: {describe(rule.code)}; confidence "
          f"{'none' if rule.confidence is None else f'{rule.confidence:.2f}'}.")
    for ex in rule.examples:
        if "bad" in ex:
            print(f"  bad:  {ex['bad']}\n        fix: {ex['fix']!r}")
        else:
            print(f"  good: {ex['good']}")
    return 0


def run_test(args) -> int:
    from ..testing import run_contract

    dirs = [Path(d) for d in args.dirs]
    rules = load_rules(dirs, builtin=not dirs) if dirs else load_rules()
    failed = total = 0
    for result in run_contract(rules):
        total += 1
        if not result.ok:
            failed += 1
            print(result)
        elif not args.quiet:
            print(result)
    print(f"{total - failed} passed, {failed} failed")
    return 1 if failed else 0
