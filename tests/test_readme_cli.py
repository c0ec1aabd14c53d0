"""The README's command-line section works as pasted (issue 12: its examples called a bare
`nnsim` that the install command never put on the PATH)."""

import re
import shlex
from pathlib import Path

from nnsim import cli

README = Path(__file__).resolve().parents[1] / "README.md"


def _section_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## The command line", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]


def test_the_section_activates_the_venv_the_install_command_made():
    text = README.read_text(encoding="utf-8")
    assert "python3 -m venv .venv && .venv/bin/pip install -e ." in text
    commands = _section_commands()
    assert commands[0].startswith("source .venv/bin/activate")
    assert "`nnsim-cli`" in text and "`nnsim`" in text


def test_every_console_command_runs_as_written(tmp_path, monkeypatch, capsys):
    """In order, in one folder: each command uses what the one before it made."""
    monkeypatch.chdir(tmp_path)
    ran = []
    for command in _section_commands():
        argv = shlex.split(command)
        if argv[0] != "nnsim-cli" or argv[1:2] == ["--self-test"]:
            continue  # the activation, the window and the window's self-test
        code = cli.main(argv[1:])
        assert code == 0, f"{command}: {capsys.readouterr().err}"
        ran.append(argv[1])
    assert ran[:3] == ["new", "train", "evaluate"] and "search" in ran and "--version" in ran
    assert (tmp_path / "lesson.json").is_file() and (tmp_path / "mine.json").is_file()
