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

# first-person words per 100 words outside quotations from which the author speaks for themself
# (a news report has them only inside quotations); chosen on the development pages of page-eval
FIRST_PERSON_SHARE = 0.5
# questions outside quotations from which the author asks the reader
QUESTIONS = 2
_FIRST_PERSON = lang.word_set("facts", "first_person")
_ESSAY_CUES = lang.word_set("facts", "essay_cues")
_QUOTED = re.compile(r"„[^„“]*“|“[^“”]*”|\"[^\"]*\"|»[^»«]*«")
_WORD = re.compile(r"[\wäöüß']+")
_QUESTION = re.compile(r"\?(?=\s|$)")


def ends_on_its_point(paragraphs: Sequence[str], title: str | None = None) -> bool:
    """Is this a piece whose conclusion belongs in its summary (an essay, review, blog post,
    interview) rather than a news report? See the module docstring."""
    if title and any(word.strip(":–-,") in _ESSAY_CUES for word in title.split()[:3]):
        return True
    own = _QUOTED.sub(" ", "\n".join(paragraphs))
    words = _WORD.findall(own)
    if not words:
        return False
    first_person = sum(1 for w in words if w.lower() in _FIRST_PERSON and not _acronym(w))
    if 100 * first_person / len(words) >= FIRST_PERSON_SHARE:
        return True
    return len(_QUESTION.findall(own)) >= QUESTIONS


def _acronym(word: str) -> bool:
    """ "US", "MIR": capitals only, so no pronoun ("I" is one)."""
    return len(word) > 1 and word.isupper()
