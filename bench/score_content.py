#!/usr/bin/env python3
"""Scores govaudit's content checks against a generated site's truth.json.

usage: score_content.py TRUTH.json FINDINGS.json [OUTPUT_DIR]

Compares, per check, what truth.json plants with the failures in findings.json (warnings,
info rows and review items are not scored as defects): missing disclosure categories, missing,
late and incomplete annual reports, 政策解读 link defects by document URL, footer marks by page
URL, privacy leaks by (URL, kind, masked value), maps without 审图号 by image URL. Prints recall
and false positives per check, fails (exit 1) when a decoy is reported, and, when OUTPUT_DIR is
given, asserts that no full leaked number appears in any file there. Python 3 stdlib only.
"""
import json
import os
import re
import sys


def score(name, truth, found, rows):
    truth, found = set(truth), set(found)
    hit = truth & found
    rows.append((name, len(truth), len(hit), len(found - truth), sorted(truth - found)[:5],
                 sorted(found - truth)[:5]))


def failures(findings, check):
    return [f for f in findings if f["check"] == check and f["severity"] == "failure"
            and not f.get("evidence", {}).get("review_only")]


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    truth = json.load(open(sys.argv[1], encoding="utf-8"))
    report = json.load(open(sys.argv[2], encoding="utf-8"))
    findings = report["findings"] if isinstance(report, dict) else report
    rows = []

    # disclose.catalogue: missing categories by key (truth ids are 1..15 -> a20.NN).
    disclosure = truth["disclosure"]
    score("disclose.catalogue missing",
          ["a20.%02d" % int(str(c).split(".")[-1]) for c in disclosure["missing_categories"]],
          [f["evidence"].get("category") for f in failures(findings, "disclose.catalogue")], rows)

    reports = disclosure["annual_reports"]
    annual = failures(findings, "disclose.annual_report")
    score("disclose.annual_report missing years", reports["missing_years"],
          [f["evidence"]["year"] for f in annual if f["evidence"].get("problem") == "missing"],
          rows)
    score("disclose.annual_report late", reports["late"],
          [f["url"] for f in annual if f["evidence"].get("problem") == "late"], rows)
    score("disclose.annual_report incomplete",
          [(i["url"], h) for i in reports["incomplete"] for h in i["missing_headings"]],
          [(f["url"], h) for f in annual if f["evidence"].get("problem") == "incomplete"
           for h in f["evidence"].get("headings_missing", [])], rows)

    policy = truth["policy_interpretation"]
    interp = failures(findings, "disclose.interpretation")
    for problem in ("no_interpretation", "doc_to_interp_only", "interp_to_doc_only"):
        planted = [p if isinstance(p, str) else p["document"] for p in policy[problem]]
        score("disclose.interpretation " + problem, planted,
              [f["url"] for f in interp if f["evidence"].get("problem") == problem], rows)

    identity = truth["identity"]
    mark_checks = {"site_code": "identity.site_code", "icp": "identity.icp",
                   "psb": "identity.psb", "dzjg": "identity.dzjg",
                   "sponsor": "identity.footer", "contact": "identity.footer"}
    for mark, check in mark_checks.items():
        reported = []
        for f in failures(findings, check):
            if f["evidence"].get("mark") == mark:
                reported += f["evidence"].get("pages_missing", [])
        score("%s (%s) pages missing" % (check, mark), identity["pages_missing"].get(mark, []),
              reported, rows)
    score("identity.domain not ok", [] if identity["domain_ok"] else [identity["site_host"]],
          [f["evidence"].get("host") for f in failures(findings, "identity.domain")], rows)

    privacy = truth["privacy"]
    leaks = [(l["url"], l["kind"], l["masked"]) for l in privacy["leaks"]]
    reported = [(f["url"], f["evidence"]["kind"], f["evidence"]["masked"])
                for c in ("privacy.id_number", "privacy.phone") for f in failures(findings, c)]
    def in_attachment(leak):
        return re.search(r"\.(csv|txt|xlsx?|docx?|pdf)$", leak[0]) is not None

    # Each side split the same way, so that an attachment's finding is no false positive of the
    # HTML row.
    score("privacy leaks (HTML pages)", [l for l in leaks if not in_attachment(l)],
          [r for r in reported if not in_attachment(r)], rows)
    score("privacy leaks (attachments)", [l for l in leaks if in_attachment(l)],
          [r for r in reported if in_attachment(r)], rows)
    score("privacy leaks (all)", leaks, reported, rows)

    maps = failures(findings, "map.review_number")
    score("map.review_number missing", truth["maps_missing_approval"],
          [f["url"] for f in maps], rows)

    decoy_problems = []
    for decoy in privacy["decoys"]:
        text = decoy["text"]
        for f in findings:
            if not f["check"].startswith("privacy."):
                continue
            masked = f["evidence"].get("masked", "")
            if f["url"] == decoy["url"] and (masked == text or (
                    "*" not in text and len(masked) == len(text)
                    and all(m == "*" or m == t for m, t in zip(masked, text)))):
                decoy_problems.append((decoy["kind"], decoy["url"], masked))

    print("%-52s %6s %6s %7s %4s" % ("check", "truth", "found", "recall", "FP"))
    for name, planted, hit, extra, missed, wrong in rows:
        recall = "%.2f" % (hit / planted) if planted else "-"
        print("%-52s %6d %6d %7s %4d" % (name, planted, hit, recall, extra))
        if missed:
            print("    missed e.g.", missed)
        if wrong:
            print("    extra e.g.", wrong)
    print("decoys reported:", len(decoy_problems), decoy_problems[:5])

    leaked_full = []
    if len(sys.argv) > 3:
        # The full numbers are not in truth.json; rebuild them from the pages is not possible
        # here, so look for any unmasked 18-digit ID or 11-digit mobile shape in the outputs.
        for root, _, files in os.walk(sys.argv[3]):
            for name in files:
                text = open(os.path.join(root, name), encoding="utf-8", errors="replace").read()
                for masked in {l[2] for l in leaks}:
                    pattern = re.escape(masked[:2 if len(masked) > 11 else 3]) + r"\d{%d}" % (
                        masked.count("*")) + re.escape(masked[-(3 if len(masked) > 11 else 4):])
                    if re.search(pattern, text):
                        leaked_full.append((name, masked))
        print("full numbers in the output folder:", len(leaked_full), leaked_full[:5])
    return 1 if decoy_problems or leaked_full else 0


if __name__ == "__main__":
    sys.exit(main())
