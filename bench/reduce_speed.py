"""How fast the reducer is: the whole corpus, repeated to at least 400 articles, in one process.

Beside it, in the same run, sumy's LexRank summariser picks three sentences per article (German
Snowball stemmer, sumy's German stop words, sentence splitting included). sumy's own Tokenizer
needs NLTK's punkt model, a download this project does not make, so LexRank gets a tokenizer that
splits with digest's sentence splitter and a word regex; that is the only change to sumy's pipeline.
Both start from the same extracted Articles; our time includes everything RuleReducer.reduce does
(sentences, quotes, speakers, facts, headline, teaser). The machine may be shared, so both take
turns in chunks of the corpus (41 articles, who goes first alternating), --runs times: the ratio
is of their summed times, so both meet the same load; articles/s is each one's best run. (Whole
runs taking turns let a change of load between two runs swing the ratio by 2× here.)

    python bench/reduce_speed.py [--min-articles N] [--runs N]   (needs ../shared; sumy: `bench` extra)
"""

from __future__ import annotations

import argparse
import json
import re
import time

from benchlib import corpus_files, read_article

from digest.models import Article
from digest.reduce import RuleReducer
from digest.reduce.sentences import split_sentences

_WORD = re.compile(r"[\wäöüÄÖÜß]+")


class SplitterTokenizer:
    """The tokenizer interface sumy expects (to_sentences, to_words), without NLTK data."""

    language = "german"

    def to_sentences(self, paragraph: str) -> list[str]:
        return split_sentences(paragraph)

    def to_words(self, sentence: str) -> list[str]:
        return _WORD.findall(sentence)


def lexrank_runner():
    try:
        from sumy.nlp.stemmers import Stemmer
        from sumy.parsers.plaintext import PlaintextParser
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.utils import get_stop_words
    except ImportError:
        return None
    summarizer = LexRankSummarizer(Stemmer("german"))
    summarizer.stop_words = get_stop_words("german")
    tokenizer = SplitterTokenizer()

    def run(article: Article) -> list[str]:
        parser = PlaintextParser.from_string("\n\n".join(article.paragraphs), tokenizer)
        return [str(s) for s in summarizer(parser.document, 3)]

    return run


def timed(run, articles: list[Article]) -> float:
    """Seconds for `run` over the articles."""
    started = time.perf_counter()
    for article in articles:
        run(article)
    return time.perf_counter() - started


def taking_turns(
    runners: list, articles: list[Article], chunk: int, runs: int
) -> list[list[float]]:
    """Each runner's seconds per run, the runners taking turns chunk by chunk."""
    seconds = [[0.0] * runs for _ in runners]
    for run in range(runs):
        for n, start in enumerate(range(0, len(articles), chunk)):
            part = articles[start : start + chunk]
            order = list(range(len(runners)))
            for who in order[n % len(order) :] + order[: n % len(order)]:
                seconds[who][run] += timed(runners[who], part)
    return seconds


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--min-articles", type=int, default=400)
    options.add_argument("--runs", type=int, default=3, help="timed runs of each; the best counts")
    options.add_argument("--json", action="store_true", help="one JSON object for bench/run.py")
    args = options.parse_args()
    corpus = [read_article(path) for path in corpus_files()]
    articles = corpus * -(-args.min_articles // len(corpus))
    reducer = RuleReducer()
    for article in corpus:  # warm up: imports, regex compilation
        reducer.reduce(article)
    lexrank = lexrank_runner()
    if lexrank is not None:
        for article in corpus[:3]:
            lexrank(article)
    runners = [reducer.reduce] + ([lexrank] if lexrank is not None else [])
    seconds = taking_turns(runners, articles, len(corpus), args.runs)
    ours = len(articles) / min(seconds[0])
    theirs = len(articles) / min(seconds[1]) if lexrank is not None else 0.0
    ratio = sum(seconds[1]) / sum(seconds[0]) if lexrank is not None else 0.0
    if args.json and lexrank is not None:
        row = {
            "benchmark": f"reduce {len(articles)} corpus articles, one core (best of {args.runs})",
            "ours": f"{ours:.0f} articles/s",
            "baseline": f"sumy LexRank: {theirs:.0f} articles/s",
            "ratio": f"{ratio:.1f}× faster (summed times, taking turns by {len(corpus)} articles)",
        }
        print(json.dumps([row], ensure_ascii=False))
        return
    print(
        f"{len(articles)} articles ({len(corpus)} corpus articles repeated), one process, one core, "
        f"best of {args.runs} runs\n"
    )
    print("| reducer | articles/s | ratio |")
    print("|---|---|---|")
    print(f"| digest RuleReducer (quotes, speakers, facts, headline, teaser) | {ours:.0f} | 1.00 |")
    if lexrank is None:
        print("| sumy LexRank | not installed: pip install -e '.[bench]' | |")
        return
    print(
        f"| sumy LexRank, 3 sentences (German stemmer, stop words) | {theirs:.0f} | {1 / ratio:.2f} |"
    )
    print(f"\ndigest is {ratio:.1f}× as fast as LexRank (summed times of chunks taking turns)")


if __name__ == "__main__":
    main()
