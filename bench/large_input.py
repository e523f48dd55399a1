"""Large inputs: time and peak memory of one brief per size, stage by stage, with baselines.

    python bench/large_input.py [--sizes 150k,1m,5m] [--languages en,ar] [--write DIR] [--skip-reference]

Articles are made up here (nothing third-party): the paragraphs of the seed article and of the Arabic
test article, paraphrased by rotating names, places, weekdays and verbs and drawing every number
afresh, so no two paragraphs are the same and the claim extractors see many distinct values. Each
(size, language) runs in its own child process, so its peak RSS is its own. Per stage: read+segment,
summarise (minilm-extractive for English, lexical-extractive for Arabic, as the router picks with no
translator present), analyse_sources (the article's claims: spaCy + rules for English, rules for
Arabic), review_summary, trace_claims (+ assembly) and JSON rendering.

Baselines, computed in the same run:

* segmentation alone, the floor: the total is reported as a multiple of it; and the peak RSS after
  the models are loaded and a small brief is made, the floor for memory;
* the old dense summariser path (n x n similarity matrix for MMR, dense sentences x vocabulary TF-IDF),
  kept below as the reference: its time and the memory its matrices need on the same sentences, and
  whether the picks agree with the new path. It is skipped where its matrices would need more than
  ``--reference-max-gb``, and for MiniLM beyond ``--reference-max-embedded`` sentences (it embeds
  every sentence, where the new path reads the first ``MAX_EMBEDDED_SENTENCES``).

The machine is usually shared: run it when it is quiet, or read the ratios rather than the seconds.

``--write DIR`` only writes the generated articles (large-en-150k.txt ...) for use with
``/usr/bin/time -v summarise brief FILE -f json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.reference_extractive
from tests.reference_extractive import dense_select_mmr, dense_tfidf  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "russia-peace-memorandum.txt"
ARABIC = ROOT / "tests" / "data" / "brief" / "ar-article.txt"
SIZES = {"150k": 150_000, "1m": 1_000_000, "5m": 5_000_000}

_EN_SWAPS = [
    ("Sergey Lavrov", "Dmitry Peskov", "Sergei Ryabkov", "Maria Zakharova"),
    ("Istanbul", "Ankara", "Geneva", "Riyadh", "Doha"),
    ("Turkey", "Switzerland", "Saudi Arabia", "Qatar"),
    ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"),
    ("June", "July", "August", "September"),
    ("said", "told reporters", "stated"),
    ("Vladimir Medinsky", "Yuri Ushakov", "Kirill Dmitriev"),
    ("prisoners", "soldiers", "detainees", "civilians"),
]
_AR_SWAPS = [
    ("القاهرة", "الإسكندرية", "أسوان", "المنيا"),
    ("الثلاثاء", "الأربعاء", "الخميس", "الأحد"),
    ("الصعيد", "الدلتا", "القناة", "سيناء"),
    ("أسيوط", "سوهاج", "قنا", "الفيوم"),
    ("خالد عبد الغفار", "محمد عوض", "هالة زايد"),
    ("مستشفى", "مركزا طبيا", "عيادة"),
]


def _paragraphs(path: Path, minimum_words: int) -> list[str]:
    lines = [" ".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines()]
    # The seed's first line is a photo caption ("date 2025-05-28 ... EPA"), not article text.
    return [line for line in lines if len(line.split()) >= minimum_words and not line.startswith("date ")]


_EN_EXTRA = [
    "Officials said {n} delegates had registered for the session in {place} on {weekday}.",
    "The talks were expected to last {n} hours, according to a diplomat in {place}.",
    "About {n} people gathered outside the venue in {place} before the meeting on {weekday}.",
    "A spokesman said {n} proposals were still under discussion as of {month} {day}.",
    "Analysts in {place} said the plan could cost as much as ${n} million over {small} years.",
]
_AR_EXTRA = [
    "وقال مسؤول إن {n} طبيبا انضموا إلى العمل في {place} يوم {weekday}.",
    "وأوضح البيان أن تكلفة المرحلة الثانية تبلغ {n} مليون جنيه على مدى {small} سنوات.",
    "وذكرت الوزارة أن {n} مريضا تلقوا العلاج في {place} خلال الأسبوع الأول.",
    "وأكد المحافظ أن العمل سيبدأ في {place} في {day} {month} المقبل.",
]
_SLOTS = {
    "en": {"place": _EN_SWAPS[1], "weekday": _EN_SWAPS[3], "month": _EN_SWAPS[4]},
    "ar": {"place": _AR_SWAPS[0], "weekday": _AR_SWAPS[1], "month": ("يناير", "مارس", "مايو", "أكتوبر")},
}


def _sentences(paragraphs: list[str]) -> list[str]:
    boundary = re.compile(r"(?:(?<=[.!?])|(?<=[.!?]”))\s+(?=[A-Z“\u0600-\u06ff])")
    return [s for p in paragraphs for s in boundary.split(p) if len(s.split()) >= 4]


def make_article(language: str, size: int, seed: int = 0) -> str:
    """An article of about ``size`` UTF-8 bytes: a header, then paragraphs of two to four paraphrased
    sentences (names, places and verbs rotated, numbers drawn afresh, filler sentences with slots), so
    that segmentation's duplicate-line filter keeps nearly all of it."""
    rng = random.Random(f"{language}-{size}-{seed}")
    if language == "en":
        header = ("Russia to offer peace 'memorandum' to Ukraine\n\nMoscow suggests new talks in Istanbul next week\n\n"
                  "Tim Stickings\n\nMay 28, 2025\n\n")
        pool, swaps, extra = _sentences(_paragraphs(SEED, 12)), _EN_SWAPS, _EN_EXTRA
    else:
        header = "وزارة الصحة تفتتح مستشفيات جديدة في الصعيد\n\n"
        pool, swaps, extra = _sentences(_paragraphs(ARABIC, 6)), _AR_SWAPS, _AR_EXTRA
    slots = _SLOTS[language]
    out, total = [header], len(header.encode())
    while total < size:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            if rng.random() < 0.35:
                sentence = rng.choice(extra).format(
                    n=rng.randint(2, 9000), small=rng.randint(2, 9), day=rng.randint(1, 28),
                    **{name: rng.choice(values) for name, values in slots.items()})
            else:
                sentence = rng.choice(pool)
                for group in swaps:
                    for word in group:
                        if word in sentence:
                            sentence = sentence.replace(word, rng.choice(group))
                            break
                sentence = re.sub(r"\d+(?:[.,]\d+)*", lambda m: _vary(m.group(0), rng), sentence)
            sentences.append(sentence)
        paragraph = " ".join(sentences)
        out.append(paragraph + "\n\n")
        total += len(paragraph.encode()) + 2
    return "".join(out)


def _vary(number: str, rng: random.Random) -> str:
    digits = number.replace(",", "")
    if re.fullmatch(r"(?:19|20)\d\d", digits):
        return str(rng.randint(1990, 2030))
    if "." in digits:
        return f"{rng.uniform(0.5, 99):.1f}"
    value = rng.randint(1, 10 ** max(1, len(digits)) * 3)
    return f"{value:,}" if "," in number else str(value)


# -- the old dense summariser path, kept as the reference ---------------------------------------------


def _reference(article, summary, local, settings, max_gb: float, max_embedded: int) -> dict:
    """The old summariser path on the same article (every sentence embedded, dense TF-IDF, n x n MMR):
    its time, the memory its matrices need, and whether its picks are the new path's picks."""
    import numpy as np

    from summarise.summarisers.extractive import DEFAULT_CONFIG, sentence_scores, sentence_vectors
    from summarise.summarisers.lexical import tokens, word_count

    texts = [s.text for s in article.sentences]
    n = len(texts)
    lexical = not local.card.embedded_package
    if not lexical and n > max_embedded:
        return {"skipped": f"it would embed all {n:,} sentences (> {max_embedded:,}; about {n * 0.03:.0f} s here)"}
    vocabulary = len({w for t in texts for w in tokens(t, article.language)}) if lexical else 0
    need_gb = 4 * (n * n + n * vocabulary) / 1e9
    if need_gb > max_gb:
        return {"skipped": f"its matrices would need {need_gb:.1f} GB (> {max_gb} GB)", "need_gb": round(need_gb, 2)}
    started = time.perf_counter()
    if lexical:
        vectors = dense_tfidf(texts, article.language)
    else:
        vectors = sentence_vectors(texts, local, settings, article.language)
    counts = [word_count(t) for t in texts]
    chosen = dense_select_mmr(sentence_scores(np.asarray(vectors), counts, DEFAULT_CONFIG), np.asarray(vectors),
                              settings.sentences, DEFAULT_CONFIG) if n > settings.sentences else list(range(n))
    seconds = time.perf_counter() - started
    picked = [article.sentences[i].text for i in chosen]
    return {"seconds": round(seconds, 2), "need_gb": round(need_gb, 2), "same_picks": picked == list(summary.texts)}


# -- one size in a child process ----------------------------------------------------------------------


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(language: str, size: int, reference: bool, max_gb: float, max_embedded: int) -> dict:
    from summarise import claims as claims_stage
    from summarise.pipeline import Pipeline
    from summarise.render import render
    from summarise.segment import from_text, segment
    from summarise.settings import load_settings
    from summarise.summarisers import summarise_article

    text = make_article(language, size)
    settings = load_settings({"max_input_bytes": max(2_000_000, 2 * size)})
    pipeline = Pipeline(settings)
    # Warm the models on a tiny article so loading is not charged to the first stage that uses it.
    pipeline.brief(from_text((SEED if language == "en" else ARABIC).read_text(encoding="utf-8")))
    warm_mb = _peak_mb()  # the models loaded and one small brief made: what a large input adds is above this
    stages: dict[str, float] = {}

    def done(stage: str, since: float) -> None:
        stages[stage] = time.perf_counter() - since
        # As it goes, so a run stopped by --timeout still shows how far it got.
        print(f"{stage} {stages[stage]:.2f} s, peak RSS so far {_peak_mb():,.0f} MB", file=sys.stderr, flush=True)

    started = time.perf_counter()
    article = segment(from_text(text, max_bytes=settings.max_input_bytes), language=None)
    done("segment", started)
    route = pipeline.route(article)
    t = time.perf_counter()
    summary = summarise_article(article, route.summariser, settings)
    done("summarise", t)
    t = time.perf_counter()
    (source,) = claims_stage.analyse_sources([article], settings)
    done("analyse_sources", t)
    t = time.perf_counter()
    reviewed, review_warnings = claims_stage.review_summary(article, summary, settings=settings, source=source)
    done("review_summary", t)
    translations, unavailable = pipeline.translate_summary(reviewed, route)
    t = time.perf_counter()
    brief = pipeline.assemble(article, route, reviewed, translations, unavailable, review_warnings, source=source)
    done("trace_claims+assemble", t)
    t = time.perf_counter()
    rendered = render(brief, "json")
    done("render_json", t)
    total = time.perf_counter() - started
    result = {
        "language": language, "bytes": len(text.encode()), "chars": len(text), "sentences": len(article.sentences),
        "summariser": route.summariser.card.name, "stages": {k: round(v, 2) for k, v in stages.items()},
        "total": round(total, 2), "peak_rss_mb": round(_peak_mb()), "warm_rss_mb": round(warm_mb),
        "claims": len(brief.claims),
        "json_bytes": len(rendered.encode()), "summary": list(reviewed.texts),
    }
    if reference:
        result["reference"] = _reference(article, summary, route.summariser, settings, max_gb, max_embedded)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="150k,1m,5m", help=f"comma-separated, of {', '.join(SIZES)} or bytes")
    parser.add_argument("--languages", default="en,ar")
    parser.add_argument("--write", type=Path, help="only write the generated articles into this folder")
    parser.add_argument("--skip-reference", action="store_true", help="do not run the old dense path")
    parser.add_argument("--reference-max-gb", type=float, default=3.0,
                        help="skip the old path beyond this much matrix memory")
    parser.add_argument("--reference-max-embedded", type=int, default=1_500,
                        help="skip the old MiniLM path beyond this many sentences (it embeds every one)")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds allowed per size (default 1800)")
    parser.add_argument("--child", nargs=2, metavar=("LANGUAGE", "BYTES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        language, size = args.child[0], int(args.child[1])
        result = run_one(language, size, not args.skip_reference, args.reference_max_gb, args.reference_max_embedded)
        print(json.dumps(result, ensure_ascii=False))
        return
    sizes = [(name, SIZES.get(name) or int(name)) for name in args.sizes.split(",")]
    languages = args.languages.split(",")
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for language in languages:
            for name, size in sizes:
                path = args.write / f"large-{language}-{name}.txt"
                path.write_text(make_article(language, size), encoding="utf-8")
                print(path)
        return
    print(f"# {time.strftime('%Y-%m-%d %H:%M')}  {os.cpu_count()} CPU(s)  python {sys.version.split()[0]}")
    print("# stage seconds; 'x seg' = total / segmentation alone; reference = old dense n x n / TF-IDF path")
    for language in languages:
        for name, size in sizes:
            command = [sys.executable, __file__, "--child", language, str(size),
                       "--reference-max-gb", str(args.reference_max_gb),
                       "--reference-max-embedded", str(args.reference_max_embedded)]
            if args.skip_reference:
                command.append("--skip-reference")
            try:
                finished = subprocess.run(command, check=False, capture_output=True, text=True, cwd=ROOT,
                                          timeout=args.timeout)
            except subprocess.TimeoutExpired as stopped:
                print(f"{language} {name}: not finished after {args.timeout} s; stages done:")
                progress = stopped.stderr.decode() if isinstance(stopped.stderr, bytes) else stopped.stderr or ""
                print("      " + progress.strip().replace("\n", "\n      "))
                continue
            if finished.returncode != 0:
                print(f"{language} {name}: failed\n{finished.stderr[-2000:]}")
                continue
            row = json.loads(finished.stdout.strip().splitlines()[-1])
            stages = row["stages"]
            seg = stages["segment"] or 1e-9
            print(f"{language} {name:>5}: {row['bytes']:>9,} B {row['sentences']:>6,} sentences  "
                  f"total {row['total']:7.2f} s "
                  f"({row['total'] / seg:4.1f} x seg)  peak RSS {row['peak_rss_mb']:6,} MB (models + a small brief: "
                  f"{row['warm_rss_mb']:,} MB)  claims {row['claims']:,}")
            print("      " + "  ".join(f"{k} {v:.2f}" for k, v in stages.items()))
            ref = row.get("reference")
            if ref:
                if "skipped" in ref:
                    print(f"      reference (dense) skipped: {ref['skipped']}")
                else:
                    ratio = ref["seconds"] / max(stages["summarise"], 1e-3)
                    print(f"      reference (dense) summarise {ref['seconds']:.2f} s ({ratio:.1f} x new), matrices "
                          f"{ref['need_gb']:.2f} GB, same picks: {ref['same_picks']}")


if __name__ == "__main__":
    main()
