"""The shape of an article: a news report (the inverted pyramid) or a piece that ends on its point.

A news report puts what matters first; facts from its lead and body serve the reader. An essay, a
review, a blog post or an interview builds towards its conclusion, and a summary that only takes
from the opening misses it. Such a piece is told by its shape, never by its site: the author's own
voice outside quotations (first-person words, questions to the reader) or a title that names the
genre ("Rezension: …", "Review: …"). The words are data: [facts] first_person and essay_cues in
lang/*.toml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .. import lang


def _forms(word: str) -> tuple[str, ...]:
    """A word as written and with a capital ("ich", "Ich"; "i" only as "I")."""
    capital = word[:1].upper() + word[1:]
    return (capital,) if len(word) == 1 or word.startswith("i'") else (word, capital)


# first-person words per 100 words outside quotations from which the author speaks for themself
# (a news report has them only inside quotations); chosen on the development pages of page-eval
FIRST_PERSON_SHARE = 0.5
# questions outside quotations from which the author asks the reader
QUESTIONS = 2
_ESSAY_CUES = lang.word_set("facts", "essay_cues")
# the words as written and capitalised, never in capitals only ("US" is no "us"); one regex finds
# them all in a single pass
_FIRST_PERSON_FORMS = sorted(
    {form for word in lang.words("facts", "first_person") for form in _forms(word)},
    key=len,
    reverse=True,
)


def _by_first_letter(forms: list[str]) -> str:
    r"""A regex of the forms as whole words: one branch per first letter, the letter first and the
    look-behind after it, so that the search skips in C to the next of those letters instead of
    trying every position (0.52× the instructions of `(?<![\w'’-])(?:forms)`, the same matches);
    longest first within a branch, as in the list."""
    branches: dict[str, list[str]] = {}
    for form in forms:
        branches.setdefault(form[0], []).append(form[1:])
    return (
        "(?:"
        + "|".join(
            f"{re.escape(first)}(?<![\\w'’-]{re.escape(first)})" + lang.alternation(rests)
            for first, rests in sorted(branches.items())
        )
        + r")(?![\w-])"
    )


_FIRST_PERSON = re.compile(_by_first_letter(_FIRST_PERSON_FORMS))
_QUOTED = re.compile(r"„[^„“]*“|“[^“”]*”|\"[^\"]*\"|»[^»«]*«")
_QUESTION = re.compile(r"\?(?=[\s)\]]|$)")


def ends_on_its_point(paragraphs: Sequence[str], title: str | None = None) -> bool:
    """Is this a piece whose conclusion belongs in its summary (an essay, review, blog post,
    interview) rather than a news report? See the module docstring."""
    if title and any(word.strip(":–-,") in _ESSAY_CUES for word in title.split()[:3]):
        return True
    own = _QUOTED.sub(" ", "\n".join(paragraphs))
    words = own.count(" ") + own.count("\n")  # about the number of words, without splitting
    if not words:
        return False
    if 100 * len(_FIRST_PERSON.findall(own)) / words >= FIRST_PERSON_SHARE:
        return True
    return len(_QUESTION.findall(own)) >= QUESTIONS
