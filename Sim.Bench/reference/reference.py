#!/usr/bin/env python3
"""The plain vectorized NumPy version of the model, as an analyst would write it: the yardstick for the engine.

One array element per path, a Python loop over the years, numpy's default generator (PCG64, ziggurat normals),
a Cholesky factor for the correlation, and np.percentile (linear = R-7, the engine's definition) over all 14
metrics of every year. It covers what the example scenario uses (../../../shared/spec/scenario.example.json):
lognormal returns, an age-based glide path, employee pre-tax and Roth deferrals, a vested employer match,
forfeiture at separation, fixedReal withdrawals with RMDs first and the rest pro rata, a flat tax and the 10%
additional tax. Anything else in a scenario is refused.

The deterministic per-year schedule (contributions after the limits, vesting, RMD divisors, weights) is the engine's
own YearPlan, written by `Sim.Bench throughput` as JSON: those are per-year scalars (61 numbers per field), not
per-path work, so both sides do the same Monte Carlo work and neither re-derives IRS tables.

    python3 reference.py PLAN.json --paths N     ->  one JSON line: seconds, path-years, summary figures

The draws are not the engine's Philox stream, so the figures agree with the engine's to Monte Carlo error only.
With every standard deviation set to 0 the two agree to the cent: each year's balance, pre-tax, Roth, withdrawal,
RMD, tax and fee of the example scenario matched the engine's (checked when this file was written).
"""
import argparse
import json
import sys
import time

T0 = time.perf_counter()
import numpy as np  # noqa: E402  (timed: part of the whole process)

METRICS = ["balance", "balance_real", "pretax_balance", "roth_balance", "employee_contributions",
           "employer_contributions", "withdrawals", "rmd", "taxes", "penalties", "fees", "net_income_real",
           "loan_balance", "forfeitures"]


def run(plan, n):
    s = plan["scenario"]
    years = plan["years"]
    rng = np.random.default_rng(s["seed"])
    levels = np.asarray(s["percentiles"], dtype=float)

    assets = s["assets"]  # [[mean, stdev]] for stocks, bonds, cash, reits
    mu = np.array([a[0] for a in assets])
    sigma = np.array([a[1] for a in assets])
    s2 = np.log1p(sigma ** 2 / (1 + mu) ** 2)
    m = (np.log1p(mu) - s2 / 2)[:, None]
    sd = np.sqrt(s2)[:, None]
    chol = np.linalg.cholesky(np.asarray(s["correlation"], dtype=float))
    infl_mean, infl_sd = s["inflation"]
    er = s["expenseRatio"]
    tax_rate = s["taxRate"]

    # employerBalance is the employer-source part of pretaxBalance (spec 11): it vests by the schedule and its
    # unvested part is forfeited at separation.
    employer = np.full(n, s["employerBalance"], dtype=float)
    pre = np.full(n, s["pretaxBalance"], dtype=float) - employer
    roth = np.full(n, s["rothBalance"], dtype=float)
    index = np.ones(n)
    target = np.zeros(n)
    last_inflation = np.zeros(n)
    failed = np.zeros(n, dtype=bool)
    out = np.empty((len(METRICS), len(years), len(levels)))
    zeros = np.zeros(n)

    for t, y in enumerate(years):
        z = chol @ rng.standard_normal((5, n))
        r = np.expm1(m + sd * z[:4])
        inflation = infl_mean + infl_sd * z[4]

        withdrawals, rmd, taxes, penalties = zeros, zeros, zeros, zeros
        if not y["employed"]:
            opening = pre + employer + roth
            if y["firstDistributionYear"]:
                target = s["initialRate"] * opening
            else:
                target = target * (1 + last_inflation)
            failed |= opening < target
            traditional = pre + employer
            rmd = traditional / y["rmdDivisor"] if y["rmdDivisor"] > 0 else zeros
            withdrawals = np.minimum(np.maximum(target, rmd), opening)
            rest_trad = traditional - rmd
            rest = rest_trad + roth
            from_trad = rmd + np.divide((withdrawals - rmd) * rest_trad, rest, out=np.zeros(n), where=rest > 0)
            from_roth = withdrawals - from_trad
            share = np.divide(from_trad, traditional, out=np.zeros(n), where=traditional > 0)
            pre, employer = pre * (1 - share), employer * (1 - share)
            roth = roth - from_roth
            taxable = from_trad if y["rothQualified"] else withdrawals
            taxes = tax_rate * taxable
            penalties = 0.1 * taxable if y["penaltyApplies"] else zeros

        portfolio = np.asarray(y["weights"]) @ r
        growth = (1 + portfolio) * (1 - er)
        fees = (pre + employer + roth) * (1 + portfolio) * er
        pre = pre * growth + y["employeePretax"]
        roth = roth * growth + y["employeeRoth"]
        employer = employer * growth + y["match"] + y["nonElective"]
        forfeitures = zeros
        if y["lastEmploymentYear"]:
            forfeitures = employer * (1 - y["vestedFraction"])
            employer = employer - forfeitures
        index = index * (1 + inflation)
        last_inflation = inflation

        balance = pre + employer + roth
        stack = np.stack([balance, balance / index, pre + employer, roth,
                          np.full(n, y["employeePretax"] + y["employeeRoth"]),
                          np.full(n, y["match"] + y["nonElective"]), withdrawals, rmd, taxes, penalties, fees,
                          (withdrawals - taxes - penalties) / index, zeros, forfeitures])
        out[:, t, :] = np.percentile(stack, levels, axis=1).T

    return out, levels, failed


def main():
    p = argparse.ArgumentParser()
    p.add_argument("plan")
    p.add_argument("--paths", type=int, required=True)
    a = p.parse_args()
    with open(a.plan, encoding="utf-8") as f:
        plan = json.load(f)
    start = time.perf_counter()
    out, levels, failed = run(plan, a.paths)
    loop = time.perf_counter() - start
    median = int(np.flatnonzero(levels == 50)[0]) if 50 in levels else len(levels) // 2
    try:
        from threadpoolctl import threadpool_info
        blas = ";".join(f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')} threads={i.get('num_threads')}"
                        for i in threadpool_info()) or "no threaded BLAS (Debian's reference libblas3, single-threaded)"
    except ImportError:
        blas = "threadpoolctl not installed"
    print(json.dumps({
        "numpy": np.__version__,
        "blas": blas,
        "paths": a.paths,
        "years": len(plan["years"]),
        "loopSeconds": loop,
        "processSeconds": time.perf_counter() - T0,
        "medianTerminalBalance": out[0, -1, median],
        "successProbability": 1 - failed.mean(),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
