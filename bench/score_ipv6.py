#!/usr/bin/env python3
"""Compares govaudit's IPv6 findings with a generated site's truth.json.

usage: score_ipv6.py TRUTH.json FINDINGS.json

Prints, for level 2 and level 3, pages and resources: truth's total, v6_reachable, ratio and
v6_unreachable URLs beside govaudit's (ipv6.level2/ipv6.level3 evidence); the homepage over
IPv6 (truth ipv6.homepage_v6 against ipv6.homepage); per in-scope host, v6_reachable against the
per-host rows of ipv6.support; and the item verdicts. Exit 1 when a figure differs.
Python 3 stdlib only.
"""
import json
import sys


def main():
    truth = json.load(open(sys.argv[1], encoding="utf-8"))["ipv6"]
    findings = json.load(open(sys.argv[2], encoding="utf-8"))["findings"]
    by_check = {}
    for f in findings:
        by_check.setdefault(f["check"], []).append(f)
    differences = 0

    print("| level | kind | truth total | govaudit total | truth v6 | govaudit v6 | truth ratio |"
          " govaudit ratio | unreachable URLs equal |")
    print("|---|---|---|---|---|---|---|---|---|")
    for level in ("level2", "level3"):
        found = by_check["ipv6." + level][0]["evidence"]
        for kind in ("pages", "resources"):
            t, g = truth[level][kind], found[kind]
            same_urls = sorted(t["v6_unreachable"]) == sorted(e["url"] for e in g["v6_unreachable"])
            equal = (t["total"] == g["total"] and t["v6_reachable"] == g["v6_reachable"]
                     and same_urls)
            differences += 0 if equal else 1
            print("| %s | %s | %d | %d | %d | %d | %.4f | %.4f | %s |" % (
                level, kind, t["total"], g["total"], t["v6_reachable"], g["v6_reachable"],
                t["ratio"], g["ratio"], "yes" if same_urls else "NO"))

    homepage = by_check["ipv6.homepage"][0]
    ok = (homepage["severity"] == "info") == bool(truth["homepage_v6"])
    differences += 0 if ok else 1
    print("\nhomepage over IPv6: truth %s, govaudit %s (%s)" % (
        truth["homepage_v6"], homepage["severity"], homepage["message"]))

    rows = {f["url"]: f["evidence"] for f in by_check.get("ipv6.support", [])
            if "host" in f.get("evidence", {})}
    print("\n| origin | truth AAAA | truth v6 reachable | govaudit AAAA | govaudit v6 reachable |"
          " pages affected |")
    print("|---|---|---|---|---|---|")
    for host in truth["hosts"]:
        if not host["in_scope"]:
            continue
        row = rows.get(host["origin"])
        if row is None:
            print("| %s | %s | %s | (no row) | | |" % (host["origin"], host["aaaa"],
                                                      host["v6_reachable"]))
            differences += 1
            continue
        same = bool(row["v6_reachable"]) == host["v6_reachable"]
        differences += 0 if same else 1
        print("| %s | %s | %s | %s %s | %s | %s |" % (
            host["origin"], " ".join(host["aaaa"]) or "-", host["v6_reachable"], row["aaaa"],
            " ".join(row["aaaa_addresses"]), row["v6_reachable"], row["pages_affected"]))

    print("\n| item | severity | message |")
    print("|---|---|---|")
    for check in ("ipv6.aaaa", "ipv6.dns_auth", "ipv6.homepage", "ipv6.homepage_rate",
                  "ipv6.consistency", "ipv6.perf", "ipv6.level2", "ipv6.level3"):
        for f in by_check.get(check, []):
            print("| %s | %s | %s |" % (check, f["severity"], f["message"]))
    for f in by_check.get("ipv6.support", []):
        if "host" not in f.get("evidence", {}):
            print("| ipv6.support | %s | %s |" % (f["severity"], f["message"]))
    print("\ndifferences: %d" % differences)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
