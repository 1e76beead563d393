"""Write a SYNTHETIC demo class: about 30 exported assumptions files of
invented students, for the instructor's class comparison notebook and the
tests. Nothing in it comes from real students.

    .venv/bin/python tools/make_demo_class.py [FOLDER] [--students 30] [--seed 9]

Default folder: notebooks/instructor/demo_class. Each invented student has
a "lean" between Kagan's reader's presets (0) and Petrovics's reader's (1),
drawn from a Beta(2, 2) distribution, and sets every assumption near it with
some noise (seeded: the same files every time). About one lesson in ten is
left unsaved. Four more files show what the report skips or migrates: a
file that is not JSON, a file of another course, a second (earlier) export
of student 07, and student 30's file in the older schema version 1.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np

from natodebate import assumptions as store
from natodebate.models import verdict as model

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT / "notebooks" / "instructor" / "demo_class"
LABEL = "(synthetic demo data)"
_RATINGS = ("II", "I", "N", "C", "CC")


def _between(rng, k, p, lean: float, scale: str, low: float, high: float, step: float):
    """A value near ``lean`` of the way from ``k`` to ``p`` (on the log scale for log sliders), on the slider's grid."""
    t = float(np.clip(lean + rng.normal(0, 0.2), -0.2, 1.2))
    if scale == "log":
        value = 10 ** (math.log10(k) + t * (math.log10(p) - math.log10(k)))
        return float(np.clip(float(f"{value:.3g}"), low, high))
    value = k + t * (p - k) if k != p else k + rng.normal(0, 0.05) * (high - low)
    return float(np.clip(round(round(value / step) * step, 6), low, high))


def student_sections(rng, lean: float) -> dict:
    """The sections one invented student saves."""
    k_values, p_values = model.reader_values("K"), model.reader_values("P")
    table = model.assumption_table()
    ranges = store._RANGES
    sections: dict[str, dict] = {}
    sections["crux"] = {"answer": _between(rng, 1.0, 0.0, lean, "linear", 0, 1, 0.05)}
    base = "K" if lean < 0.33 else ("P" if lean > 0.67 else "neutral")
    weighting_base = {"K": "persuaded_by_K", "P": "persuaded_by_P", "neutral": "neutral"}[base]
    for article in ("K", "P"):
        section = f"weighting_{article}"
        ids = [name.split(".")[1] for name in k_values[section] if name.startswith("credence.")]
        chosen = rng.choice(ids, size=4, replace=False)
        credence = {str(i): _between(rng, k_values[section][f"credence.{i}"], p_values[section][f"credence.{i}"], lean, "linear", 0, 1, 0.05)
                    for i in chosen}
        sections[section] = {"preset": weighting_base, "credence": credence, "importance": {}}
    sections["fair_rounding"] = {"tolerance_pct": float(rng.choice([5.0, 10.0, 10.0, 15.0])),
                                 "vintage": str(rng.choice(["first_published", "latest_revision"]))}
    for section in ("credibility", "bargaining", "decision", "ladder"):
        values = {}
        for name, (low, high, whole) in ranges[section].items():
            scale = table.at[f"{section}.{name}", "scale"]
            step = 1 if whole else (0.01 if scale == "log" else 0.05)
            value = _between(rng, k_values[section][name], p_values[section][name], lean, scale, low, high, step)
            values[name] = int(value) if whole else value
        sections[section] = {"preset": None, "values": values}
    sections["ladder"]["policy"] = "never" if lean > 0.5 else 1
    ratings = {}
    for cell in ("D1/H1", "D1/H3", "D3/H4"):
        k, p = _RATINGS.index(k_values["hypotheses"][cell]), _RATINGS.index(p_values["hypotheses"][cell])
        ratings[cell] = _RATINGS[int(np.clip(round(k + (lean + rng.normal(0, 0.2)) * (p - k)), 0, 4))]
    sections["hypotheses"] = {"preset": base, "rule": str(rng.choice(["heuer", "heuer", "bayes", "parc"])), "ratings": ratings}
    readings = {term: _between(rng, k_values["hedges"][term], p_values["hedges"][term], lean, "linear", 0, 1, 0.01)
                for term in k_values["hedges"]}
    sections["hedges"] = {"preset": None, "readings": readings, "suppose_K37": None}
    # About one lesson in ten left unsaved (the report leaves it out of that assumption's distribution).
    for name in list(sections):
        if rng.random() < 0.1:
            del sections[name]
    return sections


def make_demo_class(folder: Path, students: int = 30, seed: int = 9) -> list[Path]:
    """Write the demo class into ``folder`` (created; its old ``*.json`` removed) and return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.json"):
        old.unlink()
    rng = np.random.default_rng(seed)
    written = []
    for number in range(1, students + 1):
        lean = float(rng.beta(2, 2))
        document = {
            "schema_version": store.SCHEMA_VERSION, "course": store.COURSE_ID,
            "saved": f"2026-03-02T09:{number:02d}:00Z", "student": f"Synthetic student {number:02d} {LABEL}",
            "exported": f"2026-03-02T10:{number:02d}:00Z", "sections": student_sections(rng, lean),
        }
        path = folder / f"synthetic_student_{number:02d}.json"
        if number == students:  # the last one in the older layout (schema version 1), which the report migrates
            sections = document.pop("sections")
            for name in ("weighting_K", "weighting_P"):
                if name in sections:
                    section = sections[name]
                    importance = model.reader_values({"persuaded_by_K": "K", "persuaded_by_P": "P"}.get(section["preset"], "neutral"))[name]
                    section["weights"] = {i: [c, importance[f"importance.{i}"]] for i, c in section.pop("credence").items()}
                    section.pop("importance")
            document.update(schema_version=1, panels=sections)
            path.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
            store.read(path)  # it must read back
        else:
            store.write(document, path)
        written.append(path)
    # What the report skips: a second, earlier export of student 07 (duplicate), not JSON, another course's file.
    again = json.loads((folder / "synthetic_student_07.json").read_text(encoding="utf-8"))
    again["exported"] = "2026-03-01T16:00:00Z"
    again["sections"].pop("crux", None)
    store.write(again, folder / "synthetic_student_07_earlier.json")
    (folder / "synthetic_not_json.json").write_text('{"schema_version": 2, "course": "restraint-or-resolve", "sections": {\n', encoding="utf-8")
    (folder / "synthetic_other_course.json").write_text(json.dumps({"course": "another-course", "schema_version": 1, "answers": {}}) + "\n",
                                                        encoding="utf-8")
    written += [folder / name for name in ("synthetic_student_07_earlier.json", "synthetic_not_json.json", "synthetic_other_course.json")]
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args(argv)
    files = make_demo_class(args.folder, args.students, args.seed)
    print(f"{args.folder}: {len(files)} synthetic files ({args.students} students, seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
