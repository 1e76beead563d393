"""Layer 1 — load and validate the course tables in ``data/``.

Every table is described in ``data/datapackage.json`` (a Frictionless Data
Package). :func:`load_table` checks a table before handing it out, so that a
malformed file stops with a :class:`DataError` naming the file, the row, the
column, the value found and the values allowed, instead of a traceback from
deep inside pandas or a silently wrong number:

* the file must be text in its declared encoding (UTF-8 for every table);
* its header must name the schema's columns, in the schema's order;
* every value must match its field (type, required, allowed values, range,
  pattern, unique and foreign keys): Frictionless validates that;
* every value the schema accepts is read as what it means (a boolean written
  ``TRUE`` or ``1`` by a spreadsheet is ``True``), and a required column is
  never left empty.

Validation runs once per version of a file: a receipt named after the hash of
the exact bytes (and of this module) goes into a cache folder, so a lesson
that loads unchanged tables does not import Frictionless (~40 MB) every time.

Where the data is: :func:`data_folder` (``$NATODEBATE_DATA``, else the
checkout this library runs from, else ``data/`` in or beside the current
folder).

The article texts themselves are not part of the repository (they are
copyrighted). :func:`article_paragraphs` reads them from ``shared/articles``
(or ``$NATODEBATE_ARTICLES``) for the tests that verify quotations.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "DataError",
    "data_folder",
    "load_table",
    "table_version",
    "table_names",
    "claims",
    "articles",
    "presets",
    "articles_dir",
    "article_paragraphs",
    "normalise_text",
]

#: The ``name`` in the course's ``datapackage.json``: how a ``data/`` folder
#: found beside the current folder is recognised as the course's.
PACKAGE_NAME = "restraint-or-resolve"

#: What a boolean field accepts when its schema names no ``trueValues`` /
#: ``falseValues``: the Frictionless defaults (a test keeps them in step).
TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")

#: How many problems a failed validation lists before it counts the rest.
SHOWN_ERRORS = 5


class DataError(ValueError):
    """A course table is malformed or missing. The message names the file,
    the row and column, the value found and what is allowed."""


# --- where the data is -------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _checkout_data(module_file: str) -> Path:
    """``data/`` of the checkout this module runs from (it exists only in a
    checkout); resolving the path is the costly part of every table load."""
    return Path(module_file).resolve().parents[2] / "data"


def data_folder() -> Path:
    """The course's ``data/`` folder (the one holding ``datapackage.json``).

    Looked for in this order: ``$NATODEBATE_DATA``; the ``data/`` folder of
    the checkout this library runs from (an editable install, ``pip install
    -e .``); ``data/`` in the current folder or in its parent (a lesson runs
    in ``notebooks/``, next to ``data/``). Raises :class:`DataError` saying
    what to do when none is found.
    """
    override = os.environ.get("NATODEBATE_DATA")
    if override:
        folder = Path(override).expanduser()
        if not (folder / "datapackage.json").is_file():
            raise DataError(
                f"NATODEBATE_DATA={override!r}: no datapackage.json in that folder. "
                "Set NATODEBATE_DATA to the course's data/ folder (the one holding datapackage.json and the CSV tables)."
            )
        return folder.resolve()
    checkout = _checkout_data(__file__)
    candidates = [checkout, Path.cwd() / "data", Path.cwd().parent / "data"]
    for folder in candidates:
        if folder == checkout and (folder / "datapackage.json").is_file():
            return folder
        if _is_course_data(folder):
            return folder.resolve()
    looked = ", ".join(dict.fromkeys(str(c) for c in candidates))
    raise DataError(
        "The course data (data/datapackage.json and its CSV tables) was not found: a plain `pip install .` "
        f"installs the library ({Path(__file__).parent}) but not the data. Either set NATODEBATE_DATA to the "
        "course's data/ folder (export NATODEBATE_DATA=/path/to/the/course/data, or in a notebook "
        "os.environ['NATODEBATE_DATA'] = '/path/to/the/course/data' before loading a table), or install the "
        f"course editable from its folder: pip install -e /path/to/the/course. Looked in: {looked}."
    )


def _is_course_data(folder: Path) -> bool:
    descriptor = folder / "datapackage.json"
    if not descriptor.is_file():
        return False
    try:
        return _package_descriptor(folder).get("name") == PACKAGE_NAME
    except DataError:
        return False


def _folder(data_dir: Path | str | None) -> Path:
    return Path(data_dir).resolve() if data_dir is not None else data_folder()


# --- the descriptor ----------------------------------------------------------


def _package_descriptor(data_dir: Path) -> dict:
    """The parsed ``datapackage.json`` (cached until the file changes; read only)."""
    path = data_dir / "datapackage.json"
    return _parse_descriptor(path, _file_stamp(path))


@functools.cache
def _parse_descriptor(path: Path, stamp: tuple) -> dict:
    # `stamp` (mtime, size) is part of the cache key: an edited descriptor is parsed again.
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: the data package descriptor is missing") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        where = f" (line {err.lineno}, column {err.colno})" if isinstance(err, json.JSONDecodeError) else ""
        reason = err.msg if isinstance(err, json.JSONDecodeError) else err.reason
        raise DataError(f"{path}: not valid JSON{where}: {reason}") from None


def _resource_descriptor(name: str, data_dir: Path) -> dict:
    descriptor = _package_descriptor(data_dir)
    names = [r["name"] for r in descriptor["resources"]]
    if name not in names:
        raise DataError(f"table={name!r} is not in {data_dir / 'datapackage.json'}; known tables: {', '.join(names)}")
    return descriptor["resources"][names.index(name)]


def _table_resources(name: str, data_dir: Path) -> list[dict]:
    """The resources table ``name``'s validity depends on: its own and those
    of the tables its foreign keys point to."""
    own = _resource_descriptor(name, data_dir)
    resources = {own["name"]: own}
    for key in own["schema"].get("foreignKeys", []):
        target = key["reference"]["resource"]
        if target and target not in resources:
            resources[target] = _resource_descriptor(target, data_dir)
    return list(resources.values())


def _table_files(name: str, data_dir: Path) -> list[str]:
    """The files of :func:`_table_resources` (paths relative to ``data_dir``)."""
    return sorted({resource["path"] for resource in _table_resources(name, data_dir)})


def _encoding(resource: dict) -> str:
    return resource.get("encoding", "utf-8")


# --- checks before Frictionless: encoding and header ---------------------------


def _check_text(path: Path, resource: dict) -> None:
    """Raise :class:`DataError` unless ``path`` is text in the resource's
    encoding whose header names the schema's columns in order. (Frictionless
    reports a bad byte without its place and a missing column under the name
    of the column after it.)"""
    raw = path.read_bytes()
    encoding = _encoding(resource)
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise DataError(
            f"{path}, line {line}, byte {column} of the line (byte {err.start + 1} of the file): "
            f"byte 0x{raw[err.start]:02X} is not {encoding.upper()} text "
            f"({err.reason}). datapackage.json declares encoding {encoding!r} for table {resource['name']!r}: "
            f"save the file as {encoding.upper()} (in a spreadsheet: 'CSV UTF-8')."
        ) from None
    dialect = resource.get("dialect", {})
    reader = csv.reader(
        io.StringIO(text.removeprefix("\ufeff")),
        delimiter=dialect.get("delimiter", ","),
        quotechar=dialect.get("quoteChar", '"'),
    )
    header = next(reader, [])
    expected = [field["name"] for field in resource["schema"]["fields"]]
    if header != expected:
        raise DataError(
            f"{path}, header (row 1): {_header_problem(header, expected)}. "
            f"datapackage.json lists {len(expected)} columns for table {resource['name']!r}, in this order: {', '.join(expected)}"
        )


def _header_problem(header: list[str], expected: list[str]) -> str:
    def names(columns: list[str]) -> str:
        return ", ".join(repr(c) for c in columns)

    problems = []
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    repeated = sorted({c for c in header if header.count(c) > 1})
    if missing:
        problems.append(f"column {names(missing)} is missing" if len(missing) == 1 else f"columns {names(missing)} are missing")
    if extra:
        problems.append(
            f"column {names(extra)} is not in the schema" if len(extra) == 1 else f"columns {names(extra)} are not in the schema"
        )
    if repeated:
        problems.append(f"column {names(repeated)} appears more than once")
    if not problems:
        problems.append(f"the columns are in another order: {', '.join(header)}")
    return "; ".join(problems)


# --- Frictionless's findings, in words ------------------------------------------


def _allowed(field: dict) -> str:
    """What a field accepts, in words (for error messages)."""
    kind = field["type"]
    if kind == "boolean":
        values = [*field.get("trueValues", TRUE_VALUES), *field.get("falseValues", FALSE_VALUES)]
        return "one of " + ", ".join(values)
    return {
        "integer": "a whole number such as 12",
        "number": "a number such as 12.5 (a point, no thousands separator)",
        "date": "a date written YYYY-MM-DD",
    }.get(kind, f"a {kind}")


_TYPE_NAMES = {"integer": "an integer", "number": "a number", "date": "a date", "boolean": "a boolean"}


def _describe(error, fields: dict[str, dict]) -> str:
    """One Frictionless error as 'value: what is wrong; what is allowed'."""
    field = fields.get(getattr(error, "field_name", None) or "")
    cell = getattr(error, "cell", None)
    if field is not None and error.type == "type-error":
        return f"{cell!r} is not {_TYPE_NAMES.get(field['type'], 'a ' + field['type'])}; expected {_allowed(field)}"
    if field is not None and error.type == "constraint-error":
        constraints = field.get("constraints", {})
        match = re.match(r'constraint "(\w+)"', error.note or "")
        constraint = match.group(1) if match else ""
        if constraint == "required":
            return f"the cell is empty; a value is required ({_allowed(field) if field['type'] != 'string' else 'any text'})"
        if constraint == "enum":
            return f"{cell!r} is not allowed; expected one of: {', '.join(map(str, constraints['enum']))}"
        if constraint in ("minimum", "maximum"):
            relation = ">=" if constraint == "minimum" else "<="
            return f"{cell!r} is out of range; expected a value {relation} {constraints[constraint]}"
        if constraint == "pattern":
            return f"{cell!r} does not match the pattern {constraints['pattern']}"
        if constraint in ("minLength", "maxLength"):
            relation = "at least" if constraint == "minLength" else "at most"
            return f"{cell!r} has {len(str(cell))} characters; expected {relation} {constraints[constraint]}"
        return f"{cell!r}: {error.note}"
    if field is not None and error.type == "unique-error":
        return f"{cell!r} appears twice; each value must be unique ({error.note})"
    if error.type == "primary-key":
        return f"a second row with the same key; each key must be unique ({error.note})"
    if cell is not None:
        return f"{cell!r}: {error.note or error.title}"
    return error.note or error.title


def _report_lines(report, resource: dict) -> list[str]:
    """A Frictionless report as 'file, row N, column C: value: problem; allowed'
    lines, one per problem."""
    fields = {field["name"]: field for field in resource["schema"]["fields"]}
    lines = []
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            field = getattr(error, "field_name", None)
            where = []
            if row is not None:
                where.append(f"row {row}")  # Frictionless counts the header as row 1
            if field:
                where.append(f"column {field!r}")
            place = ", ".join(where) or "table"
            lines.append(f"{Path(task.place).name}, {place}: {_describe(error, fields)}")
    lines.extend(error.message for error in report.errors)
    return lines


def _summary(lines: list[str]) -> str:
    shown = "\n  ".join(lines[:SHOWN_ERRORS])
    if len(lines) > SHOWN_ERRORS:
        shown += f"\n  … and {len(lines) - SHOWN_ERRORS} more ({len(lines)} problems in all)"
    return shown


# --- validation receipts ----------------------------------------------------------


def _cache_dir() -> Path:
    """Where validation receipts are kept: ``$NATODEBATE_CACHE``, else
    ``$XDG_CACHE_HOME/natodebate``, else ``~/.cache/natodebate``."""
    if os.environ.get("NATODEBATE_CACHE"):
        return Path(os.environ["NATODEBATE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "natodebate"


@functools.cache
def _validator_version() -> str:
    from importlib.metadata import version

    return version("frictionless")


@functools.cache
def _checks_version() -> bytes:
    """This module's source: what the checks besides Frictionless are."""
    return Path(__file__).read_bytes()


def _fingerprint(name: str, data_dir: Path) -> str:
    """A hash of everything the validation of table ``name`` depends on: the
    package descriptor, the table's file and the files of the tables its
    foreign keys point to, the validator's version and this module."""
    digest = hashlib.sha256(f"{name}|frictionless {_validator_version()}".encode())
    digest.update(_checks_version())
    digest.update((data_dir / "datapackage.json").read_bytes())
    for path in _table_files(name, data_dir):
        if (data_dir / path).exists():
            digest.update(path.encode() + b"\0" + (data_dir / path).read_bytes())
    return digest.hexdigest()


@functools.cache
def _frictionless_package(descriptor: Path, stamp: tuple):
    # `stamp` keys the cache: an edited descriptor gives a new package.
    # Imported here: a table whose exact bytes were already validated does
    # not need frictionless (see _validate).
    import frictionless

    return frictionless.Package(str(descriptor))


def _validate(name: str, data_dir: Path, resource_descriptor: dict) -> None:
    """Check table ``name`` (:func:`_check_text`, then Frictionless), unless
    these exact bytes passed before: a receipt named after their fingerprint
    is then in the cache folder. Failures are never cached."""
    fingerprint = _fingerprint(name, data_dir)
    receipt = _cache_dir() / "validated" / fingerprint
    if receipt.exists():
        return
    for resource in _table_resources(name, data_dir):
        path = data_dir / resource["path"]
        if path.exists():
            _check_text(path, resource)
    descriptor = data_dir / "datapackage.json"
    report = _frictionless_package(descriptor, _file_stamp(descriptor)).get_resource(name).validate()
    if not report.valid:
        problems = _summary(_report_lines(report, resource_descriptor))
        raise DataError(f"{data_dir / resource_descriptor['path']} does not match its schema in datapackage.json:\n  {problems}")
    try:
        receipt.parent.mkdir(parents=True, exist_ok=True)
        receipt.write_text(f"{name} validated\n")
    except OSError:
        pass  # a read-only home only costs a re-validation next time


def _file_stamp(*paths: Path) -> tuple:
    """(mtime, size) of each path: changes when a file is edited."""
    stamps = []
    for path in paths:
        try:
            status = os.stat(path)
        except FileNotFoundError:
            stamps.append(None)
        else:
            stamps.append((status.st_mtime_ns, status.st_size))
    return tuple(stamps)


@functools.cache
def _validated_frame(name: str, data_dir: Path, stamp: tuple = ()) -> pd.DataFrame:
    # `stamp` is only part of the cache key: an edited file is read afresh.
    resource_descriptor = _resource_descriptor(name, data_dir)
    path = data_dir / resource_descriptor["path"]
    if not path.exists():
        raise DataError(f"{path}: file missing (table {name!r} in datapackage.json)")
    _validate(name, data_dir, resource_descriptor)
    return _read_typed(path, resource_descriptor)


def _read_typed(path: Path, resource: dict) -> pd.DataFrame:
    """Read a validated CSV with the column types its schema declares."""
    # dtype objects, not names: pandas looks a name up in its registry for every column
    dtypes = {"string": pd.StringDtype(), "integer": pd.Int64Dtype(), "number": np.dtype("float64")}
    fields = resource["schema"]["fields"]
    try:
        frame = pd.read_csv(
            path,
            # "-sig": a byte-order mark, which spreadsheets write, is not part of the first column's name
            encoding="utf-8-sig" if _encoding(resource).lower().replace("_", "-") in ("utf-8", "utf8") else _encoding(resource),
            # Booleans and dates are read as text and converted below, so the
            # conversion sees exactly what the file says.
            dtype={f["name"]: dtypes.get(f["type"], dtypes["string"]) for f in fields},
            keep_default_na=False,
            na_values={f["name"]: [""] for f in fields},
        )
    except (ValueError, UnicodeDecodeError) as err:  # validation passed, so the reader and the schema disagree
        raise DataError(f"{path}: passed validation but could not be read as datapackage.json types it: {err}") from None
    for field in fields:
        column = field["name"]
        if field["type"] == "boolean":
            meaning = {value: True for value in field.get("trueValues", TRUE_VALUES)}
            meaning.update({value: False for value in field.get("falseValues", FALSE_VALUES)})
            typed = frame[column].map(meaning).astype(pd.BooleanDtype())
            unread = frame[column].notna() & typed.isna()
            if unread.any():
                first = unread.to_numpy().nonzero()[0][0]
                raise DataError(
                    f"{path.name}, row {first + 2}, column {column!r}: {frame[column].iloc[first]!r} is not a boolean; "
                    f"expected {_allowed(field)}"
                )
            frame[column] = typed
        elif field["type"] == "date":
            frame[column] = pd.to_datetime(frame[column], format="ISO8601")
    required = [f["name"] for f in fields if f.get("constraints", {}).get("required")]
    empty = frame[required].isna().to_numpy()  # one check for all the required columns
    if empty.any():
        column_index = empty.any(axis=0).nonzero()[0][0]  # the first such column in the schema's order
        first = empty[:, column_index].nonzero()[0][0]
        raise DataError(f"{path.name}, row {first + 2}, column {required[column_index]!r}: the cell is empty; a value is required")
    return frame


def load_table(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Return table ``name`` as a DataFrame, validated against its schema in
    ``datapackage.json``; ``data_dir`` defaults to :func:`data_folder`.

    Raises :class:`DataError` naming the file, row and column, the value and
    what is allowed when the table does not match its schema. Results are
    cached; callers get a copy.
    """
    folder = _folder(data_dir)
    return _validated_frame(name, folder, table_version(name, folder)).copy()


def table_version(name: str, data_dir: Path | str | None = None) -> tuple:
    """A value that changes whenever table ``name``'s file (or a table it
    refers to, or ``datapackage.json``) is edited: a cache key for anything
    derived from the table, so an edit in a running kernel is seen."""
    folder = _folder(data_dir)
    return (folder, *_file_stamp(folder / "datapackage.json", *(folder / path for path in _table_files(name, folder))))


def table_names(data_dir: Path | str | None = None) -> list[str]:
    """Names of every table described in ``datapackage.json``."""
    return [resource["name"] for resource in _package_descriptor(_folder(data_dir))["resources"]]


def articles() -> pd.DataFrame:
    """The two articles, indexed by id (``"K"``, ``"P"``)."""
    return load_table("articles").set_index("id")


def claims() -> pd.DataFrame:
    """Every claim of both articles, indexed by claim id, in article order."""
    return load_table("claims").set_index("id")


def presets() -> pd.DataFrame:
    """The reader presets (neutral, persuaded by K, persuaded by P)."""
    return load_table("presets").set_index("preset")


# --- the article texts (reference only; never copied into the project) -------

#: Where each article's body starts and ends in the clipped text: the body
#: begins after the line that matches ``start`` and stops at the line that
#: matches ``stop``. Lines that are only a link (``[Related: …](…)``) or page
#: furniture are not paragraphs.
_BODY_MARKERS = {
    "K": {"start": r"^\s*September 10, 2025, 5:25 PM ET\s*$", "stop": None},
    "P": {"start": r"^\s*Analysis \| Europe\s*$", "stop": r"^\s*Kyiv, Ukraine - January 10, 2022"},
}


def articles_dir() -> Path | None:
    """The folder with the article texts, or ``None`` if it is not present.

    ``$NATODEBATE_ARTICLES`` wins; otherwise ``../shared/articles`` next to
    the repository is used.
    """
    override = os.environ.get("NATODEBATE_ARTICLES")
    candidate = Path(override) if override else Path(__file__).resolve().parents[3] / "shared" / "articles"
    return candidate if candidate.is_dir() else None


def normalise_text(text: str) -> str:
    """Fold curly quotes and dashes to ASCII look-alikes and collapse whitespace,
    so a quotation can be compared with the article text verbatim otherwise."""
    table = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})
    return re.sub(r"\s+", " ", text.translate(table)).strip()


def article_paragraphs(article: str, folder: Path | None = None) -> list[str]:
    """Body paragraphs of article ``"K"`` or ``"P"``, numbered from 1 by list
    position + 1, with whitespace and quote marks normalised.

    Raises ``FileNotFoundError`` if the article texts are not available.
    """
    if article not in _BODY_MARKERS:
        raise ValueError(f"article={article!r}: expected 'K' or 'P'")
    folder = folder or articles_dir()
    if folder is None:
        raise FileNotFoundError("article texts not found: set NATODEBATE_ARTICLES to the folder holding them")
    text_file = articles().loc[article, "text_file"]
    lines = (Path(folder) / text_file).read_text(encoding="utf-8").splitlines()
    markers = _BODY_MARKERS[article]
    start = next(i for i, line in enumerate(lines) if re.match(markers["start"], line))
    paragraphs = []
    for line in lines[start + 1 :]:
        if markers["stop"] and re.match(markers["stop"], line):
            break
        # The clipper prefixes some paragraphs with "- " (a bullet of its own).
        body = re.sub(r"^\s*-\s+", "", line).strip()
        if not body or re.fullmatch(r"\[[^\]]*\]\([^)]*\)", body):
            continue
        paragraphs.append(normalise_text(body))
    return paragraphs
