"""The establishment panel of the monthly bulletins, January 2012 – August 2014, cleaned and joined
to the estate file of 29 August 2014. Shared by Scripts/calibrate-history (which writes the derived
files of Data/history/ and Data/backtest/) and Scripts/backtest.

Cleaning, every rule said once here (Data/README.md repeats them):
- the bulletin of 2013-03-22 is incomplete (95 establishments): skipped;
- the bulletin of 2013-04-26 holds five fragments of names split by the parser ("Camp", "Hill" twice,
  "House", "Low") beside the full rows (North Sea Camp, Warren Hill, Rye Hill, Blantyre House, Low
  Newton) with identical figures: a row whose name is the last word(s) of another row of the same
  bulletin with the same four figures is dropped (1,495 people counted twice otherwise);
- blank cells (Downview, Northallerton, Verne on 2013-12-27: out of use) are 0;
- Everthorpe and Wolds, merged as Humber in April 2014, are summed into one row "Humber" before;
  pairs the bulletins of Jan–May 2012 gave separately (Grendon, Spring Hill; Hatfield, Moorland;
  Peterborough male and female; Prescoed, Usk) are summed into the later combined row.
"""
import csv
import math
import os
from collections import OrderedDict

SKIPPED_BULLETINS = {"2013-03-22": "incomplete: 95 establishments, 62,754 people"}
MERGED = {"Everthorpe": "Humber", "Wolds": "Humber",
          # Jan–May 2012 the bulletin gave these pairs one row each; later one combined row
          "Grendon": "Grendon / Springhill", "Spring Hill": "Grendon / Springhill",
          "Hatfield": "Moorland / Hatfield", "Moorland": "Moorland / Hatfield",
          "Peterborough (Female)": "Peterborough (Male & Female)",
          "Peterborough (Male)": "Peterborough (Male & Female)",
          "Prescoed": "Usk / Prescoed", "Usk": "Usk / Prescoed"}

# Rows of the bulletins that the estate file of August 2014 does not have: establishments closed in
# 2012–2013. Their function is a judgement (NOMS roles of 2012, ministerial statements of
# 10 Jan 2013 and 4 Sep 2013); they are reported as not joined.
CLOSED_BEFORE_2014 = {
    "Blundeston": ("male", "cat-c", "closed Dec 2013 (statement of 4 Sep 2013)"),
    "Bullwood Hall": ("male", "cat-c", "closed Mar 2013 (statement of 10 Jan 2013); a men's Cat C for foreign nationals"),
    "Canterbury": ("male", "cat-c", "closed Mar 2013; held foreign nationals (Cat C)"),
    "Dorchester": ("male", "local", "closed Dec 2013"),
    "Gloucester": ("male", "local", "closed Mar 2013"),
    "Kingston": ("male", "cat-b", "closed Mar 2013; lifers (Cat B)"),
    "Northallerton": ("male", "local", "closed Dec 2013"),
    "Reading": ("male", "yoi", "closed Dec 2013; young adults on remand"),
    "Shepton Mallet": ("male", "cat-c", "closed Mar 2013; lifers (Cat C)"),
    "Shrewsbury": ("male", "local", "closed Mar 2013"),
    "Wellingborough": ("male", "cat-c", "closed Dec 2012"),
    "Latchmere House": ("male", "cat-c", "closed Mar 2012; resettlement prison (Jan–Feb 2012 bulletins only)"),
    "Shepton Mallet / Erlestoke": ("male", "cat-c", "one row Jan–May 2012, then two; both Cat C"),
}
# Functions in the back-test years where the August 2014 role would mislead: Verne was a men's
# Cat C prison until it emptied in Sep–Oct 2013 (its 2014 rows are immigration detainees).
BACKTEST_FUNCTION = {"Verne": ("male", "cat-c", "men's Cat C until Oct 2013; detainees from Mar 2014 (left out of the observed series)")}


def repo_root():
    return os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def default_history_dir():
    return os.environ.get("ESTATE_HISTORY",
                          os.path.normpath(os.path.join(repo_root(), "..", "shared", "data", "history")))


def month_of(date):
    return date[:7]


def add_months(month, k):
    y, m = int(month[:4]), int(month[5:7])
    n = y * 12 + (m - 1) + k
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def months_between(a, b):
    return (int(b[:4]) * 12 + int(b[5:7])) - (int(a[:4]) * 12 + int(a[5:7]))


def load_panel(history_dir=None):
    """month -> OrderedDict(name -> dict(report_date, baseline_cna, in_use_cna, operational_capacity,
    population)), cleaned as the module docstring says; also the list of dropped rows."""
    path = os.path.join(history_dir or default_history_dir(), "establishments-monthly-2012-01-to-2014-08.csv")
    raw = OrderedDict()
    for r in csv.DictReader(open(path, newline="")):
        raw.setdefault(r["report_date"], []).append(r)
    panel, dropped = OrderedDict(), []
    for date, rows in raw.items():
        if date in SKIPPED_BULLETINS:
            dropped.extend((date, r["name"], "bulletin skipped: " + SKIPPED_BULLETINS[date]) for r in rows)
            continue
        figures = lambda r: tuple(r[k] for k in ("baseline_cna", "in_use_cna", "operational_capacity", "population"))
        names = [r["name"] for r in rows]
        month = OrderedDict()
        for r in rows:
            n = r["name"]
            if any(o != n and (o.endswith(" " + n) or o.startswith(n + " ")) and any(figures(q) == figures(r) for q in rows if q["name"] == o)
                   for o in names):
                dropped.append((date, n, "fragment of a longer name with the same figures"))
                continue
            target = MERGED.get(n, n)
            vals = {k: int(r[k]) if r[k] else 0 for k in ("baseline_cna", "in_use_cna", "operational_capacity", "population")}
            if target in month:
                for k in vals:
                    month[target][k] += vals[k]
            else:
                month[target] = dict(report_date=date, **vals)
        panel[month_of(date)] = month
    return panel, dropped


def load_estate(path=None):
    path = path or os.path.join(repo_root(), "Data", "estate-2014-08.csv")
    return OrderedDict((r["name"], r) for r in csv.DictReader(open(path, newline="")))


def join(name, estate, backtest=False):
    """(sex, function, sector, region, how) of a bulletin name: from the estate file of Aug 2014 when
    it has the name, else the judgement above; how = 'estate-2014-08' or 'not joined: …'."""
    if backtest and name in BACKTEST_FUNCTION:
        sex, function, why = BACKTEST_FUNCTION[name]
        e = estate[name]
        return sex, function, e["sector"], e["region"], "estate-2014-08 (function overridden: " + why + ")"
    if name in estate:
        e = estate[name]
        how = "estate-2014-08" if name != "Humber" else "estate-2014-08 (Everthorpe + Wolds before Apr 2014)"
        return e["sex"], e["function"], e["sector"], e["region"], how
    if name in CLOSED_BEFORE_2014:
        sex, function, why = CLOSED_BEFORE_2014[name]
        return sex, function, "public", "", "not joined: " + why
    return None


def crowded(population, in_use_cna, factor=2):
    return min(population, factor * max(0, population - in_use_cna))


def national(panel):
    """month -> national totals of the bulletin (prisons only) with crowded by the doubling rule."""
    out = OrderedDict()
    for month, rows in panel.items():
        t = dict(report_date=next(iter(rows.values()))["report_date"], establishments=len(rows),
                 baseline_cna=0, in_use_cna=0, operational_capacity=0, population=0, crowded=0)
        for r in rows.values():
            for k in ("baseline_cna", "in_use_cna", "operational_capacity", "population"):
                t[k] += r[k]
            t["crowded"] += crowded(r["population"], r["in_use_cna"])
        t["crowded_pct"] = 100.0 * t["crowded"] / t["population"]
        verne = rows.get("Verne")
        t["verne_detainees"] = verne["population"] if verne and month >= "2014-03" else 0
        out[month] = t
    return out


def read_series(history_dir, name, column):
    """The remand or recall series as month -> value."""
    path = os.path.join(history_dir or default_history_dir(), name)
    months = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6, "Jul": 7, "Aug": 8,
              "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12}
    out = OrderedDict()
    for r in csv.DictReader(open(path, newline="")):
        key = r.get("month") or r.get("date")
        parts = key.split("-")
        mon = months[parts[-2]] if len(parts) == 3 else months[parts[0]]
        yy = int(parts[-1])
        out[f"{2000 + yy:04d}-{mon:02d}"] = int(r[column])
    return out


# --- the band's calibration ---------------------------------------------------------------------
# The default model's central forecast is no change (zero mean trends), so its band at 12 months is
# sized to the error a no-change forecast made over the years known at the origin: the root mean
# square of the 30 June series' year-on-year changes (trends.csv, series "annual", rms_all). The
# demand driver's `level` (a persistent shift of every court-driven group's receptions from month 0,
# lognormal) carries what the groups' own spread does not: it is chosen by simulation so that the sd
# of the population at month 12 over the replications equals that error × the population at the
# start. Variances add (the level is independent of the rest), so two runs fix it: one without the
# level (sd0: the arrivals' and stays' randomness and the groups' own shocks) and one with a probe
# level p (sd1): level = p · √((target² − sd0²) / (sd1² − sd0²)).

LEVEL_PROBE = 0.05


def with_driver_level(toml_text, driver, sd):
    """The scenario text with the [[uncertainty]] block `driver` given `level = { sd = sd }`."""
    lines = toml_text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip() == f'id = "{driver}"'
                  and i > 0 and lines[i - 1].strip() == "[[uncertainty]]"), None)
    if start is None:
        raise ValueError(f'no [[uncertainty]] block with id = "{driver}"')
    end = start + 1
    while end < len(lines) and lines[end].strip() and not lines[end].startswith("["):
        end += 1
    block = [line for line in lines[start + 1:end] if not line.strip().startswith("level")]
    return "\n".join(lines[:start + 1] + [f"level = {{ sd = {sd:.5f} }}"] + block + lines[end:])


def population_sd_at(exe, scenario_path, month_index, replications, out_dir):
    """Runs the scenario and returns the sd over replications of the national population of its
    month `month_index` (0-based) and that month's mean."""
    import sqlite3
    import statistics
    import subprocess
    p = subprocess.run([exe, "run", scenario_path, "--replications", str(replications), "--out", out_dir,
                        "--force", "--quiet"], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"estate-sim failed on {scenario_path} (exit {p.returncode}):\n{p.stdout}{p.stderr}")
    db = sqlite3.connect(os.path.join(out_dir, "results.sqlite"))
    months = [m for (m,) in db.execute("SELECT DISTINCT month FROM replication_monthly ORDER BY month")]
    pops = [v for (v,) in db.execute("SELECT population FROM replication_monthly WHERE month = ?",
                                     (months[month_index],))]
    db.close()
    return statistics.stdev(pops), statistics.mean(pops)


def calibrate_level(exe, scenario_text, driver, relative_sd, folder, replications=200, month_index=11,
                    scenario_dir=None):
    """The level sd of `driver` that gives the population at month `month_index` (the 12th by
    default) an sd of `relative_sd` × its mean; with the two runs' sds, for the record. The runs
    go in `folder`, their scenarios in `scenario_dir` (default `folder`; where relative paths of
    the scenario resolve)."""
    sds = []
    for tag, level in (("without", 0.0), ("probe", LEVEL_PROBE)):
        path = os.path.join(scenario_dir or folder, f".calibration-{tag}-{os.getpid()}.toml")
        with open(path, "w") as f:
            f.write(with_driver_level(scenario_text, driver, level))
        try:
            sds.append(population_sd_at(exe, path, month_index, replications,
                                        os.path.join(folder, f"calibration-{tag}")))
        finally:
            os.remove(path)
    (sd0, mean0), (sd1, _) = sds
    target = relative_sd * mean0
    if sd1 <= sd0:
        raise RuntimeError(f"the probe level {LEVEL_PROBE} did not widen the band ({sd1:.0f} ≤ {sd0:.0f})")
    level = LEVEL_PROBE * math.sqrt(max(0.0, target ** 2 - sd0 ** 2) / (sd1 ** 2 - sd0 ** 2))
    return level, dict(target=target, without=sd0, probe=sd1)
