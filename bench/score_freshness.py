#!/usr/bin/env python3
"""Scores govaudit's freshness findings against a benchmark site's truth.json.

usage: score_freshness.py TRUTH_JSON FINDINGS_JSON

Compares columns.stale / columns.blank failures with truth's stale_columns / blank_columns,
the discovered columns (columns.stale info rows) with truth's columns, and newmedia.stale
account findings with truth's new_media accounts. Prints found/expected/false positives per
category; exits 1 when any expected item is missed or any false positive is reported.
"""
import json
import sys


def load_findings(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return data["findings"] if isinstance(data, dict) else data


def norm(url):
    # "/x/index.html" and "/x/" name the same column.
    for suffix in ("index.html", "index.htm"):
        if url.endswith("/" + suffix):
            return url[: -len(suffix)]
    return url


def score(name, expected, found):
    expected, found = set(map(norm, expected)), set(map(norm, found))
    hits = expected & found
    missed, extra = sorted(expected - found), sorted(found - expected)
    print(f"{name}: found {len(hits)}/{len(expected)}, false positives {len(extra)}")
    for url in missed:
        print(f"  missed: {url}")
    for url in extra:
        print(f"  false positive: {url}")
    return not missed and not extra


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        truth = json.load(f)
    findings = load_findings(sys.argv[2])

    def urls(check, severity, predicate=lambda e: True):
        # Site-level veto summaries are not rows; an account's own finding carries its veto and
        # its platform, and is one.
        def row(evidence):
            return "veto" not in evidence or "platform" in evidence
        return [x["url"] for x in findings
                if x["check"] == check and x["severity"] == severity and x["url"]
                and predicate(x.get("evidence", {})) and row(x.get("evidence", {}))]

    ok = True
    ok &= score("stale columns", truth["stale_columns"], urls("columns.stale", "failure"))
    ok &= score("blank columns", truth["blank_columns"], urls("columns.blank", "failure"))
    # Discovery: every truth column should have an info row; extra rows are reported, not failed.
    rows = urls("columns.stale", "info")
    expected = set(norm(c["url"]) for c in truth["columns"])
    found = set(map(norm, rows))
    print(f"columns discovered: {len(expected & found)}/{len(expected)}, "
          f"extra rows {len(found - expected)}")
    for url in sorted(expected - found):
        print(f"  not discovered: {url}")
    for url in sorted(found - expected):
        print(f"  extra row: {url}")
    media = truth.get("new_media") or {}
    accounts = media.get("accounts", [])
    ok &= score("stale accounts", [a["url"] for a in accounts if a.get("stale")],
                urls("newmedia.stale", "failure", lambda e: e.get("state") == "stale"))
    ok &= score("blank accounts", [a["url"] for a in accounts if a.get("blank")],
                urls("newmedia.stale", "failure", lambda e: e.get("state") == "blank"))
    seen = set(x["url"] for x in findings if x["check"] == "newmedia.stale" and x["url"])
    print(f"accounts seen: {len(seen & set(a['url'] for a in accounts))}/{len(accounts)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
