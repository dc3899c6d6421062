#!/usr/bin/env python3
"""Helper of Scripts/bench: the people count of the benchmark, and the results table with the
agreement check. Standard library only.

usage:
  bench_report.py people SCENARIO.toml
  bench_report.py report --dir DIR --rounds K --replications R --numpy-reps N1 N2 [--simpy]
     DIR (written by Scripts/bench): run/monthly.csv (EstateSim's output), simpy.out/.time with
     --simpy, and for each round i = 1..K r<i>/ with floor.out, floor.time, estate.time,
     numpy1.out, numpy2.out, numpy1.time, numpy2.time, numpy.wall; *.time = "%e %M" of /usr/bin/time.

The agreement check (exit 1 when it fails):
  EstateSim's mean population and crowded % at months 0, 59 and 119 (rows 0, 59, 119 of
  monthly.csv, in row order) against the numpy peer's, pooled over its processes. The peer prints
  means only, so its standard error is taken from EstateSim's sd over the peer's replication count:
      z = (a - b) / sqrt(se_a^2 + se_b^2 + r^2),
      se_a = sd / sqrt(R_estate), se_b = sd / sqrt(R_peer),
  with sd = EstateSim's population_sd (crowded_pct_sd for crowded %), and r^2 the variance of the
  peer's rounding (population to a whole number, crowded % to 2 decimals: a uniform error of half
  a unit, variance h^2/3, divided by the number of processes averaged). |z| < 5 passes.
"""
import csv, math, re, sys

MONTHS = [0, 59, 119]
Z_LIMIT = 5.0
# DESIGN.md §4 and issue 12: taus2 (the benchmark's generator) under 0.85× the floor, the same run
# on mt19937 within 1.25×, at least 5× ahead of the numpy peer, under 100 MB.
TARGET_FLOOR_RATIO = 0.85
TARGET_MT_FLOOR_RATIO = 1.25
TARGET_SPEEDUP = 5.0
TARGET_MEMORY_MB = 100.0


def people(path):
    """Per-replication people: the steady-state initial stock sum(λ·E[S]) plus months × sum(λ)."""
    import tomllib
    with open(path, "rb") as f:
        doc = tomllib.load(f)
    months = doc["scenario"]["months"]
    stock = receptions = 0.0
    for g in doc["group"]:
        lam = g["receptions"]["mean"]
        stock += g.get("initial", lam * g["stay"]["mean"])
        receptions += lam
    return round(stock + months * receptions)


def parse_peer(path):
    text = open(path).read()
    m = re.search(r"months \[([^\]]*)\] population \[([^\]]*)\] crowded% \[([^\]]*)\]", text)
    if not m:
        sys.exit(f"bench: cannot read the peer's output {path}:\n{text}")
    months, pop, crowd = ([float(x) for x in g.split(",")] for g in m.groups())
    if [int(x) for x in months] != MONTHS:
        sys.exit(f"bench: the peer reports months {months}, expected {MONTHS}")
    secs = re.search(r"seconds ([0-9.]+)", text)
    return pop, crowd, float(secs.group(1)) if secs else float("nan")


def parse_monthly(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    out = {}
    for t in MONTHS:
        r = rows[t]
        out[t] = {k: float(r[k]) for k in ("population_mean", "population_sd", "crowded_pct_mean", "crowded_pct_sd")}
        out[t]["label"] = r["month"]
    return out


def read_time(path):
    """(wall seconds, peak MB) from `/usr/bin/time -f "%e %M"` output (its last line)."""
    sec, kb = open(path).read().split()[-2:]
    return float(sec), float(kb) / 1024.0


def rule(*widths):
    """A markdown table's rule; a negative width is a right-aligned column of that width."""
    return "|" + "|".join(f" {'-' * w} " if w > 0 else f" {'-' * (-w - 1)}: " for w in widths) + "|"


def verdict(ok):
    return "PASS" if ok else "FAIL"


def report(argv):
    import argparse, os
    p = argparse.ArgumentParser(prog="bench_report.py report")
    p.add_argument("--dir", required=True, help="Scripts/bench's folder of measurements")
    p.add_argument("--rounds", type=int, required=True)
    p.add_argument("--replications", type=int, required=True)
    p.add_argument("--numpy-reps", nargs=2, type=int, required=True)
    p.add_argument("--simpy", action="store_true")
    a = p.parse_args(argv)
    R, d, K = a.replications, a.dir, a.rounds
    rounds = [os.path.join(d, f"r{i}") for i in range(1, K + 1)]

    def floor_round(r):
        text = open(os.path.join(r, "floor.out")).read()
        fm = re.search(r"floor_seconds ([0-9.]+)", text)
        if not fm:
            sys.exit(f"bench: cannot read the floor's output:\n{text}")
        return float(fm.group(1)), read_time(os.path.join(r, "floor.time"))[1]

    def numpy_round(r):
        wall = float(open(os.path.join(r, "numpy.wall")).read())
        mb = sum(read_time(os.path.join(r, f"numpy{j}.time"))[1] for j in (1, 2))
        return wall, mb

    floors = [floor_round(r) for r in rounds]
    estates = [read_time(os.path.join(r, "estate.time")) for r in rounds]
    numpys = [numpy_round(r) for r in rounds]
    peers = [parse_peer(os.path.join(rounds[0], f"numpy{j}.out")) for j in (1, 2)]
    reps = a.numpy_reps
    R_peer = sum(reps)
    peer_pop = [sum(n * pk[0][i] for n, pk in zip(reps, peers)) / R_peer for i in range(len(MONTHS))]
    peer_crowd = [sum(n * pk[1][i] for n, pk in zip(reps, peers)) / R_peer for i in range(len(MONTHS))]

    def best(xs):
        return min(x[0] for x in xs), max(x[0] for x in xs), max(x[1] for x in xs)

    floor_s, floor_hi, floor_mb = best(floors)
    est_s, est_hi, est_mb = best(estates)
    np_s, np_hi, np_mb = best(numpys)
    rows = [("EstateSim, estate-sim run --jobs 2 (taus2)", est_s, est_hi, est_mb)]
    mts = [read_time(os.path.join(r, "estate-mt.time")) for r in rounds if os.path.exists(os.path.join(r, "estate-mt.time"))]
    if mts:
        mt_s, mt_hi, mt_mb = best(mts)
        rows.append(("EstateSim, the same with mt19937", mt_s, mt_hi, mt_mb))
    rows += [("floor: GSL mt19937, 1 uniform a person, 2 threads", floor_s, floor_hi, floor_mb),
            (f"numpy peer: 2 processes of {reps[0]} + {reps[1]} at once", np_s, np_hi, np_mb)]
    simpy_note = None
    if a.simpy:
        sp_wall, sp_mb = read_time(os.path.join(d, "simpy.time"))
        _, _, sp_inner = parse_peer(os.path.join(d, "simpy.out"))
        sp_per_rep = sp_inner if sp_inner == sp_inner else sp_wall
        sp_est = sp_per_rep * R / 2  # two cores, one process each: R/2 replications each
        rows.append((f"SimPy peer: 1 replication ({sp_per_rep:.0f} s) × R/2 (2 cores)", sp_est, float("nan"), sp_mb))
        simpy_note = sp_est

    print()
    print(f"Benchmark: Models/benchmark.toml, {R} replications; best of {K} interleaved rounds (the machine is noisy)")
    print()
    print(f"| {'run':<56} | {'best s':>9} | {'worst s':>9} | {'peak MB':>8} | {'× floor':>8} | {'× EstateSim':>11} |")
    print(rule(56, -9, -9, -8, -8, -11))
    for name, s, hi, mb in rows:
        worst = "" if hi != hi else f"{hi:9.2f}"
        print(f"| {name:<56} | {s:9.2f} | {worst:>9} | {mb:8.1f} | {s / floor_s:8.2f} | {s / est_s:11.2f} |")
    print()
    print("Seconds: wall time, the best (and worst) of the rounds. The floor's is its own clock (draws")
    print("only); the numpy pair's runs from launch to both exits, with Python, scipy and its set-up")
    print(f"tables (its own clocks, round 1: {peers[0][2]:.1f} and {peers[1][2]:.1f} s, leave those out). Peak MB: max RSS by")
    print("/usr/bin/time, the largest of the rounds; for the numpy pair the sum of its two processes.")
    print()

    ratio = est_s / floor_s
    speedup = np_s / est_s
    targets = [(f"taus2 time within {TARGET_FLOOR_RATIO}× the floor: {ratio:.2f}×", ratio <= TARGET_FLOOR_RATIO)]
    if mts:
        targets.append((f"mt19937 time within {TARGET_MT_FLOOR_RATIO}× the floor: {mt_s / floor_s:.2f}×",
                        mt_s / floor_s <= TARGET_MT_FLOOR_RATIO))
    targets += [
        (f"speed-up over the numpy peer ≥ {TARGET_SPEEDUP:g}: {speedup:.1f}×", speedup >= TARGET_SPEEDUP),
        (f"peak memory < {TARGET_MEMORY_MB:g} MB: {est_mb:.1f} MB", est_mb < TARGET_MEMORY_MB),
    ]
    if simpy_note is not None:
        targets.append((f"ahead of the SimPy peer: {simpy_note / est_s:.0f}×", est_s < simpy_note))

    monthly = parse_monthly(os.path.join(d, "run", "monthly.csv"))
    print("Agreement with the numpy peer (means at months 0, 59, 119):")
    print("  z = (a - b) / sqrt(se_a² + se_b² + r²), se_a = sd/sqrt(R_estate), se_b = sd/sqrt(R_peer),")
    print("  sd = EstateSim's population_sd / crowded_pct_sd (the peer prints means only, so its sd is")
    print("  taken as EstateSim's); r² = the peer's rounding (population to 1, crowded % to 0.01);")
    print(f"  |z| < {Z_LIMIT:g} passes.")
    print()
    print(f"| {'month':<12} | {'figure':<12} | {'EstateSim':>11} | {'numpy peer':>11} | {'sd':>9} | {'z':>6} |")
    print(rule(12, 12, -11, -11, -9, -6))
    agree = True
    for i, t in enumerate(MONTHS):
        m = monthly[t]
        for fig, a_mean, sd, b_mean, half in (
                ("population", m["population_mean"], m["population_sd"], peer_pop[i], 0.5),
                ("crowded %", m["crowded_pct_mean"], m["crowded_pct_sd"], peer_crowd[i], 0.005)):
            rounding = half * half / 3 / len(peers)
            se = math.sqrt(sd * sd / R + sd * sd / R_peer + rounding)
            z = (a_mean - b_mean) / se if se > 0 else (0.0 if a_mean == b_mean else math.inf)
            ok = abs(z) < Z_LIMIT
            agree &= ok
            print(f"| {t:>3} {m['label']:<8} | {fig:<12} | {a_mean:11.3f} | {b_mean:11.3f} | {sd:9.3f} | {z:6.2f} |")
    print()
    targets.append(("agreement with the numpy peer, all |z| < 5", agree))
    for text, ok in targets:
        print(f"{verdict(ok)}  {text}")
    print()
    if not agree:
        print("bench: FAIL: EstateSim's means disagree with the numpy peer's beyond sampling error", file=sys.stderr)
        return 1
    return 0


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "people":
        print(people(sys.argv[2]))
        return 0
    if len(sys.argv) >= 2 and sys.argv[1] == "report":
        return report(sys.argv[2:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
