"""``nnsim examples`` and ``nnsim new OUT.json --example NAME``, in-process through cli.main."""

import json

import pytest

import nnsim.examples
from nnsim import cli
from nnsim.examples import examples_dir, list_examples
from nnsim.project import dumps, load


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_examples_lists_every_bundled_example(capsys):
    code, out, err = run(capsys, "examples")
    assert code == 0 and err == ""
    entries = list_examples()
    assert len(entries) >= 10
    for entry in entries:
        name = entry["file"].removesuffix(".json")
        assert any(
            line.split()[:1] == [name] and entry["title"] in line for line in out.splitlines()
        )
        assert entry["claim"] in out
    assert f"{len(entries)} examples in {examples_dir()}" in out
    assert "--example NAME" in out


def test_examples_json_gives_file_title_claim_and_path(capsys):
    code, out, _ = run(capsys, "examples", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["folder"] == str(examples_dir())
    assert [r["file"] for r in doc["examples"]] == [e["file"] for e in list_examples()]
    for row, entry in zip(doc["examples"], list_examples()):
        assert row["name"] == entry["file"].removesuffix(".json")
        assert (row["title"], row["claim"]) == (entry["title"], entry["claim"])
        assert load(row["path"]).title == entry["title"]


def test_examples_fails_when_none_are_installed(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(nnsim.examples, "_root", lambda: tmp_path)
    code, out, err = run(capsys, "examples")
    assert code == 1 and out == ""
    assert err.splitlines() == [f"nnsim: error: no examples found in {tmp_path}"]
    code, out, err = run(capsys, "examples", "--json")
    assert code == 1 and json.loads(out)["examples"] == []


def test_new_from_an_example_copies_it(capsys, tmp_path):
    out_path = tmp_path / "lesson.json"
    code, out, err = run(capsys, "new", out_path, "--example", "xor-hidden-layer")
    assert code == 0, err
    assert out.startswith(f"created {out_path} from the example xor-hidden-layer")
    source = examples_dir() / "xor-hidden-layer.json"
    assert out_path.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")


def test_new_from_an_example_with_title_and_json(capsys, tmp_path):
    out_path = tmp_path / "mine.json"
    code, out, err = run(
        capsys, "new", out_path, "--example", "Init-Zero.json", "--title", "Mine", "--json"
    )
    assert code == 0, err
    info = json.loads(out)
    assert info["example"] == "init-zero" and info["title"] == "Mine"
    assert info["claim"] == nnsim.examples.find_example("init-zero")["claim"]
    saved = load(out_path)
    original = load(examples_dir() / "init-zero.json")
    assert saved.title == "Mine" and saved.description == original.description
    assert dumps(saved) != dumps(original)
    assert saved.hyper == original.hyper and saved.sizes == original.sizes


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--example", "no-such"], "no example 'no-such' (nnsim examples lists them)"),
        (
            ["--example", "init-zero", "--hidden", "3"],
            "--example takes the example's settings; drop --hidden",
        ),
        (["--example", "init-zero", "--seed", "4", "--lr", "0.1"], "drop --lr, --seed"),
    ],
)
def test_new_from_an_example_rejects_bad_use(capsys, tmp_path, extra, message):
    out_path = tmp_path / "x.json"
    code, out, err = run(capsys, "new", out_path, *extra)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and message in err
    assert not out_path.exists()


def test_new_from_an_example_keeps_an_existing_file_unless_forced(capsys, tmp_path):
    out_path = tmp_path / "x.json"
    out_path.write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "new", out_path, "--example", "init-zero")
    assert code == 2 and "exists; use --force" in err
    assert out_path.read_text(encoding="utf-8") == "mine"
    code, _, err = run(capsys, "new", out_path, "--example", "init-zero", "--force")
    assert code == 0, err
    assert load(out_path).title == nnsim.examples.find_example("init-zero")["title"]


def test_new_without_example_is_unchanged(capsys, tmp_path):
    code, out, err = run(capsys, "new", tmp_path / "c.json", "--dataset", "xor", "--seed", "2")
    assert code == 0, err
    assert out.startswith(f"created {tmp_path / 'c.json'}: xor")
