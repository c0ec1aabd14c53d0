"""Save As names from titles: valid on Windows, macOS and Linux."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnsim.examples import list_examples
from nnsim.project.filenames import MAX_BYTES, RESERVED, file_stem

WINDOWS_INVALID = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def valid_everywhere(stem: str) -> bool:
    name = f"{stem}.json"
    return (
        bool(stem)
        and not WINDOWS_INVALID.search(name)
        and not stem.endswith((".", " "))
        and not stem.startswith((".", " "))
        and stem.split(".")[0].rstrip(" ").upper() not in RESERVED
        and len(name.encode("utf-8")) <= 255
    )


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("Zero weights: tanh units never learn", "Zero weights - tanh units never learn"),
        ("Learning-rate schedule α/(1 + δt)", "Learning-rate schedule α-(1 + δt)"),
        ('What "wins"? <a|b> *', "What -wins- -a-b"),
        ("back\\slash and tab\there", "back-slash and tab here"),
        ("Урок 3: обратное распространение", "Урок 3 - обратное распространение"),
        ("CON", "CON_"),
        ("nul", "nul_"),
        ("com1.v2", "com1_.v2"),
        ("LPT9 ", "LPT9_"),
        ("COM¹", "COM¹_"),
        ("CONSOLE", "CONSOLE"),
        ("...hidden", "hidden"),
        ("ends with dots...", "ends with dots"),
        ("", "project"),
        ("  :/?  ", "project"),
    ],
)
def test_titles_become_names_every_system_accepts(title, stem):
    assert file_stem(title) == stem
    assert valid_everywhere(file_stem(title))


def test_every_example_title_gives_a_valid_name():
    titles = [e["title"] for e in list_examples()]
    assert any(":" in t for t in titles) and any("/" in t for t in titles)  # the cases
    for title in titles:
        assert valid_everywhere(file_stem(title)), title


def test_long_titles_are_cut_to_the_byte_limit():
    stem = file_stem("Ж" * 500)
    assert len(stem.encode("utf-8")) <= MAX_BYTES and set(stem) == {"Ж"}


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(max_size=300))
def test_any_title_gives_a_valid_name(title):
    assert valid_everywhere(file_stem(title))
