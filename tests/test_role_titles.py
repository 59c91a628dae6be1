"""role_before asks with string methods whether the text before a name can end in an academic
title before it runs the pattern that strips those titles (the pattern alone would be tried at
every space of the window): the question may say yes needlessly, never no where the pattern
would strip something."""

from __future__ import annotations

from digest.reduce import roles

WINDOWS = (
    "Klinikdirektor Prof. Dr. ",
    "Klinikdirektor Prof. Dr.",
    "der Sprecher Dr.\n",
    "die Ärztin Dr.  \n",
    "Sir ",
    "Sir\n\n",
    " Dame\n",
    "Mag.",
    " Dipl.-Ing. ",
    "ProfDr.",
    "kein Titel hier ",
    "Absatz.\n\n",
    "",
    "\n",
)


def test_the_title_question_never_misses_what_the_pattern_strips():
    windows = [*WINDOWS, *(a + b for a in WINDOWS for b in WINDOWS)]
    stripped = [w for w in windows if roles._TRAILING_TITLES.sub(" ", w) != w]
    assert len(stripped) > len(windows) // 3  # the windows do test the pattern
    assert all(roles._may_end_in_title(w) for w in stripped)
    assert not roles._may_end_in_title("kein Titel hier ")


def test_a_role_before_titles_is_found():
    text = "Klinikdirektor Prof. Dr. Anna Roth sagte, es gehe voran."
    assert roles.role_before(text, text.index("Anna")) == "Klinikdirektor"
    text = "Der Sprecher Sir Paul Jones sagte, es gehe voran."
    assert roles.role_before(text, text.index("Paul")) == "Sprecher"
