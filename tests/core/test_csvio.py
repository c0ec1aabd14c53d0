"""Tests of CSV reading and writing: round trips, inference and located errors."""

import io

import numpy as np
import pytest

from nnsim.core import csvio
from nnsim.core.csvio import CsvError, read_csv, write_csv
from nnsim.core.datasets import DataSet, generate, split


def _same(a: DataSet, b: DataSet) -> None:
    assert np.array_equal(a.X, b.X) and a.X.dtype == b.X.dtype
    assert np.array_equal(a.y, b.y) and a.y.dtype == b.y.dtype
    assert (a.task, a.n_classes) == (b.task, b.n_classes)


@pytest.mark.parametrize(
    "name, kw", [("spiral", {}), ("blobs", {"n_classes": 8}), ("reg_gauss", {}), ("sin1d", {})]
)
def test_round_trip_is_exact(tmp_path, name, kw):
    ds = generate(name, n=300, noise=0.3, seed=1, **kw)
    path = tmp_path / "set.csv"
    write_csv(path, ds)
    back = read_csv(path)
    _same(ds, back)
    assert back.name == "set" and back.split is None


def test_round_trip_keeps_the_split_and_awkward_floats(tmp_path):
    X = np.array([[0.1, -0.0], [1e-300, 123456789.123456789], [2.0 / 3.0, -5e-324]])
    ds = DataSet(X, np.array([0.1, 1e16 + 2, -7.25]), "regression", 0, "odd")
    codes = split(3, (0.34, 0.33, 0.33), seed=0)
    write_csv(tmp_path / "odd.csv", ds, split=codes)
    back = read_csv(tmp_path / "odd.csv")
    _same(ds, back)
    assert np.array_equal(back.split, codes) and back.split.dtype == np.int8
    assert [p.name for p in tmp_path.iterdir()] == ["odd.csv"]  # no temp file left


def test_written_file_is_readable_text(tmp_path):
    ds = DataSet(np.array([[1.5, -2.0]]), np.array([1]), "classification", 2, "one")
    write_csv(tmp_path / "one.csv", ds, split=np.array([1], np.int8))
    assert (tmp_path / "one.csv").read_text() == "x1,x2,label,split\n1.5,-2.0,1,validation\n"


def test_write_rejects_what_csv_cannot_hold(tmp_path):
    ds = DataSet(np.zeros((2, 2)), np.zeros((2, 2)), "regression", 0, "two")
    with pytest.raises(ValueError, match="one target column"):
        write_csv(tmp_path / "a.csv", ds)
    ds = DataSet(np.array([[np.nan, 0.0]]), np.zeros(1), "regression", 0, "nan")
    with pytest.raises(ValueError, match="NaN"):
        write_csv(tmp_path / "a.csv", ds)
    ds = DataSet(np.zeros((2, 2)), np.zeros(2), "regression", 0, "ok")
    with pytest.raises(ValueError, match="split"):
        write_csv(tmp_path / "a.csv", ds, split=np.array([0, 3]))
    assert not list(tmp_path.iterdir())


def test_task_inference():
    def read(text, task=None):
        return read_csv(io.StringIO(text), task)

    ds = read("a,b,class\n1,2,0\n3,4,2\n5,6,1.0\n")
    assert ds.task == "classification" and ds.n_classes == 3
    assert list(ds.y) == [0, 2, 1] and ds.y.dtype == np.int64
    assert read("x1,x2,label\n1,2,0\n3,4,0\n").n_classes == 2  # never a 1-class problem
    assert read("x1,x2,y\n1,2,0\n3,4,1\n").task == "regression"  # name decides
    assert read("x1,x2,label\n1,2,0.5\n3,4,1\n").task == "regression"  # values decide
    assert read("x1,x2,label\n1,2,9\n").task == "regression"
    forced = read("x1,x2,y\n1,2,0\n3,4,1\n", "classification")
    assert forced.task == "classification" and forced.n_classes == 2
    assert read("x1,x2,label\n1,2,0\n", "regression").y.dtype == np.float64
    with pytest.raises(ValueError, match="task"):
        read("x1,x2,label\n1,2,0\n", "clustering")


def test_semicolons_decimal_commas_bom_and_blank_lines(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffh\u00f6he;breite;label;split\r\n1,5;-2;1;Train\r\n;;;\r\n".encode())
    ds = read_csv(path)
    assert np.array_equal(ds.X, [[1.5, -2.0]]) and list(ds.y) == [1]
    assert list(ds.split) == [0]
    # A stream opened as plain utf-8 still carries the BOM.
    with open(path, encoding="utf-8", newline="") as stream:
        assert np.array_equal(read_csv(stream).X, ds.X)


FILE_ERRORS = [
    # (content, line, column, words in the message)
    ("", None, None, "the file is empty"),
    ("\n  \n", None, None, "the file is empty"),
    ("x1,x2,label\n", 1, None, "no data rows"),
    ("x1,x2,label\n\n\n", 1, None, "no data rows"),
    ("x1\n1\n", 1, None, "found 1 data column"),
    ("x1,split\n1,train\n", 1, None, "found 1 data column"),
    ("1,2,0\n3,4,1\n", 1, None, "must name the columns"),
    ("x1,x2,label\n1,2,0\n3,abc,1\n", 3, "x2", "'abc' is not a number"),
    ("x1,x2,label\n1,2,0\n3,1_0,1\n", 3, "x2", "'1_0' is not a number"),
    ("x1,x2,label\n1,,0\n", 2, "x2", "empty"),
    ("x1,x2,label\n1,2,0\n1,2\n", 3, "label", "missing (the row has 2 fields"),
    ("x1,x2,label\n1,2,0,5\n", 2, "column 4", "the row has 4 fields, the header has 3"),
    ("x1,x2,label\n1,nan,0\n", 2, "x2", "'nan' is not a finite number"),
    ("x1,x2,label\n1,2,-inf\n", 2, "label", "'-inf' is not a finite number"),
    ("x1,x2,label,split\n1,2,0,train\n1,2,0,foo\n", 3, "split", "'foo' is not one of train"),
    ("x1,x2,label,split\n1,2,0,\n", 2, "split", "'' is not one of train"),
    ("x1,split,label\n1,train,0\n", 1, "split", "must be the last column"),
    ("\n\nx1,x2,label\n1,2,0\n1,x,0\n", 5, "x2", "not a number"),  # lines count blanks
    ("x1,x2,label\n1,2,0\n\n1,x,0\n", 4, "x2", "not a number"),
    ('x1,x2,label\n1,"2\n3",0\n4,y,0\n', 2, "x2", "is not a number"),  # row starts on 2
    ('"x\n1",x2,label\n1,2,0\n4,y,0\n', 4, "x2", "'y' is not a number"),
    ("a;b;c\n1;2;3\n1;2,5.5;3\n", 3, "b", "'2,5.5' is not a number"),
]


@pytest.mark.parametrize("content, line, column, words", FILE_ERRORS)
def test_errors_name_file_line_and_column(tmp_path, content, line, column, words):
    path = tmp_path / "data.csv"
    path.write_text(content, encoding="utf-8", newline="")
    with pytest.raises(CsvError) as info:
        read_csv(path)
    err = info.value
    assert isinstance(err, ValueError)
    assert (err.file, err.line, err.column) == ("data.csv", line, column)
    where = (
        "data.csv" + (f", line {line}" if line else "") + (f', column "{column}"' if column else "")
    )
    assert str(err).startswith(where + ": ")
    assert words in str(err)


def test_the_message_reads_as_documented(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("x1,x2,label\n" + "1,2,0\n" * 5 + "3,abc,1\n")
    with pytest.raises(CsvError) as info:
        read_csv(path)
    assert str(info.value) == "data.csv, line 7, column \"x2\": 'abc' is not a number"


@pytest.mark.parametrize("label", ["2.5", "8", "-1"])
def test_bad_class_label_when_classification_is_asked_for(label):
    text = f"x1,x2,label\n1,2,0\n1,2,1\n1,2,{label}\n"
    with pytest.raises(CsvError) as info:
        read_csv(io.StringIO(text), task="classification")
    assert (info.value.file, info.value.line, info.value.column) == ("<text>", 4, "label")
    assert f"'{label}' is not a class label (an integer 0..7)" in str(info.value)


def test_too_many_rows(monkeypatch):
    monkeypatch.setattr(csvio, "MAX_POINTS", 3)
    assert read_csv(io.StringIO("x,y\n1,1\n2,2\n3,3\n")).X.shape == (3, 1)
    with pytest.raises(CsvError, match=r"<text>, line 5: more than 3 data rows"):
        read_csv(io.StringIO("x,y\n1,1\n2,2\n3,3\n4,4\n"))


def test_not_utf8(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("x1,h\u00f6he,label\n1,2,0\n".encode("latin-1"))
    with pytest.raises(CsvError, match="latin.csv: is not UTF-8"):
        read_csv(path)
