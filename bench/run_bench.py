#!/usr/bin/env python3
"""The performance bench of issue 4: govaudit beside the fetch-only floor and the peer tools.

usage: python3 bench/run_bench.py [--sites heavy2k,heavy20k,...] [--runs 3]
                                  [--govaudit build/govaudit] [--work /tmp/govbench-work]

Generates the sites with ../shared/bench/gen_site.py (reusing a site whose truth.json says the same
generator arguments), serves each with serve.sh, runs the tools alternating run by run under
with_hosts.sh and /usr/bin/time -v, scores the broken-link findings against truth.json, and writes
bench/RESULTS-perf.md, bench/scaling.dat and bench/scaling.png. Python 3 standard library only;
wget, LinkChecker, blc (npm), curl and gnuplot are installed when missing. Not part of CI: the
whole bench takes about 45 minutes on 2 cores, plus some 10 minutes to generate the sites the
first time. --scale (e.g. 0.025) shrinks every site to test the runner itself in a few minutes.
"""
import argparse
import datetime
import json
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import score as score_govaudit  # noqa: E402  (bench/score.py: crawl coverage, broken links)
import score_peers  # noqa: E402  (bench/score_peers.py: the peers' broken links)

SEED = 1
AS_OF = "2026-11-01"
PROFILE = "public"
GOVAUDIT_DEFAULT_MAX_PAGES = 100_000
MB = 1_000_000  # the bar's "100 MB" is read as 10^6 bytes, the stricter reading


@dataclass(frozen=True)
class Site:
    name: str
    pages: int
    heavy: bool
    clean: bool
    tools: tuple  # measured in every round, in this order
    once: tuple = ()  # run in the first round only: the peers' recall on the defect sites
    # Absolute links embed the port and a site uses P..P+4, so each site keeps its own block of
    # ten whatever subset runs: a generated site stays reusable.
    slot: int = 0

    def title(self):
        kind = ("clean " if self.clean else "defect, ") + ("heavy" if self.heavy else "light")
        return f"{self.name}: {self.pages:,} pages, {kind}"


SITES = (
    Site("heavy2k", 2_000, True, True, ("floor", "govaudit", "wget", "linkchecker", "blc"), slot=0),
    Site("heavy20k", 20_000, True, True, ("floor", "govaudit", "wget"), slot=1),
    Site("heavy100k", 100_000, True, True, ("floor", "govaudit", "wget"), slot=2),
    Site("light20k", 20_000, False, True, ("floor", "govaudit", "wget"), slot=3),
    Site("defect-heavy20k", 20_000, True, False, ("floor", "govaudit"), ("wget",), slot=4),
    Site("defect-light20k", 20_000, False, False, ("floor", "govaudit"), ("wget",), slot=5),
)

TOOL_NAMES = {"floor": "floor (curl)", "govaudit": "govaudit", "wget": "wget",
              "linkchecker": "LinkChecker", "blc": "blc"}
# Exit codes that mean the run was completed: govaudit 1 is a failed gate; wget 8 "the server
# answered an error" (the defect sites' 404s); LinkChecker and blc 1 "broken links found".
OK_EXIT = {"floor": {0}, "govaudit": {0, 1}, "wget": {0, 8}, "linkchecker": {0, 1}, "blc": {0, 1}}
# On the defect sites wget also meets the redirect loop and the too-long chain, which it counts
# as a network failure (4); on a clean site that exit is a real failure.
DEFECT_OK_EXIT = {"wget": {4}}
# How a missing program is installed: (installer, package).
PACKAGES = {"curl": ("apt", "curl"), "wget": ("apt", "wget"), "linkchecker": ("apt", "linkchecker"),
            "blc": ("npm", "broken-link-checker"), "gnuplot": ("apt", "gnuplot-nox"),
            "/usr/bin/time": ("apt", "time")}
PROGRAMS = {"floor": "curl", "wget": "wget", "linkchecker": "linkchecker", "blc": "blc"}


class BenchError(Exception):
    pass


def log(message):
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


def load_json(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


# ---------------------------------------------------------------- installs

def ensure_program(program):
    if shutil.which(program):
        return
    installer, package = PACKAGES[program]
    log(f"installing {package} ({installer})")
    if installer == "npm":
        subprocess.run(["npm", "install", "-g", package], check=True, stdout=subprocess.DEVNULL)
    else:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        quiet = {"env": env, "stdout": subprocess.DEVNULL}
        # A stale package index makes apt-get install fail; update once and try again.
        if subprocess.run(["apt-get", "install", "-y", package], **quiet).returncode != 0:
            subprocess.run(["apt-get", "update"], check=True, **quiet)
            subprocess.run(["apt-get", "install", "-y", package], check=True, **quiet)
    if not shutil.which(program):
        raise BenchError(f"{program} still missing after installing {package}")


# ---------------------------------------------------------------- sites

class Bench:
    def __init__(self, args):
        self.args = args
        self.shared = args.shared
        self.work = args.work
        self.runs = args.runs

    def pages(self, site):
        # --scale shrinks every site for testing the runner; the generator wants a few hundred.
        return max(300, round(site.pages * self.args.scale))

    def port(self, site):
        return self.args.port_base + 10 * site.slot

    def site_dir(self, site):
        return self.work / "sites" / f"{site.name}-{self.pages(site)}"

    def generate(self, site):
        """Generates SITE unless its folder already holds a site made with the same arguments."""
        folder = self.site_dir(site)
        wanted = {"profile": PROFILE, "seed": SEED, "pages_requested": self.pages(site),
                  "as_of": AS_OF, "port": self.port(site), "clean": site.clean,
                  "heavy": site.heavy}
        truth_path = folder / "truth.json"
        if truth_path.exists():
            made = load_json(truth_path)["generator"]
            made.setdefault("heavy", False)  # gen_site.py writes the key only with --heavy
            if all(made.get(key) == value for key, value in wanted.items()):
                log(f"{site.name}: reusing {folder}")
                return load_json(truth_path)
        if folder.exists():
            shutil.rmtree(folder)  # a different or half-written site: start afresh
        argv = [sys.executable, str(self.shared / "gen_site.py"), "--pages", str(self.pages(site)),
                "--seed", str(SEED), "--profile", PROFILE, "--as-of", AS_OF,
                "--port", str(self.port(site)), "--out", str(folder)]
        argv += ["--clean"] * site.clean + ["--heavy"] * site.heavy
        log(f"{site.name}: generating ({shlex.join(argv[1:])})")
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        return load_json(truth_path)

    # ------------------------------------------------------------ commands

    def command(self, tool, site, truth, scratch):
        """The measured command of TOOL on SITE, and where its stdout goes (None: discarded)."""
        url = truth["site"]["start_url"]
        if tool == "floor":
            # The physical floor: every page fetched once, nothing parsed, 16 transfers at a time.
            config = scratch / "floor.curlrc"
            with open(config, "w", encoding="utf-8") as handle:
                for page in truth["pages"]:
                    handle.write(f'url = "{page}"\noutput = "/dev/null"\n')
            return ["curl", "--parallel", "--parallel-max", "16", "-s", "-K", str(config)], None
        if tool == "govaudit":
            argv = [str(self.args.govaudit), "scan", url, "--out", str(scratch / "govaudit"),
                    "--rate", "0", "--per-host", "16", "--concurrency", "16", "--ignore-robots",
                    "--as-of", truth["generator"]["as_of"], "--quiet", "--recheck-after", "5",
                    "--allow-loopback-ipv6"]
            # --max-pages counts every in-scope page link scheduled (department pages, .do
            # endpoints too), so the default cap would cut the 100,000-page site short.
            if self.pages(site) * 1.1 > GOVAUDIT_DEFAULT_MAX_PAGES:
                argv += ["--max-pages", str(self.pages(site) * 2)]
            return argv, None
        if tool == "wget":
            return ["wget", "--spider", "-r", "-l", "inf", "-nd", "-nv", "-e", "robots=off",
                    "--tries=1", "--timeout=30", "-P", str(scratch / "wget-tmp"), url], None
        if tool == "linkchecker":
            config = scratch / "linkcheckerrc"
            config.write_text("[checking]\nmaxrequestspersecond=1000\n", encoding="utf-8")
            return (["linkchecker", "-f", str(config), "-t", "16", "--check-extern", "--no-status",
                     "--timeout", "30", "-o", "csv", url], scratch / "linkchecker.csv")
        if tool == "blc":
            return (["blc", url, "-r", "-f", "--filter-level", "3", "--requests", "16",
                     "--host-requests", "16"], scratch / "blc.txt")
        raise ValueError(tool)

    def measure(self, site, argv, stdout_path, scratch, label):
        """Runs ARGV under with_hosts.sh and /usr/bin/time -v; returns exit code and figures."""
        time_path = scratch / f"{label}.time"
        stderr_path = scratch / f"{label}.stderr"
        full = [str(self.shared / "with_hosts.sh"), str(self.site_dir(site) / "hosts"),
                "/usr/bin/time", "-v", "-o", str(time_path), *argv]
        with open(stdout_path or os.devnull, "wb") as out, open(stderr_path, "wb") as err:
            # Own session, so that an interrupt can end the tool's whole process group.
            proc = subprocess.Popen(full, stdout=out, stderr=err, start_new_session=True)
            try:
                proc.wait()
            except BaseException:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait()
                raise
        return parse_time(time_path, proc.returncode), stderr_path

    def score_run(self, tool, truth, scratch, stdout_path, stderr_path):
        """Broken-link recall and false positives of one run, where the tool's output is read."""
        if tool == "govaudit":
            result = score_govaudit.score(truth, scratch / "govaudit")
            broken = result["broken"]
            return {"pages": result["pages"]["found"], "urls": result["urls"]["found"],
                    "recall": broken["recall"], "found": broken["found"], "truth": broken["truth"],
                    "fp": len(broken["false_positives"]),
                    "soft": f"{result['soft_404']['found']}/{result['soft_404']['truth']}"}
        if tool == "floor":
            return None  # fetches only, reports nothing
        output = stderr_path if tool == "wget" else stdout_path
        result = score_peers.score(truth, tool, output)
        return {"recall": result["recall"], "found": result["broken_found"],
                "truth": result["broken_truth"], "fp": result["false_positives"],
                "soft": result["soft_404_found"]}

    # ------------------------------------------------------------ one site

    def run_site(self, site):
        truth = self.generate(site)
        scratch = self.work / "out" / site.name
        scratch.mkdir(parents=True, exist_ok=True)
        port = self.port(site)
        serve = [str(self.shared / "serve.sh"), str(self.site_dir(site)), str(port)]
        subprocess.run(serve, check=True, stdout=subprocess.DEVNULL)
        try:
            return self.rounds(site, truth, scratch)
        finally:
            subprocess.run([str(self.shared / "stop.sh"), str(port)], stdout=subprocess.DEVNULL)

    def rounds(self, site, truth, scratch):
        result = {"site": site, "pages": self.pages(site), "totals": truth["totals"],
                  "commands": {}, "runs": []}
        for number in range(1, self.runs + 1):
            tools = site.tools + (site.once if number == 1 else ())
            for tool in tools:
                argv, stdout_path = self.command(tool, site, truth, scratch)
                result["commands"].setdefault(tool, argv)
                # No output of an earlier run may be scored as this one's; wget -P leaves files.
                for folder in ("govaudit", "wget-tmp"):
                    shutil.rmtree(scratch / folder, ignore_errors=True)
                label = f"{tool}-{number}"
                run, stderr_path = self.measure(site, argv, stdout_path, scratch, label)
                accepted = OK_EXIT[tool]
                if not site.clean:
                    accepted = accepted | DEFECT_OK_EXIT.get(tool, set())
                run.update(tool=tool, round=number, ok=run["exit"] in accepted)
                if run["ok"]:
                    run["score"] = self.score_run(tool, truth, scratch, stdout_path, stderr_path)
                result["runs"].append(run)
                status = "" if run["ok"] else f"  FAILED (exit {run['exit']}, see {stderr_path})"
                log(f"{site.name} run {number} {tool}: {run['wall']:.2f} s wall, "
                    f"{run['cpu']:.2f} s CPU, {run['rss_kb'] * 1024 / MB:.0f} MB{status}")
        return result


def parse_time(path, returncode):
    """The figures of GNU time -v's report (written with -o, apart from the tool's stderr)."""
    fields = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            key, sep, value = line.strip().rpartition(": ")
            if sep:
                fields[key] = value
    wall_text = fields.get("Elapsed (wall clock) time (h:mm:ss or m:ss)", "0:0")
    wall = 0.0
    for part in wall_text.split(":"):
        wall = wall * 60 + float(part)
    cpu = sum(float(fields.get(f"{kind} time (seconds)", 0)) for kind in ("User", "System"))
    # time -v's exit status is the tool's; a tool killed by a signal leaves it out.
    exit_code = int(fields.get("Exit status", returncode if returncode >= 0 else -1))
    rss_kb = int(fields.get("Maximum resident set size (kbytes)", 0))
    return {"wall": wall, "cpu": cpu, "rss_kb": rss_kb, "exit": exit_code}


# ---------------------------------------------------------------- report

def median_range(values, fmt):
    if not values:
        return "–"
    text = fmt.format(statistics.median(values))
    if len(values) > 1:
        text += f" ({fmt.format(min(values))}–{fmt.format(max(values))})"
    return text


def ok_runs(result, tool):
    return [run for run in result["runs"] if run["tool"] == tool and run["ok"]]


def per_round_ratios(result, peer, key):
    """govaudit's KEY over PEER's, for every round in which both completed."""
    by_round = {}
    for run in result["runs"]:
        if run["ok"] and run["tool"] in ("govaudit", peer):
            by_round.setdefault(run["round"], {})[run["tool"]] = run[key]
    return [pair["govaudit"] / pair[peer] for pair in by_round.values()
            if len(pair) == 2 and pair[peer] > 0]


def govaudit_median(result, key):
    runs = ok_runs(result, "govaudit")
    return statistics.median(run[key] for run in runs) if runs else None


def site_section(result):
    site, pages = result["site"], result["pages"]
    lines = [f"### {site.title()}" if pages == site.pages else
             f"### {site.name}: {pages:,} pages (scaled from {site.pages:,})", ""]
    totals = result["totals"]
    lines += [f"{totals['html_pages']:,} pages, {totals['unique_urls']:,} distinct URLs, "
              f"{totals['broken_links']:,} broken links in truth.json.", ""]
    lines += ["| tool | runs | wall s, median (min–max) | CPU s, median (min–max) "
              "| peak RSS MB, median | pages/s |", "|---|---|---|---|---|---|"]
    tools = list(dict.fromkeys(run["tool"] for run in result["runs"]))
    for tool in tools:
        runs = ok_runs(result, tool)
        tried = sum(1 for run in result["runs"] if run["tool"] == tool)
        walls = [run["wall"] for run in runs]
        rss = [run["rss_kb"] * 1024 / MB for run in runs]
        rate = f"{pages / statistics.median(walls):,.0f}" if walls else "–"
        runs_text = f"{len(runs)}" if len(runs) == tried else f"{len(runs)} of {tried} (failed)"
        lines.append(f"| {TOOL_NAMES[tool]} | {runs_text} | {median_range(walls, '{:.2f}')} "
                     f"| {median_range([run['cpu'] for run in runs], '{:.2f}')} "
                     f"| {median_range(rss, '{:.0f}')} | {rate} |")
    ratio_rows = []
    for peer in tools:
        if peer == "govaudit":
            continue
        keys = ("wall",) if peer in ("floor", "wget") else ("wall", "cpu")
        for key in keys:
            ratios = per_round_ratios(result, peer, key)
            if ratios:
                what = {"wall": "wall", "cpu": "CPU"}[key]
                ratio_rows.append(f"| govaudit {what} / {TOOL_NAMES[peer]} {what} "
                                  f"| {median_range(ratios, '{:.3f}')} | {len(ratios)} |")
    if ratio_rows:
        lines += ["", "| ratio, per round | median (min–max) | rounds |", "|---|---|---|",
                  *ratio_rows]
    scored = [run for run in result["runs"] if run.get("score")]
    if scored:
        lines += ["", "| run | tool | pages found | URLs found | broken found | recall "
                  "| false positives | soft 404 |", "|---|---|---|---|---|---|---|---|"]
        for run in scored:
            sc = run["score"]
            lines.append(f"| {run['round']} | {TOOL_NAMES[run['tool']]} "
                         f"| {format(sc['pages'], ',') if 'pages' in sc else '–'} "
                         f"| {format(sc['urls'], ',') if 'urls' in sc else '–'} "
                         f"| {sc['found']} / {sc['truth']} | {sc['recall']:.0%} | {sc['fp']} "
                         f"| {sc['soft']} |")
    lines += ["", "Commands (each under `with_hosts.sh SITE/hosts /usr/bin/time -v -o FILE`):", ""]
    lines += [f"    {shlex.join(argv)}" for argv in result["commands"].values()]
    return lines + [""]


def verdict(met):
    return "met" if met else "**NOT met**"


def bar_rows(results):
    """Each bar of issue 4: (site, bar, measured, verdict); None where the site was not run."""
    rows = []

    def ratio_bar(name, peer, key, limit, label):
        result = results.get(name)
        ratios = per_round_ratios(result, peer, key) if result else []
        if not ratios:
            rows.append((name, label, "not measured", "–"))
            return
        value = statistics.median(ratios)
        rows.append((name, label, f"{median_range(ratios, '{:.3f}')} (limit {limit:.3f})",
                     verdict(value <= limit)))

    def rss_bar(name, limit_mb):
        result = results.get(name)
        value = govaudit_median(result, "rss_kb") if result else None
        if value is None:
            rows.append((name, f"peak RSS < {limit_mb} MB", "not measured", "–"))
            return
        mb = value * 1024 / MB
        per_url = value * 1024 / result["totals"]["unique_urls"]
        rows.append((name, f"peak RSS < {limit_mb} MB",
                     f"{mb:.0f} MB ({per_url:,.0f} bytes per URL)", verdict(mb < limit_mb)))

    ratio_bar("heavy20k", "floor", "wall", 8, "wall ≤ 8 × floor")
    ratio_bar("heavy20k", "wget", "wall", 1 / 4, "wall ≤ 1/4 wget")
    rss_bar("heavy20k", 100)
    ratio_bar("heavy2k", "linkchecker", "wall", 1 / 50, "wall ≤ 1/50 LinkChecker")
    ratio_bar("heavy2k", "linkchecker", "cpu", 1 / 50, "CPU ≤ 1/50 LinkChecker")
    ratio_bar("light20k", "floor", "wall", 3, "wall ≤ 3 × floor")
    rss_bar("heavy100k", 300)
    small, large = results.get("heavy20k"), results.get("heavy100k")
    small_wall = govaudit_median(small, "wall") if small else None
    large_wall = govaudit_median(large, "wall") if large else None
    if small_wall and large_wall:
        # Linear: the wall time per page at 100,000 pages within 25% of that at 20,000 (the
        # 2,000-page site is left out: the fixed start-up and recheck costs weigh on it).
        growth = (large_wall / large["pages"]) / (small_wall / small["pages"])
        rows.append(("heavy100k", "time linear in pages (wall per page within 25% of heavy20k's)",
                     f"{large_wall / large['pages'] * 1000:.2f} ms vs "
                     f"{small_wall / small['pages'] * 1000:.2f} ms per page: × {growth:.2f}",
                     verdict(growth <= 1.25)))
    else:
        rows.append(("heavy100k", "time linear in pages", "needs heavy20k and heavy100k", "–"))
    for name in ("defect-heavy20k", "defect-light20k"):
        result = results.get(name)
        scores = [run["score"] for run in ok_runs(result, "govaudit")] if result else []
        if not scores:
            rows.append((name, "recall 100%, 0 false positives", "not measured", "–"))
            continue
        recall = min(sc["recall"] for sc in scores)
        fp = max(sc["fp"] for sc in scores)
        rows.append((name, "recall 100%, 0 false positives",
                     f"worst of {len(scores)} run{'s' * (len(scores) > 1)}: recall {recall:.0%}, "
                     f"{fp} false positives",
                     verdict(recall == 1.0 and fp == 0)))
    return rows


def scaling_rows(results):
    """(pages, distinct URLs, govaudit wall s, peak RSS bytes) of the heavy clean sites run."""
    rows = []
    for name in ("heavy2k", "heavy20k", "heavy100k"):
        result = results.get(name)
        wall = govaudit_median(result, "wall") if result else None
        if wall is not None:
            rss = govaudit_median(result, "rss_kb") * 1024
            rows.append((result["pages"], result["totals"]["unique_urls"], wall, rss))
    return rows


def scaling_section(rows):
    lines = ["## Scaling (heavy, clean; govaudit medians)", "",
             "| pages | distinct URLs | wall s | ms per page | peak RSS MB | bytes per URL "
             "| extra bytes per extra URL |", "|---|---|---|---|---|---|---|"]
    previous = None
    for pages, urls, wall, rss in rows:
        marginal = (f"{(rss - previous[3]) / (urls - previous[1]):,.0f}"
                    if previous and urls > previous[1] else "–")
        lines.append(f"| {pages:,} | {urls:,} | {wall:.2f} | {wall / pages * 1000:.2f} "
                     f"| {rss / MB:.0f} | {rss / urls:,.0f} | {marginal} |")
        previous = (pages, urls, wall, rss)
    return lines + ["", "![wall and peak RSS against pages](scaling.png)", ""]


def machine():
    model = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {"nproc": os.cpu_count(), "cpu": model, "kernel": platform.release(),
            "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")}


def version(argv):
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"
    text = (done.stdout or done.stderr).strip()
    return text.splitlines()[0] if text else "unknown"


def write_report(bench, results, path):
    info = machine()
    command = shlex.join(["python3", "bench/run_bench.py", *sys.argv[1:]])
    lines = ["# Performance bench (issue 4)", "", f"Written by `{command}`.", ""]
    if bench.args.scale != 1:
        lines += [f"**Scaled run (`--scale {bench.args.scale}`): the sites are smaller than the "
                  "issue's, so the bar below says nothing about them.**", ""]
    versions = "; ".join(f"{name} `{version(argv)}`" for name, argv in (
        ("govaudit", [str(bench.args.govaudit), "--version"]), ("curl", ["curl", "--version"]),
        ("wget", ["wget", "--version"]), ("LinkChecker", ["linkchecker", "--version"]),
        ("blc", ["blc", "--version"]), ("nginx", ["nginx", "-v"])))
    lines += [f"Machine: {info['nproc']} cores, {info['cpu']}, Linux {info['kernel']}, "
              f"{info['date']}; nginx on loopback, every tool under `with_hosts.sh`.", "",
              f"Versions: {versions}.", "",
              f"{bench.runs} round{'s' * (bench.runs > 1)}; in each round the tools run one "
              "after the other in the order of the tables, so that a ratio compares runs made "
              "under the same conditions: ratios are computed per round, then their median "
              "taken. CPU is user + system of the tool's processes; MB are 10^6 bytes; pages/s "
              "is pages over the median wall.", ""]
    lines += ["## The bar", "", "| site | bar | measured | verdict |", "|---|---|---|---|"]
    lines += [f"| {site} | {bar} | {value} | {mark} |"
              for site, bar, value, mark in bar_rows(results)]
    lines += ["", "## Sites", ""]
    for result in results.values():
        lines += site_section(result)
    rows = scaling_rows(results)
    if len(rows) > 1:
        lines += scaling_section(rows)
    path.write_text("\n".join(lines), encoding="utf-8")
    return rows


def plot(rows, folder):
    """bench/scaling.dat for gnuplot, then bench/scaling.png drawn by bench/plot_scaling.gp."""
    data = folder / "scaling.dat"
    with open(data, "w", encoding="utf-8") as handle:
        handle.write("# pages distinct_urls govaudit_wall_s govaudit_peak_rss_mb\n")
        for pages, urls, wall, rss in rows:
            handle.write(f"{pages} {urls} {wall:.3f} {rss / MB:.1f}\n")
    ensure_program("gnuplot")
    subprocess.run(["gnuplot", "-e", f"datafile='{data}'; outfile='{folder / 'scaling.png'}'",
                    str(HERE / "plot_scaling.gp")], check=True)


# ---------------------------------------------------------------- main

def parse_args(argv):
    names = [site.name for site in SITES]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", default=",".join(names),
                        help=f"comma-separated subset of: {', '.join(names)} (default: all)")
    parser.add_argument("--runs", type=int, default=3,
                        help="rounds, i.e. runs per tool (default 3)")
    parser.add_argument("--govaudit", type=Path, default=HERE.parent / "build" / "govaudit",
                        help="the binary to measure (default build/govaudit)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/govbench-work"),
                        help="generated sites and tool outputs (default /tmp/govbench-work)")
    parser.add_argument("--report-dir", type=Path, default=HERE,
                        help="where RESULTS-perf.md, scaling.dat and scaling.png go "
                             "(default bench/)")
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared" / "bench",
                        help="the bench fixture (default ../shared/bench)")
    parser.add_argument("--port-base", type=int, default=8400,
                        help="site N is served on BASE + 10 N .. BASE + 10 N + 4 (default 8400)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="testing the runner: multiply every site's pages (at least 300)")
    args = parser.parse_args(argv)
    chosen = [name.strip() for name in args.sites.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in names]
    if unknown or not chosen:
        parser.error(f"--sites: unknown {', '.join(unknown) or 'empty list'}; "
                     f"known: {', '.join(names)}")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    args.sites = [site for site in SITES if site.name in chosen]
    args.govaudit = args.govaudit.resolve()
    if not os.access(args.govaudit, os.X_OK):
        parser.error(f"--govaudit: {args.govaudit} is not an executable (build it first)")
    return args


def main(argv=None):
    args = parse_args(argv)
    # SIGTERM ends the bench like Ctrl-C: the running tool is killed and the server stopped.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    for program in ["/usr/bin/time"] + sorted({PROGRAMS[tool] for site in args.sites
                                               for tool in site.tools + site.once
                                               if tool in PROGRAMS}):
        ensure_program(program)
    bench = Bench(args)
    results = {}
    try:
        for site in args.sites:
            results[site.name] = bench.run_site(site)
    except KeyboardInterrupt:
        log("interrupted: no report written")
        return 130
    except (BenchError, subprocess.CalledProcessError) as error:
        log(f"error: {error}")
        return 1
    args.report_dir.mkdir(parents=True, exist_ok=True)
    report = args.report_dir / "RESULTS-perf.md"
    rows = write_report(bench, results, report)
    if len(rows) > 1:
        plot(rows, args.report_dir)
    log(f"wrote {report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
