"""Benchmark the models of lessons 04-08 as a panel callback would call them.

Each "callback" is what one slider move recomputes (the model only; figures
and widgets come on top). Target: p95 <= 30 ms, the ladder Monte Carlo of
5,000 runs x 24 periods included. Also records, for the closing note, each
model's result under the K, P and neutral presets side by side.

    .venv/bin/python benchmarks/bench_models.py            # writes benchmarks/MODELS.md
    .venv/bin/python benchmarks/bench_models.py --repeats 50 --no-write

Wall-clock times (time.perf_counter), after one warm-up call; the load
average is recorded because other processes slow every figure alike.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from natodebate.models import bargaining, credibility, escalation, forecasts, hypotheses  # noqa: E402

TARGET_MS = 30.0


def callbacks() -> dict:
    """name -> (what it computes, function of the step number)."""
    ach = hypotheses.preset("neutral")
    ranges = escalation.preset("neutral", "monte_carlo")["ranges"]
    rng = np.random.default_rng(0)
    probabilities = rng.random(50)
    outcomes = rng.random(50) < probabilities

    def ladder(step):
        return escalation.ladder(0.6 + 0.4 * (step % 10) / 10, 1.73, 0.01)

    def ladder_figure(step):
        return escalation.ladder_simulation(0.6 + 0.4 * (step % 10) / 10, 1.73, 0.01)

    def ladder_widgets(step, panel=[]):  # noqa: B006 - the panel is built once, on the warm-up call
        # Lesson 06's ladder panel: an LR slider reruns the Monte Carlo as a
        # response_risk_curve (every response risk at once) with its flip
        # points, then redraws figure and readout. 40 values in turn: the
        # panel keeps the last 8 runs, so every move here is a new run.
        if not panel:
            from natodebate.panels.escalation import LadderPanel

            panel.append(LadderPanel("neutral"))
        panel[0].sliders["lr_quiet"].value = round(10 ** (-0.4 + 0.01 * (step % 40)), 4)
        return panel[0].risks

    def uncertain(step):
        moved = {**ranges, "loss": (5 + step % 5, 50)}
        return escalation.monte_carlo(moved).p_positive, escalation.tornado(moved)

    def decision(step):
        pi = np.linspace(0, 0.3, 301)
        return escalation.utility_difference(pi, 0.03, 10, 0.3, 0.1 + 0.01 * (step % 10)), escalation.decide(0.08, 0.03, 0.3, 10)

    def credibility_panel(step):
        n = np.arange(0, 11)
        return credibility.posterior(0.6, 0.5 + 0.04 * (step % 10), 0.95, n=n, linkage=0.8), credibility.assess(0.6, 0.6, 0.9, n=3)

    def credibility_widgets(step, panel=[]):  # noqa: B006 - the panel is built once, on the warm-up call
        # Lesson 04's panel does more than the model: belief_curve (with the
        # flip points), the figure update and the readout, as one slider move.
        if not panel:
            from natodebate.panels.credibility import CredibilityPanel

            panel.append(CredibilityPanel("neutral"))
        panel[0].sliders["p_restraint_if_resolute"].value = 0.3 + 0.025 * (step % 20)
        return panel[0].curve

    def bargaining_widgets(step, panel=[]):  # noqa: B006 - the panel is built once, on the warm-up call
        # Lesson 05's panel: range_curve (range, demand, offer, verdicts, q*),
        # the figure update and the readout, as one slider move.
        if not panel:
            from natodebate.panels.bargaining import BargainingPanel

            panel.append(BargainingPanel("neutral"))
        panel[0].sliders["p_intervention"].value = round(0.02 + 0.01 * (step % 20), 2)
        return panel[0].curve

    def bargaining_panel(step):
        table = bargaining.range_table(0.6, 0.1, 0.1, 0.15, q=np.linspace(0, 1, 101))
        return table, bargaining.threat_effect(0.6, 0.1 + 0.01 * (step % 10), 0.1, 0.15, 0.05, 0.6)

    def ach_panel(step):
        matrix = ach["matrix"].copy()
        matrix.iloc[step % 7, step % 4] = hypotheses.RATINGS[step % 5]
        arguments = {**ach, "matrix": matrix}
        return [hypotheses.scores(**arguments, rule=rule) for rule in hypotheses.RULES], hypotheses.flip_finder(**arguments)

    def ach_widgets(step, panel=[]):  # noqa: B006 - the panel is built once, on the warm-up call
        # Lesson 07's panel does more than the model: assess (every rule's
        # leaders, the flip finder, diagnosticity), the figure update, the
        # reasons under the sliders and the readout, as one rating change.
        if not panel:
            from natodebate.panels.hypotheses import CompetingHypothesesPanel

            panel.append(CompetingHypothesesPanel("neutral"))
        panel[0].rating_sliders[("D1", "H3")].value = ("II", "I", "N", "C", "CC")[step % 5]
        return panel[0].assessment

    def forecast_widgets(step, panel=[]):  # noqa: B006 - the panel is built once, on the warm-up call
        # Lesson 08's panel: the readings applied to both articles, their
        # scores and the coin-flip thresholds, the figure update and the
        # readout, as one slider move.
        if not panel:
            from natodebate.panels.forecasts import HedgeReadingPanel

            panel.append(HedgeReadingPanel("neutral"))
        panel[0].sliders["appear to"].value = round(0.5 + 0.01 * (step % 30), 2)
        return panel[0].assessment

    def forecast_panel(step):
        f = np.clip(probabilities + 0.01 * (step % 10), 0, 1)
        return forecasts.brier_score(f, outcomes), forecasts.calibration_table(f, outcomes), forecasts.murphy_decomposition(f, outcomes)

    return {
        "ladder: P(nuclear use), 4 policies x 5,000 runs x 24 periods": ladder,
        "ladder with details (cumulative risk, final rungs, counts)": ladder_figure,
        "ladder panel (lesson 06): an LR slider, Monte Carlo + figure + readout": ladder_widgets,
        "uncertain inputs: Monte Carlo 5,000 samples + tornado": uncertain,
        "decision tree: EU_I - EU_R over 301 values of pi_I + verdict": decision,
        "credibility: posterior for n = 0..10 + verdict": credibility_panel,
        "credibility panel (lesson 04): one slider move, model + figure + readout": credibility_widgets,
        "bargaining: range for 101 values of q + threat effect": bargaining_panel,
        "bargaining panel (lesson 05): one slider move, model + figure + readout": bargaining_widgets,
        "ACH: 5 rules + flip finder, one cell changed": ach_panel,
        "ACH panel (lesson 07): one rating changed, model + figure + readout": ach_widgets,
        "forecasts: Brier, calibration table, Murphy decomposition (50 forecasts)": forecast_panel,
        "forecast panel (lesson 08): one hedge read differently, model + figure + readout": forecast_widgets,
    }


def measure(function, repeats: int) -> np.ndarray:
    function(0)  # warm-up
    times = np.empty(repeats)
    for step in range(repeats):
        started = time.perf_counter()
        function(step + 1)
        times[step] = time.perf_counter() - started
    return times * 1000


def preset_table() -> pd.DataFrame:
    """Each model's verdict under the K, P and neutral presets, side by side."""
    cred = credibility.preset_results()
    barg = bargaining.preset_results()
    esc = escalation.preset_results()
    ach = hypotheses.preset_results()
    fc = forecasts.preset_results()
    rows = []

    def row(model, quantity, values, fmt="{:.3f}"):
        cells = {p: (fmt.format(v) if not isinstance(v, str) else v) for p, v in values.items()}
        rows.append({"model": model, "result": quantity, **cells})

    row("04 credibility", "P(resolute) after 3 restraints (θ = 0.2)", cred["posterior"])
    row("04 credibility", "Russia probes", {p: "yes" if v else "no" for p, v in cred["probes"].items()})
    def interval(p, low, high):
        return f"[{barg.loc[p, low]:.3f}, {barg.loc[p, high]:.3f}]"

    row("05 bargaining", "range under restraint (q = 0.05)", {p: interval(p, "low", "high") for p in barg.index})
    row("05 bargaining", "range under a credible threat (q = 0.6)", {p: interval(p, "low_threat", "high_threat") for p in barg.index})
    row("05 bargaining", "shift of the range's midpoint", barg["shift"])
    row("05 bargaining", "war by mutual optimism", {p: "yes" if v else "no" for p, v in barg["war"].items()})
    row("06 decision tree", "threshold Δπ* vs Δπ", {p: f"{esc.loc[p, 'threshold']:.3f} vs {esc.loc[p, 'delta_p']:.4f}" for p in esc.index})
    row("06 decision tree", "verdict", {p: "intervene" if v else "restrain" for p, v in esc["intervene"].items()})
    row("06 uncertain inputs", "P(intervention preferred)", esc["P(intervention preferred)"])
    for label in ("respond from rung 1", "respond from rung 2", "respond from rung 3", "never respond"):
        row("06 ladder", f"P(nuclear use), {label}", esc[label])
    row("06 ladder", "safest policy", esc["safest policy"])
    for rule in ("heuer", "open_source_ach", "parc", "bayes"):
        part = ach.xs(rule, level="rule")
        row("07 ACH", f"leader(s), {rule}", part["leaders"])
        row("07 ACH", f"H1 margin, {rule}", part["H1 margin"])
    row("08 forecasts", "resolved forecasts", {p: f"{int(v)}" for p, v in fc["resolved"].items()})
    row("08 forecasts", "Brier score", {p: "—" if np.isnan(v) else f"{v:.3f}" for p, v in fc["brier"].items()})
    return pd.DataFrame(rows)[["model", "result", "K", "P", "neutral"]]


def markdown(table: pd.DataFrame) -> str:
    lines = ["| " + " | ".join(table.columns) + " |", "|" + "|".join("---" for _ in table.columns) + "|"]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in table.itertuples(index=False)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--no-write", action="store_true", help="print only; do not write benchmarks/MODELS.md")
    args = parser.parse_args()
    load_before = os.getloadavg()
    rows = []
    for name, function in callbacks().items():
        times = measure(function, args.repeats)
        p95 = float(np.percentile(times, 95))
        rows.append(
            {
                "callback": name, "median (ms)": f"{np.median(times):.1f}", "p95 (ms)": f"{p95:.1f}",
                "max (ms)": f"{times.max():.1f}", "target": "pass" if p95 <= TARGET_MS else "FAIL",
            }
        )
        print(rows[-1])
    load_after = os.getloadavg()
    timings = pd.DataFrame(rows)
    presets = preset_table()
    text = "\n".join(
        [
            "# Benchmark of the models of lessons 04-08",
            "",
            "Written by `benchmarks/bench_models.py`; do not edit by hand.",
            "",
            f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            f"- Machine: {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}",
            f"- Load average (1/5/15 min) before: {' / '.join(f'{v:.2f}' for v in load_before)}; "
            f"after: {' / '.join(f'{v:.2f}' for v in load_after)} (other processes slow every figure alike)",
            f"- {args.repeats} calls per callback after one warm-up, wall clock; target p95 <= {TARGET_MS:.0f} ms",
            "",
            markdown(timings),
            "",
            "## Each model under the K, P and neutral presets",
            "",
            "Presets from `data/model_presets.csv` (ACH: `data/ach_ratings.csv`; forecasts: K and P score their",
            "resolved propositions, neutral the resolved published forecasts). Ladder: seed 0, 5,000 runs x 24 periods.",
            "",
            markdown(presets),
            "",
        ]
    )
    print(text)
    if not args.no_write:
        (Path(__file__).parent / "MODELS.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
