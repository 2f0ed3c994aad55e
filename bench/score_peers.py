#!/usr/bin/env python3
"""Broken-link recall and false positives of a peer tool's output against truth.json.

usage: score_peers.py TRUTH.json TOOL OUTPUT
  TOOL: linkchecker (its -o csv output), wget2 (its --stats-site=csv:FILE file),
        wget (its --spider -nv log, stderr), blc (its -f text output),
        linkinator (its --format csv output), govaudit (an output folder)

A report of any URL of a broken link's redirect_hops counts as finding it; the soft-404 page
counts as found when reported, and is not a false positive.
"""
import csv
import io
import json
import re
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


def wget_broken(path):
    """The list wget --spider prints at the end: "Found N broken links." then one URL a line."""
    broken = set()
    with open(path, encoding="utf-8", errors="replace") as handle:
        in_list = False
        for line in handle:
            line = line.strip()
            if re.fullmatch(r"Found \d+ broken links?\.", line):
                in_list = True
            elif in_list and line.startswith(("http://", "https://")):
                broken.add(line)
            elif in_list and line:
                in_list = False
    return broken


def blc_broken(path):
    """blc's text output: one "├─BROKEN─ URL (REASON)" line per broken link of each page."""
    broken = set()
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            match = re.search(r"─BROKEN─ (\S+)", line)
            if match:
                broken.add(match.group(1))
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
    return {f["url"] for f in findings
            if f["check"] == "links.broken" and f["severity"] == "failure"}


READERS = {"linkchecker": linkchecker_broken, "wget2": wget2_broken, "wget": wget_broken,
           "blc": blc_broken, "linkinator": linkinator_broken, "govaudit": govaudit_broken}


def score(truth, tool, output):
    """Recall and false positives of TOOL's OUTPUT (also used by run_bench.py)."""
    reported = READERS[tool](output)
    groups = [{link["url"], *link.get("redirect_hops", [])} for link in truth["broken_links"]]
    soft = {entry["url"] for entry in truth.get("soft_404", [])}
    everything = set().union(*groups) | soft if groups else soft
    found = sum(1 for group in groups if group & reported)
    soft_found = len(soft & reported)
    false_positives = sorted(reported - everything)
    return {"tool": tool, "broken_truth": len(groups), "broken_found": found,
            "recall": found / len(groups) if groups else 1.0,
            "soft_404_found": f"{soft_found}/{len(soft)}",
            "false_positives": len(false_positives),
            "false_positive_examples": false_positives[:5]}


def main():
    if len(sys.argv) != 4 or sys.argv[2] not in READERS:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as handle:
        truth = json.load(handle)
    print(json.dumps(score(truth, sys.argv[2], sys.argv[3]), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
