"""What a reader gets for a story — teaser and key facts — against reference key facts written by hand.

References: bench/facts/references.toml (statements in our own words; the articles stay in
../shared/corpus). For each article the reader's text is the teaser followed by the facts; its number
of words is the budget every baseline gets, in the same run:
- opening: the article's first words, cut to the budget;
- TextRank and LexRank (sumy, German Snowball stemmer and stop words): the best-rated sentences in
  article order, added until the budget is reached, cut to the budget;
- the oracle, a ceiling rather than a baseline: the whole sentences that score best against the
  reference itself (greedy), in article order, cut to the budget.
Scores are ROUGE-1 and ROUGE-2 recall (lower-cased word tokens, clipped counts) against all reference
statements of the article together, averaged over the articles of each split (dev, heldout).
Beside them: the share of facts that point back into the article — that open with a pronoun, "Dies …",
"Damit", "Außerdem", "Dementsprechende …", …, or have a pronominal adverb ("darin", "kurz darauf"), a
personal pronoun ("nach ihm") or "nach ihren Angaben" in their first clause (the lists below are the benchmark's own, wider than the
reducer's),
the share of facts over 30 words, and the share of teasers of 200–300 characters that end a sentence.

    python bench/facts_quality.py [-v]     (needs ../shared; sumy: the `bench` extra; -v: per article)
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field

from benchlib import ROOT, read_article

from digest.extract import extract
from digest.models import Article, RawItem
from digest.reduce import RuleReducer
from digest.reduce.lexicon import STOP_WORDS
from digest.reduce.sentences import split_sentences

REFERENCES = ROOT / "bench" / "facts" / "references.toml"
SHARED = ROOT.parent / "shared" / "corpus"
MAX_FACT_WORDS = 30
# the ceiling: whole sentences chosen by looking at the reference (no summariser can know it)
ORACLE = "oracle: best whole sentences, same words"
_TOKEN = re.compile(r"\w+")
# Openers that point back to another sentence (lower case). "das"/"die"/"der" only count before a
# lower-case word that no noun follows ("Das sei …", not "Das Landgericht …", "Das erste Konzert").
DANGLING = frozenset(
    """er sie es ihm ihr ihn ihnen dies diese dieser dieses damit dabei dazu demnach deshalb daher
    außerdem zudem auch ebenfalls dennoch allerdings trotzdem dort darüber daraufhin hierzu
    dadurch davon dafür darauf danach darin daran darunter daraus daneben darum davor dagegen
    hierbei hierfür hiervon hierauf hiermit hierin hierdurch demzufolge dementsprechend
    dementsprechende dementsprechenden dementsprechender dementsprechendes entsprechend
    entsprechende entsprechenden entsprechender entsprechendes derartige derartigen derartiger
    folglich somit infolgedessen jedoch doch aber und so sein seine seiner seinem seinen seines
    ihre ihrer ihrem ihren ihres deren dessen solche solchen beide beides jene jener jenes
    letztere letzterer sonst ansonsten andernfalls
    he she it they him them this these those also moreover furthermore however besides there
    his her its their accordingly consequently therefore hence thereby meanwhile nevertheless
    nonetheless additionally instead such both latter former otherwise""".split()
)
ARTICLES_BEFORE_VERB = frozenset(["das", "die", "der", "that"])
# inside the first clause of a fact, a pronominal adverb ("darin", "dazu", "kurz darauf"), a personal
# pronoun ("nach ihm") or an attribution to a pronoun ("nach ihren Angaben", "according to him")
# points back too, unless it
# points ahead to a "dass"/"zu" clause after the comma ("wies darauf hin, dass …")
_POINTER = re.compile(
    r"\b(?:(?:da|dar|hier)(?:an|auf|aus|bei|durch|für|gegen|hinter|in|mit|nach|neben|über|um|unter"
    r"|von|vor|zu|zwischen)|thereby|therein|thereof|thereafter"
    r"|nach (?:ihren|seinen|deren|dessen|ihrer|seiner) \w+"
    r"|(?:ihren|seinen|deren|dessen|ihrer|seiner) \w+ zufolge"
    r"|according to (?:him|her|them|it|his|their))\b"
)
_PRONOUN = re.compile(r"(?<=\s)(?:er|ihm|ihn|ihnen|sie|him|them)\b")
# English subject pronouns often mean the clause's own subject ("Smith said he …"): they count only
# with no capitalised word before them
_SUBJECT_PRONOUN = re.compile(r"(?<=\s)(?:he|she|they)\b")
# a pronoun in an opening subordinate clause may mean the main clause's subject ("Nachdem er …,
# verließ der Vorsitzende …")
SUBORDINATE_OPENERS = frozenset(
    """nachdem als weil wenn obwohl da während bevor seit seitdem falls sobald
    after although because before if since when while""".split()
)
_AHEAD = re.compile(
    r"^,?\s*(?:dass|ob|wie|was|wer|wo|wann|warum|weshalb|wieso|wenn|als|inwieweit|that|whether|how)\b"
    r"|^[^,]*\b(?:zu \w+|\w+zu\w+en|to \w+)\b"
)


def points_back_inside(fact: str) -> bool:
    """A pronominal adverb or a pronoun's attribution in the fact's first clause that does not
    point ahead (see _POINTER), or a personal pronoun there (_PRONOUN)."""
    lowered = fact.lower()
    clause, comma, rest = lowered.partition(",")
    # after "und" it may mean what the sentence said before ("gesperrt und danach abgerissen")
    clause = re.split(r"\s(?:und|oder|aber|sowie|and|or|but)\s", clause, maxsplit=1)[0]
    if (
        _POINTER.search(clause)
        and not (comma and _AHEAD.search(rest.strip()))
        and ":" not in clause
    ):
        return True
    if comma and lowered.split(None, 1)[0] in SUBORDINATE_OPENERS:
        return False
    if _PRONOUN.search(clause):
        return True
    # later in the sentence, a pronoun with no noun or name before it ("Schon 2006, als sie …")
    later = _PRONOUN.search(lowered, len(clause)) if comma else None
    for match in (later, _SUBJECT_PRONOUN.search(lowered)):
        if match is not None:
            before = fact[: match.start()].split()
            if not any(w[:1].isupper() for w in before[1:]) and before[0].lower() in STOP_WORDS:
                return True
    return False


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def rouge_recall(candidate: str, reference: str, n: int) -> float:
    def grams(words: list[str]) -> Counter[tuple[str, ...]]:
        return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))

    ref, cand = grams(tokens(reference)), grams(tokens(candidate))
    total = sum(ref.values())
    return sum(min(c, cand[g]) for g, c in ref.items()) / total if total else 0.0


def is_dangling(fact: str) -> bool:
    words = fact.split()
    if not words:
        return False
    first = words[0].strip("„“\"'‚‘,").lower()
    if first in DANGLING or points_back_inside(fact):
        return True
    if first == "anders" and (len(words) < 2 or words[1] != "als"):
        return True  # "Anders ließen sich …": otherwise
    # "Das sei …" points back, "Das erste Konzert …" does not: a noun follows the lower-case word
    return (
        first in ARTICLES_BEFORE_VERB
        and len(words) > 1
        and words[1][:1].islower()
        and not (len(words) > 2 and words[2][:1].isupper())
    )


def first_words(text: str, budget: int) -> str:
    return " ".join(text.split()[:budget])


class SplitterTokenizer:
    """sumy's tokenizer interface without NLTK data (as in bench/reduce_speed.py)."""

    language = "german"

    def to_sentences(self, paragraph: str) -> list[str]:
        return split_sentences(paragraph)

    def to_words(self, sentence: str) -> list[str]:
        return re.findall(r"[\wäöüÄÖÜß]+", sentence)


def sumy_runners():
    """{name: run(article, budget) -> text} for TextRank and LexRank, or {} without sumy."""
    try:
        from sumy.nlp.stemmers import Stemmer
        from sumy.parsers.plaintext import PlaintextParser
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.summarizers.text_rank import TextRankSummarizer
        from sumy.utils import get_stop_words
    except ImportError:
        return {}
    tokenizer = SplitterTokenizer()

    def runner(summarizer_class):
        class Rated(summarizer_class):  # keeps the ratings sumy computes, to fill a word budget
            def _get_best_sentences(self, sentences, count, rating, *args, **kwargs):
                rate = rating if callable(rating) else rating.__getitem__
                self.rated = [(rate(s, *args, **kwargs), i) for i, s in enumerate(sentences)]
                return ()

        summarizer = Rated(Stemmer("german"))
        summarizer.stop_words = get_stop_words("german")

        def run(article: Article, budget: int) -> str:
            document = PlaintextParser.from_string(
                "\n\n".join(article.paragraphs), tokenizer
            ).document
            summarizer(document, 1)
            picked: list[int] = []
            words = 0
            for _, index in sorted(summarizer.rated, key=lambda r: (-r[0], r[1])):
                if words >= budget:
                    break
                picked.append(index)
                words += len(str(document.sentences[index]).split())
            text = " ".join(str(document.sentences[i]) for i in sorted(picked))
            return first_words(text, budget)

        return run

    return {"TextRank": runner(TextRankSummarizer), "LexRank": runner(LexRankSummarizer)}


def oracle(sentences: list[str], reference: str, budget: int) -> str:
    """The ceiling for any selection of whole sentences: greedily the sentences that add most to
    ROUGE-1 recall against the reference itself, in article order, cut to the budget. Two greedy
    runs (by gain, and by gain per square root of the sentence's words); the better one."""
    best = ""
    for per_word in (False, True):
        chosen: list[int] = []
        text = ""
        while len(" ".join(sentences[i] for i in chosen).split()) < budget:
            base = rouge_recall(text, reference, 1)
            gains = []
            for i, sentence in enumerate(sentences):
                if i not in chosen:
                    trial = first_words(
                        " ".join(sentences[j] for j in sorted([*chosen, i])), budget
                    )
                    gain = rouge_recall(trial, reference, 1) - base
                    weight = len(sentence.split()) ** 0.5 if per_word else 1.0
                    gains.append((gain / weight, -i))
            if not gains or max(gains)[0] <= 0:
                break
            chosen.append(-max(gains)[1])
            text = first_words(" ".join(sentences[i] for i in sorted(chosen)), budget)
        if rouge_recall(text, reference, 1) > rouge_recall(best, reference, 1):
            best = text
    return best


def load_article(name: str, wikinews: dict[str, dict]) -> Article:
    corpus, _, ident = name.partition("/")
    if corpus == "de-news":
        return read_article(SHARED / "de-news" / ident)
    record = wikinews[ident]
    raw = RawItem(
        source="wikinews-train", key=ident, url=None, title=record["title"],
        body=record["text"], language=None,
    )  # fmt: skip
    return extract(raw)


@dataclass
class Split:
    articles: int = 0
    rouge: dict[str, list[float]] = field(default_factory=dict)
    facts: int = 0
    dangling: int = 0
    long: int = 0
    teasers_ok: int = 0
    words: int = 0

    def add(self, name: str, r1: float, r2: float) -> None:
        pair = self.rouge.setdefault(name, [0.0, 0.0])
        pair[0] += r1
        pair[1] += r2


def main() -> None:
    verbose = "-v" in sys.argv
    if not SHARED.is_dir():
        print(
            f"skipped: the corpus is not there ({SHARED}); it comes with ../shared", file=sys.stderr
        )
        raise SystemExit(0)
    references = tomllib.loads(REFERENCES.read_text(encoding="utf-8"))["article"]
    wikinews = {}
    train = SHARED / "wikinews-train" / "train.jsonl"
    wanted = {r["article"].partition("/")[2] for r in references if r["article"].startswith("wiki")}
    for line in train.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] in wanted:
            wikinews[record["id"]] = record
    runners = sumy_runners()
    reducer = RuleReducer()
    splits: dict[str, Split] = {}
    for entry in references:
        article = load_article(entry["article"], wikinews)
        story = reducer.reduce(article)
        reference = " ".join(entry["facts"])
        ours = " ".join([story.teaser, *story.facts])
        budget = len(ours.split())
        body = " ".join(article.paragraphs)
        candidates = {
            "digest: teaser + facts": ours,
            "opening, same words": first_words(body, budget),
        }
        for name, run in runners.items():
            candidates[f"{name} (sumy), same words"] = run(article, budget)
        sentences = [s for paragraph in article.paragraphs for s in split_sentences(paragraph)]
        candidates[ORACLE] = oracle(sentences, reference, budget)
        tally = splits.setdefault(entry["split"], Split())
        tally.articles += 1
        tally.words += budget
        for name, text in candidates.items():
            tally.add(name, rouge_recall(text, reference, 1), rouge_recall(text, reference, 2))
        tally.facts += len(story.facts)
        tally.dangling += sum(map(is_dangling, story.facts))
        tally.long += sum(len(f.split()) > MAX_FACT_WORDS for f in story.facts)
        whole = story.teaser.endswith((".", "!", "?", "“", '"', "»", ")"))
        tally.teasers_ok += 200 <= len(story.teaser) <= 300 and whole
        if verbose:
            scores = " ".join(
                f"{name.split()[0].rstrip(':')} {rouge_recall(text, reference, 1):.2f}"
                for name, text in candidates.items()
            )
            print(f"\n## {entry['article']} ({entry['split']}): R-1 {scores}")
            print(f"headline: {story.headline}")
            print(f"teaser ({len(story.teaser)}): {story.teaser}")
            for fact in story.facts:
                flag = " [dangling]" if is_dangling(fact) else ""
                print(f"  - ({len(fact.split())}){flag} {fact}")
            print(f"oracle: {candidates[ORACLE]}")
    for name in ("dev", "heldout"):
        tally = splits.get(name)
        if tally:
            report(name, tally)


def report(name: str, tally: Split) -> None:
    n = tally.articles
    print(f"\n### {name}: {n} articles, {tally.words / n:.0f} words per story on average\n")
    print("| candidate | ROUGE-1 recall | ROUGE-2 recall | R-1 vs opening |")
    print("|---|---|---|---|")
    opening = tally.rouge["opening, same words"][0]
    for candidate, (r1, r2) in tally.rouge.items():
        print(f"| {candidate} | {r1 / n:.3f} | {r2 / n:.3f} | {r1 / opening:.2f}× |")
    facts = tally.facts or 1
    print(
        f"\nfacts: {tally.facts} ({tally.facts / n:.1f} per story); dangling opener: "
        f"{tally.dangling / facts:.0%}; over {MAX_FACT_WORDS} words: {tally.long / facts:.0%}; "
        f"teasers of 200–300 characters ending a sentence: {tally.teasers_ok / n:.0%}"
    )


if __name__ == "__main__":
    main()
