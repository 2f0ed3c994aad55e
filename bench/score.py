#!/usr/bin/env python3
"""Scores a govaudit output folder against a generated site's truth.json.

usage: score.py TRUTH.json OUT_DIR [--json]

Reports pages and URLs found (every one truth.json lists must be in crawl.json), and broken-link
recall and false positives (a finding on any URL of a broken link's redirect_hops counts).
"""
import json
import sys


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def score(truth, out_dir):
    crawl = load(f"{out_dir}/crawl.json")
    findings = load(f"{out_dir}/findings.json")
    crawl_urls = {entry["url"] for entry in crawl["urls"]}
    crawl_pages = {entry["url"] for entry in crawl["urls"] if entry.get("is_page")}

    truth_pages = set(truth["pages"])
    truth_urls = set(truth["urls"])
    missing_pages = sorted(truth_pages - crawl_pages)
    missing_urls = sorted(truth_urls - crawl_urls)

    broken_groups = []
    for link in truth["broken_links"]:
        group = {link["url"], *link.get("redirect_hops", [])}
        broken_groups.append((link["url"], group, set(link.get("sources", []))))
    all_broken = set().union(*(group for _, group, _ in broken_groups)) if broken_groups else set()

    reported = {}
    for finding in findings["findings"]:
        if finding["check"] != "links.broken" or finding["severity"] != "failure":
            continue
        reported.setdefault(finding["url"], set()).add(finding.get("page", ""))
    found, missed, missing_sources = [], [], []
    for url, group, sources in broken_groups:
        hits = [u for u in group if u in reported]
        if hits:
            found.append(url)
            seen_sources = set().union(*(reported[u] for u in hits))
            lost = sources - seen_sources
            if lost:
                missing_sources.append({"url": url, "sources_missing": sorted(lost)})
        else:
            missed.append(url)
    # Soft 404s (HTTP 200, the page says it does not exist) are broken links the truth lists
    # apart; the status of every other URL reported is checked against the truth.
    soft = {entry["url"] for entry in truth.get("soft_404", [])}
    soft_found = sorted(u for u in soft if u in reported)
    false_positives = sorted(u for u in reported if u not in all_broken and u not in soft)
    return {
        "pages": {"truth": len(truth_pages), "found": len(truth_pages) - len(missing_pages),
                  "missing": missing_pages[:20]},
        "urls": {"truth": len(truth_urls), "found": len(truth_urls) - len(missing_urls),
                 "missing": missing_urls[:20]},
        "broken": {"truth": len(broken_groups), "found": len(found),
                   "recall": len(found) / len(broken_groups) if broken_groups else 1.0,
                   "missed": missed, "false_positives": false_positives,
                   "sources_missing": missing_sources},
        "soft_404": {"truth": len(soft), "found": len(soft_found)},
    }


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    result = score(load(sys.argv[1]), sys.argv[2])
    if "--json" in sys.argv:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    p, u, b = result["pages"], result["urls"], result["broken"]
    print(f"pages: {p['found']}/{p['truth']}  urls: {u['found']}/{u['truth']}  "
          f"broken: {b['found']}/{b['truth']} (recall {b['recall']:.0%}), "
          f"false positives {len(b['false_positives'])}, "
          f"soft 404: {result['soft_404']['found']}/{result['soft_404']['truth']}")
    for label, items in (("missing page", p["missing"]), ("missing url", u["missing"]),
                         ("missed broken", b["missed"]), ("false positive", b["false_positives"]),
                         ("sources missing", b["sources_missing"])):
        for item in items:
            print(f"  {label}: {item}")
    ok = (not p["missing"] and not u["missing"] and not b["missed"] and not b["false_positives"]
          and result["soft_404"]["found"] == result["soft_404"]["truth"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
