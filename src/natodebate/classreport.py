"""The class report: read a folder of the assumptions files students
exported in lesson 09 and show the class's assumptions, where the class
agrees and disagrees most, and the share of the class each article's
reader persuades.

A file that cannot be used is listed with the reason and skipped, never
fatal: not JSON or a value the course does not allow (``invalid``), JSON of
another kind or course (``foreign``), a second file of a student already
read (``duplicate``: the latest export is kept). A file of an older schema
version is read (migrated).

Command line (the Makefile's ``make class-report ASSUMPTIONS=dir`` and
``natodebate class-report`` call :func:`main`)::

    python -m natodebate.classreport DIR [--csv FILE] [--top N]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import assumptions as store
from .models import verdict as model

__all__ = ["ClassData", "read_class", "class_positions", "assumption_summary", "agreement", "persuasion", "report_text", "main"]


@dataclass
class ClassData:
    """What :func:`read_class` found: ``students`` (one row per student read:
    ``file``, ``student``, ``exported``, ``saved`` — how many of the ten
    sections they saved), ``values`` and ``sources`` (student → the
    values and sources of :func:`natodebate.models.verdict.values_from_sections`),
    ``verdicts`` (student → :func:`~natodebate.models.verdict.verdicts`) and
    ``skipped`` (``file``, ``problem`` — invalid, foreign or duplicate —
    and ``reason``)."""

    folder: Path
    students: pd.DataFrame
    values: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)
    verdicts: dict = field(default_factory=dict)
    skipped: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["file", "problem", "reason"]))


def read_class(folder) -> ClassData:
    """Read every ``*.json`` file in ``folder`` (not its subfolders)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"folder={str(folder)!r}: expected a folder of exported assumptions files (assumptions_<name>.json)")
    found: dict[str, tuple[Path, dict]] = {}
    seen_content: dict[str, str] = {}
    skipped = []
    for path in sorted(folder.glob("*.json")):
        raw = path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if digest in seen_content:
            skipped.append({"file": path.name, "problem": "duplicate", "reason": f"the same content as {seen_content[digest]}"})
            continue
        seen_content[digest] = path.name
        try:
            document = store.parse(raw.decode("utf-8"), path)
        except UnicodeDecodeError as error:
            skipped.append({"file": path.name, "problem": "invalid", "reason": f"{path.name}: not UTF-8 text ({error.reason})"})
            continue
        except store.ForeignFileError as error:
            skipped.append({"file": path.name, "problem": "foreign", "reason": str(error)})
            continue
        except store.AssumptionsError as error:
            skipped.append({"file": path.name, "problem": "invalid", "reason": str(error)})
            continue
        student = document.get("student")
        if not student:
            skipped.append({"file": path.name, "problem": "invalid",
                            "reason": f"{path.name}: no \"student\" field: a working file, not an export (export it in lesson 09)"})
            continue
        key = " ".join(student.casefold().split())
        if key in found:
            earlier_path, earlier = found[key]
            keep_new = document.get("exported", "") > earlier.get("exported", "")
            dropped, kept = (earlier_path, path) if keep_new else (path, earlier_path)
            skipped.append({"file": dropped.name, "problem": "duplicate",
                            "reason": f"student {student!r} also handed in {kept.name}, exported later: that one is used"})
            if not keep_new:
                continue
        found[key] = (path, document)
    rows, data = [], ClassData(folder=folder, students=pd.DataFrame())
    for path, document in sorted(found.values(), key=lambda item: item[0].name):
        student = document["student"]
        values, sources = model.values_from_sections(document["sections"])
        data.values[student], data.sources[student] = values, sources
        data.verdicts[student] = model.verdicts(values)
        rows.append({"file": path.name, "student": student, "exported": document.get("exported", "—"),
                     "saved": len(document["sections"]), "overall": model.overall(data.verdicts[student])})
    data.students = pd.DataFrame(rows, columns=["file", "student", "exported", "saved", "overall"])
    data.skipped = pd.DataFrame(skipped, columns=["file", "problem", "reason"])
    return data


def class_positions(data: ClassData, claims: bool = False) -> pd.DataFrame:
    """One row per (student, assumption) the student saved (a lesson a
    student saved nothing in is left out, not counted as the neutral
    preset): ``student``, ``key``, ``label``, ``lesson``, ``value``,
    ``position`` (0 = Kagan's reader's preset, 1 = Petrovics's) and
    ``nearer``. Only assumptions on which the two presets differ;
    claim weights only with ``claims``."""
    table = model.assumption_table()
    wanted = table[(table["K"] != table["P"]) & (table["scale"] != "choice")]
    if not claims:
        wanted = wanted[~wanted["section"].str.startswith("weighting_")]
    rows = []
    for student, values in data.values.items():
        saved = {s for s, how in data.sources[student].items() if how == "saved"}
        for key, row in wanted.iterrows():
            if row["section"] not in saved:
                continue
            value = values[row["section"]][row["name"]]
            name = row["name"].replace("/", "×") if row["section"] == "hypotheses" else row["name"]
            rows.append({"student": student, "key": key, "label": f"{row['lesson']} {model._SHORT.get(name, name)}", "lesson": row["lesson"],
                         "value": value, "position": model.position(value, row["K"], row["P"], row["scale"]) + 0.0,
                         "nearer": model.side(value, row["K"], row["P"], row["scale"])})
    result = pd.DataFrame(rows, columns=["student", "key", "label", "lesson", "value", "position", "nearer"])
    order = {key: i for i, key in enumerate(wanted.index)}  # lesson order, whoever saved first
    return result.sort_values("key", key=lambda keys: keys.map(order), kind="stable").reset_index(drop=True)


def assumption_summary(data: ClassData, claims: bool = False) -> pd.DataFrame:
    """Per assumption (index ``key``): ``lesson``, ``label``, ``students``
    (how many saved it), the ``K's preset`` and ``P's preset``, the class's
    ``median`` value, ``nearer K`` / ``between`` / ``nearer P`` (shares of
    those students), ``agreement`` (the largest of those three shares) and
    ``spread`` (the interquartile range of the positions, 0 = all alike,
    1 = as far apart as the two presets). Sorted by agreement, highest first."""
    positions = class_positions(data, claims)
    table = model.assumption_table()
    rows = []
    for key, part in positions.groupby("key", sort=False):
        shares = part["nearer"].value_counts(normalize=True)
        row = table.loc[key]
        numeric = part["value"] if row["scale"] != "ordinal" else part["position"]
        q1, q3 = part["position"].quantile([0.25, 0.75])
        rows.append({
            "key": key, "lesson": row["lesson"], "label": part["label"].iloc[0], "students": len(part),
            "K's preset": model._shown(row["K"]), "P's preset": model._shown(row["P"]),
            "median": model._shown(float(numeric.median())) if row["scale"] != "ordinal" else f"position {numeric.median():.2f}",
            "nearer K": float(shares.get("K", 0.0)), "between": float(shares.get("between", 0.0)), "nearer P": float(shares.get("P", 0.0)),
            "spread": float(q3 - q1),
        })
    summary = pd.DataFrame(rows, columns=["key", "lesson", "label", "students", "K's preset", "P's preset", "median",
                                          "nearer K", "between", "nearer P", "spread"])
    summary["agreement"] = summary[["nearer K", "between", "nearer P"]].max(axis=1)
    return summary.sort_values(["agreement", "spread"], ascending=[False, True], kind="stable").set_index("key")


def agreement(data: ClassData, top: int = 5) -> dict[str, pd.DataFrame]:
    """``{"agrees": …, "disagrees": …}``: the ``top`` assumptions where the
    largest share of the class stands on one side (nearer the same preset),
    and the ``top`` where the class is most evenly split (ties broken by
    the spread of positions)."""
    summary = assumption_summary(data)
    disputed = summary.sort_values(["agreement", "spread"], ascending=[True, False], kind="stable")
    return {"agrees": summary.head(top), "disagrees": disputed.head(top)}


def persuasion(data: ClassData) -> pd.DataFrame:
    """The share of the class (0–1) that sides with Kagan's reader (``K``),
    neither, or Petrovics's reader (``P``) on each question (rows, by
    lesson and question) and overall (the last row)."""
    if not data.verdicts:
        return pd.DataFrame(columns=["K", "neither", "P"])
    frame = pd.DataFrame({student: table["verdict"] for student, table in data.verdicts.items()})
    labels = {q: f"{lesson} {words}" for q, (lesson, words, _) in model.QUESTIONS.items()}
    rows = {}
    for question, verdicts in frame.iterrows():
        counts = verdicts.value_counts(normalize=True)
        rows[labels[question]] = {side: float(counts.get(side, 0.0)) for side in ("K", "neither", "P")}
    overall = data.students["overall"].value_counts(normalize=True)
    rows["overall (more questions)"] = {side: float(overall.get(side, 0.0)) for side in ("K", "neither", "P")}
    return pd.DataFrame.from_dict(rows, orient="index")


def report_text(data: ClassData, top: int = 5) -> str:
    """The report as plain text (what the command line prints)."""
    lines = [f"Class report for {data.folder}: {len(data.students)} students read, {len(data.skipped)} files skipped."]
    for row in data.skipped.itertuples():
        lines.append(f"  skipped {row.file} ({row.problem}): {row.reason}")
    if data.students.empty:
        lines.append("No usable file: nothing to report.")
        return "\n".join(lines)
    shares = persuasion(data)
    lines.append("\nShare of the class siding with Kagan's reader / neither / Petrovics's reader:")
    for label, row in shares.iterrows():
        lines.append(f"  {label[:60]:<60} K {row['K']:4.0%}  neither {row['neither']:4.0%}  P {row['P']:4.0%}")
    found = agreement(data, top)
    for title, key in (("Where the class agrees most", "agrees"), ("Where the class disagrees most", "disagrees")):
        lines.append(f"\n{title} (share nearer K / between / nearer P; spread of positions):")
        for _, row in found[key].iterrows():
            k_value, p_value = row["K's preset"], row["P's preset"]
            lines.append(f"  {row['label']:<28} {row['nearer K']:4.0%} / {row['between']:4.0%} / {row['nearer P']:4.0%}  "
                         f"spread {row['spread']:.2f}  ({row['students']} students; K {k_value}, P {p_value}, median {row['median']})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m natodebate.classreport DIR [--csv FILE] [--top N]``:
    print the class report of the exports in DIR; ``--csv`` also writes the
    per-assumption summary. Returns 0 when at least one file was read, 1
    when none could be, 2 for a folder that does not exist."""
    parser = argparse.ArgumentParser(prog="python -m natodebate.classreport", description=__doc__.splitlines()[0])
    parser.add_argument("folder", help="the folder of exported assumptions files (assumptions_<name>.json)")
    parser.add_argument("--csv", type=Path, help="also write the per-assumption summary to this CSV file")
    parser.add_argument("--top", type=int, default=5, help="how many assumptions to list as most agreed and most disputed (default 5)")
    args = parser.parse_args(argv)
    try:
        data = read_class(args.folder)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    print(report_text(data, args.top))
    if args.csv and not data.students.empty:
        assumption_summary(data).to_csv(args.csv)
        print(f"\nper-assumption summary written to {args.csv}")
    return 0 if not data.students.empty else 1


if __name__ == "__main__":
    sys.exit(main())
