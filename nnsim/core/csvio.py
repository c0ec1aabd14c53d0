"""Read and write data sets as CSV files a teacher can make in a spreadsheet.

Format: a header row; one or more numeric input columns; then the label (classification,
an integer 0..7) or the target (regression); then optionally a ``split`` column holding
``train``, ``validation`` or ``test``. Fields are separated by ``,`` or ``;``; with ``;``
a decimal comma is accepted too, because that is what spreadsheets in many European
locales write. Every problem raises `CsvError` naming the file, the 1-based line and the
column, so the user can find it in their spreadsheet.
"""

from __future__ import annotations

import csv
import itertools
import math
import os
from pathlib import Path

import numpy as np

from nnsim.core.datasets import (
    CLASSIFICATION,
    MAX_CLASSES,
    MAX_POINTS,
    REGRESSION,
    SPLIT_NAMES,
    TASKS,
    DataSet,
)

_LABEL_NAMES = ("label", "class")


class CsvError(ValueError):
    """A problem in a CSV file, located by file name, 1-based line and column name.

    The attributes ``file``, ``line`` (int or None), ``column`` (str or None) and
    ``problem`` let a GUI highlight the place; ``str(error)`` reads, e.g.,
    ``data.csv, line 7, column "x2": 'abc' is not a number``.
    """

    def __init__(self, file: str, problem: str, line: int | None = None, column: str | None = None):
        self.file, self.problem, self.line, self.column = file, problem, line, column
        where = [file]
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f'column "{column}"')
        super().__init__(f"{', '.join(where)}: {problem}")


def read_csv(source, task: str | None = None) -> DataSet:
    """Read a data set from a CSV file.

    Parameters
    ----------
    source : str, os.PathLike or text stream
        A path (read as UTF-8, with or without BOM) or an open text stream.
    task : {"classification", "regression"}, optional
        If None, the file is classification when its label column is named ``label`` or
        ``class`` and every value is an integer 0..7, regression otherwise.

    Returns
    -------
    DataSet
        X of shape (n, d) float64; y of shape (n,), int64 labels or float64 targets;
        ``split`` of shape (n,) int8 if the file has a ``split`` column, else None.

    Raises
    ------
    CsvError
        For any problem in the content, located by line and column.
    """
    if task is not None and task not in TASKS:
        raise ValueError(f"task must be None or one of {TASKS}, got {task!r}")
    if hasattr(source, "read"):
        name = getattr(source, "name", None)
        if isinstance(name, str):
            return _read(source, os.path.basename(name), Path(name).stem, task)
        return _read(source, "<text>", "csv", task)
    path = Path(source)
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return _read(stream, path.name, path.stem, task)


def _read(stream, file: str, stem: str, task: str | None) -> DataSet:
    reader = None
    try:
        lines = iter(stream)
        skipped = 0
        for header_text in lines:
            if header_text.strip():
                break
            skipped += 1
        else:
            raise CsvError(file, "the file is empty")
        header_text = header_text.removeprefix("\ufeff")  # a stream opened as plain utf-8
        delimiter = ";" if header_text.count(";") > header_text.count(",") else ","
        reader = csv.reader(itertools.chain([header_text], lines), delimiter=delimiter)
        header = next(reader)
        return _parse(reader, header, skipped, file, stem, task, delimiter == ";")
    except UnicodeDecodeError:
        raise CsvError(file, "is not UTF-8 text; save it as 'CSV UTF-8'") from None
    except csv.Error as exc:
        line = reader.line_num + skipped if reader is not None else None
        raise CsvError(file, f"not a valid CSV row ({exc})", line) from None


def _parse(reader, header, skipped, file, stem, task, decimal_comma) -> DataSet:
    header_line = skipped + 1
    names = [h.strip() or f"column {j + 1}" for j, h in enumerate(header)]
    if all(_is_number(h, decimal_comma) for h in header):
        raise CsvError(
            file,
            "the first row must name the columns (e.g. x1,x2,label), not hold numbers",
            header_line,
        )
    has_split = names[-1].lower() == "split"
    data_names = names[:-1] if has_split else names
    if any(nm.lower() == "split" for nm in data_names):
        raise CsvError(file, "the split column must be the last column", header_line, "split")
    if len(data_names) < 2:
        raise CsvError(
            file,
            f"found {len(data_names)} data column(s); need one or more inputs and a "
            "label or target in the last column",
            header_line,
        )

    values: list[list[float]] = []
    lines: list[int] = []
    raw_labels: list[str] = []
    codes: list[int] = []
    end = reader.line_num
    for row in reader:
        # A quoted field may span lines; report the line where the row starts.
        line, end = end + 1 + skipped, reader.line_num
        if not any(field.strip() for field in row):
            continue  # blank lines, and the ";;;" rows spreadsheets leave at the end
        if len(values) == MAX_POINTS:
            raise CsvError(file, f"more than {MAX_POINTS} data rows", line)
        if len(row) < len(names):
            raise CsvError(
                file,
                f"missing (the row has {len(row)} fields, the header has {len(names)})",
                line,
                names[len(row)],
            )
        if len(row) > len(names):
            raise CsvError(
                file,
                f"unexpected (the row has {len(row)} fields, the header has {len(names)})",
                line,
                f"column {len(names) + 1}",
            )
        values.append(
            [
                _number(f, file, line, nm, decimal_comma)
                for f, nm in zip(row[: len(data_names)], data_names, strict=True)
            ]
        )
        lines.append(line)
        raw_labels.append(row[len(data_names) - 1])
        if has_split:
            codes.append(_split_code(row[-1], file, line))
    if not values:
        raise CsvError(file, "no data rows below the header", header_line)

    table = np.array(values, dtype=np.float64)
    X, target = table[:, :-1], table[:, -1]
    label_name = data_names[-1]
    is_label = (target == np.round(target)) & (target >= 0) & (target < MAX_CLASSES)
    if task is None:
        named = label_name.lower() in _LABEL_NAMES
        task = CLASSIFICATION if named and is_label.all() else REGRESSION
    split = np.array(codes, dtype=np.int8) if has_split else None
    if task == REGRESSION:
        return DataSet(X, target, REGRESSION, 0, stem, split)
    if not is_label.all():
        i = int(np.argmin(is_label))
        raise CsvError(
            file,
            f"{raw_labels[i].strip()!r} is not a class label (an integer 0..{MAX_CLASSES - 1})",
            lines[i],
            label_name,
        )
    y = target.astype(np.int64)
    return DataSet(X, y, CLASSIFICATION, max(int(y.max()) + 1, 2), stem, split)


def _is_number(text: str, decimal_comma: bool) -> bool:
    try:
        _to_float(text, decimal_comma)
    except ValueError:
        return False
    return True


def _to_float(text: str, decimal_comma: bool) -> float:
    text = text.strip()
    if decimal_comma and "," in text and "." not in text:
        text = text.replace(",", ".")
    if "_" in text:  # float() accepts "1_000"; a spreadsheet never writes it
        raise ValueError(text)
    return float(text)


def _number(text: str, file: str, line: int, column: str, decimal_comma: bool) -> float:
    if not text.strip():
        raise CsvError(file, "the field is empty", line, column)
    try:
        value = _to_float(text, decimal_comma)
    except ValueError:
        raise CsvError(file, f"{text.strip()!r} is not a number", line, column) from None
    if not math.isfinite(value):
        raise CsvError(file, f"{text.strip()!r} is not a finite number", line, column)
    return value


def _split_code(text: str, file: str, line: int) -> int:
    word = text.strip().lower()
    if word not in SPLIT_NAMES:
        allowed = ", ".join(SPLIT_NAMES)
        raise CsvError(file, f"{text.strip()!r} is not one of {allowed}", line, "split")
    return SPLIT_NAMES.index(word)


def write_csv(path, dataset: DataSet, split: np.ndarray | None = None) -> None:
    """Write a data set so that `read_csv` gives back identical X and y.

    Columns are ``x1 .. xd``, then ``label`` (classification) or ``target``
    (regression), then ``split`` if ``split`` or ``dataset.split`` is given. Floats are
    written with ``repr``, the shortest text that reads back to the same float64. The
    file is written to a temporary file and then renamed over ``path``, so a failed
    write never leaves half a file.

    Parameters
    ----------
    path : str or os.PathLike
    dataset : DataSet
        y of shape (n,) or (n, 1); a CSV file holds one label or target column.
    split : ndarray, shape (n,), int8, optional
        Split codes 0 train, 1 validation, 2 test; defaults to ``dataset.split``.
    """
    X, y = dataset.X, dataset.y
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if y.ndim != 1:
        raise ValueError(f"a CSV file holds one target column; y has shape {dataset.y.shape}")
    if not (np.isfinite(X).all() and np.isfinite(y).all()):
        raise ValueError("cannot write NaN or infinite values")
    codes = dataset.split if split is None else np.asarray(split)
    if codes is not None and (codes.shape != (len(X),) or not np.isin(codes, (0, 1, 2)).all()):
        raise ValueError(f"split must hold {len(X)} codes 0, 1 or 2")
    classification = dataset.task == CLASSIFICATION
    header = [f"x{j + 1}" for j in range(X.shape[1])]
    header.append("label" if classification else "target")
    if codes is not None:
        header.append("split")

    path = Path(path)
    # A sibling temp file, so os.replace stays on one file system and is atomic.
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(header)
            for i in range(len(X)):
                row = [repr(float(v)) for v in X[i]]
                row.append(str(int(y[i])) if classification else repr(float(y[i])))
                if codes is not None:
                    row.append(SPLIT_NAMES[int(codes[i])])
                writer.writerow(row)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
