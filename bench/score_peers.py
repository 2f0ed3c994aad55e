#!/usr/bin/env python3
"""Broken-link recall and false positives of a peer tool's output against truth.json.

usage: score_peers.py TRUTH.json TOOL OUTPUT
  TOOL: linkchecker (its -o csv output), wget2 (its --stats-site=csv:FILE file),
        linkinator (its --format csv output), govaudit (an output folder)

A report of any URL of a broken link's redirect_hops counts as finding it; the soft-404 page
counts as found when reported, and is not a false positive.
"""
import csv
import io
import json
import sys


def linkchecker_broken(path):
    with open(path, encoding="utf-8", errors="replace") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    broken = set()
    for row in csv.DictReader(io.StringIO("".join(lines)), delimiter=";"):
        if row.get("valid") == "False":
            broken.add(row["url"] or row["urlname"])
    return broken


def wget2_broken(path):
    broken = set()
    with open(path, encoding="utf-8", errors="replace") as handle:
        for row in csv.DictReader(handle):
            status = int(row.get("Status") or 0)
            if status >= 400 or status == 0:
                broken.add(row["URL"])
    return broken


def linkinator_broken(path):
    broken = set()
    with open(path, encoding="utf-8", errors="replace") as handle:
        for row in csv.DictReader(handle):
            if row.get("state") == "BROKEN":
                broken.add(row["url"])
    return broken


def govaudit_broken(folder):
    with open(f"{folder}/findings.json", encoding="utf-8") as handle:
        findings = json.load(handle)["findings"]
    return {f["url"] for f in findings if f["check"] == "links.broken" and f["severity"] == "failure"}


READERS = {"linkchecker": linkchecker_broken, "wget2": wget2_broken,
           "linkinator": linkinator_broken, "govaudit": govaudit_broken}


def main():
    if len(sys.argv) != 4 or sys.argv[2] not in READERS:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as handle:
        truth = json.load(handle)
    reported = READERS[sys.argv[2]](sys.argv[3])
    groups = [{link["url"], *link.get("redirect_hops", [])} for link in truth["broken_links"]]
    soft = {entry["url"] for entry in truth.get("soft_404", [])}
    everything = set().union(*groups) | soft if groups else soft
    found = sum(1 for group in groups if group & reported)
    soft_found = len(soft & reported)
    false_positives = sorted(reported - everything)
    print(json.dumps({"tool": sys.argv[2], "broken_truth": len(groups), "broken_found": found,
                      "recall": found / len(groups) if groups else 1.0,
                      "soft_404_found": f"{soft_found}/{len(soft)}",
                      "false_positives": len(false_positives),
                      "false_positive_examples": false_positives[:5]}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
