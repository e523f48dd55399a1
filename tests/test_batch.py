"""``summarise batch`` end to end on tiny models: mixed good and bad inputs, manifest, resume, --force,
progress output, the library's stop signal, and brief_many agreeing with brief_article."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarise.batch import Progress, discover, read_manifest, run_batch
from summarise.cli import app
from summarise.pipeline import Failure, Pipeline
from summarise.records import Brief
from summarise.render.json import brief_to_dict
from summarise.settings import load_settings

# Articles written for these tests (not taken from any publication).
CITIES = ["Cairo", "Amman", "Beirut", "Rabat", "Tunis", "Doha", "Muscat", "Khartoum", "Baghdad", "Riyadh"]


def english_article(n: int) -> str:
    city = CITIES[n % len(CITIES)]
    return (
        f"Flooding in {city} forced {120 + n} families from their homes on Tuesday, officials said.\n\n"
        f"The city council said {n + 3} schools would stay closed until the water had gone down. "
        f"Engineers from the ministry of public works arrived on Wednesday to inspect {n + 2} damaged bridges.\n\n"
        f"Mayor Leila Haddad said the repairs would cost about ${n + 4} million and take six months. "
        f"Residents said the warning came too late for many shops in the old market."
    )


def arabic_article(n: int) -> str:
    city = ["القاهرة", "عمان", "بيروت", "الرباط"][n % 4]
    return (
        f"قالت السلطات في {city} إن {40 + n} عائلة غادرت منازلها بعد الأمطار الغزيرة يوم الثلاثاء.\n\n"
        f"وأعلن المجلس البلدي إغلاق {n + 5} مدارس حتى انحسار المياه. "
        "ووصل مهندسون من وزارة الأشغال العامة لتفقد الجسور المتضررة.\n\n"
        "وقال رئيس البلدية إن الإصلاحات ستستغرق ستة أشهر."
    )


pytestmark = pytest.mark.usefixtures("one_torch_thread")


@pytest.fixture(autouse=True)
def short_generation(monkeypatch):
    """Random tiny models never stop early, so they would run the cards' full lengths (84-512 tokens,
    4 beams); these tests check mechanics, so generate a few tokens with 2 beams instead."""
    import dataclasses

    from summarise.models.registry import Registry, load_registry

    cards = {
        name: dataclasses.replace(card, generation={**card.generation, "num_beams": 2, "max_length": 8, "min_length": 0})
        if card.kind == "seq2seq"
        else card
        for name, card in load_registry().cards.items()
    }
    monkeypatch.setattr("summarise.pipeline.load_registry", lambda: Registry(cards))


BOILERPLATE = "Subscribe to our newsletter\n\nShare on Facebook\n\nCookie settings\n\nAll rights reserved\n"


def write_mixed_inputs(root: Path, good_english: int = 3, good_arabic: int = 1) -> dict[str, list[Path]]:
    (root / "nested").mkdir(parents=True, exist_ok=True)
    good = []
    for n in range(good_english):
        path = root / (f"nested/en-{n}.txt" if n % 2 else f"en-{n}.txt")
        path.write_text(english_article(n), encoding="utf-8")
        good.append(path)
    for n in range(good_arabic):
        path = root / f"ar-{n}.md"
        path.write_text(arabic_article(n), encoding="utf-8")
        good.append(path)
    empty = root / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = root / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    greek = root / "greek.txt"  # a language the summariser named in these tests (mt5-xlsum) does not cover
    greek.write_text(
        "Στην Αθήνα, πλημμύρες ανάγκασαν εκατοντάδες οικογένειες να εγκαταλείψουν τα σπίτια τους την Τρίτη. "
        "Οι αρχές είπαν ότι τα σχολεία θα παραμείνουν κλειστά μέχρι να υποχωρήσουν τα νερά.\n",
        encoding="utf-8",
    )
    return {"good": good, "bad": [empty, binary, greek]}


def run_cli(args: list[str]):
    return CliRunner().invoke(app, args, catch_exceptions=False)


def latest(records: list[dict]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for record in records:
        out[record["id"]] = record
    return out


def test_mixed_batch_one_brief_per_good_article_and_an_error_per_bad_one(tmp_path, model_path_args):
    inputs = write_mixed_inputs(tmp_path / "in")
    out = tmp_path / "out"
    args = ["batch", str(tmp_path / "in"), "--out", str(out), "--format", "json,md", "--summariser", "mt5-xlsum"]
    result = run_cli([*args, *model_path_args])
    assert result.exit_code == 1, result.output  # some articles failed
    assert "batch finished" in result.output and "manifest:" in result.output
    records = read_manifest(out / "manifest.jsonl")
    assert len(records) == len(inputs["good"]) + len(inputs["bad"])  # one line per attempt
    by_input = {Path(r["input"]).name: r for r in records}
    for path in inputs["good"]:
        record = by_input[path.name]
        assert record["status"] == "ok" and record["error"] is None
        assert record["outputs"] == [f"{path.stem}.json", f"{path.stem}.md"] and record["output"] == f"{path.stem}.json"
        assert record["models"]["summariser"] == "mt5-xlsum"
        assert record["backends"]["mt5-xlsum"].startswith(("transformers", "ctranslate2"))
        assert record["seconds"] > 0
        brief = json.loads((out / f"{path.stem}.json").read_text(encoding="utf-8"))
        assert brief["schema"] == "summarise.brief/2"
        assert brief["source"]["path"] == str(path)
        assert (out / f"{path.stem}.md").read_text(encoding="utf-8").strip()
    assert by_input["ar-0.md"]["language"] == "ar" and by_input["en-0.txt"]["language"] == "en"
    assert by_input["ar-0.md"]["models"]["translator:ar-en"] == "opus-mt-ar-en"
    assert "empty" in by_input["empty.txt"]["error"] and by_input["empty.txt"]["status"] == "failed"
    assert "binary" in by_input["scan.txt"]["error"]
    assert "does not handle language 'el'" in by_input["greek.txt"]["error"]  # unsupported: recorded, job went on
    assert by_input["empty.txt"]["output"] is None and by_input["empty.txt"]["outputs"] == []
    assert sorted(p.name for p in out.iterdir() if p.suffix == ".json") == sorted(f"{p.stem}.json" for p in inputs["good"])
    assert not list(out.glob(".*.partial"))
    # Plain log lines (CliRunner is not a terminal): one per article, failures named.
    assert f"[{len(records)}/{len(records)}]" in result.output
    assert "FAILED" in result.output and "scan.txt" in result.output


def test_a_page_of_only_boilerplate_is_recorded_as_failed(tmp_path, model_path_args):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(english_article(1), encoding="utf-8")
    (tmp_path / "in" / "furniture.txt").write_text(BOILERPLATE, encoding="utf-8")
    result = run_cli(["batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--quiet", *model_path_args])
    assert result.exit_code == 1
    by_input = {Path(r["input"]).name: r for r in read_manifest(tmp_path / "out" / "manifest.jsonl")}
    assert by_input["furniture.txt"]["status"] == "failed" and by_input["furniture.txt"]["error"]
    assert by_input["good.txt"]["status"] == "ok"


def test_rerun_skips_finished_articles_retries_failures_and_force_redoes(tmp_path, model_path_args):
    inputs = write_mixed_inputs(tmp_path / "in", good_english=2, good_arabic=1)
    out = tmp_path / "out"
    args = ["batch", str(tmp_path / "in"), "--out", str(out), "--quiet", "--summariser", "mt5-xlsum", *model_path_args]
    assert run_cli(args).exit_code == 1
    first = read_manifest(out / "manifest.jsonl")
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}

    again = run_cli(args)
    assert again.exit_code == 1  # the bad inputs are tried again and fail again
    second = read_manifest(out / "manifest.jsonl")[len(first):]
    assert sorted(Path(r["input"]).name for r in second) == ["empty.txt", "greek.txt", "scan.txt"]
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")} == stamps  # finished briefs untouched
    assert "3 already done" in again.output

    forced = run_cli([*args, "--force"])
    assert forced.exit_code == 1
    third = read_manifest(out / "manifest.jsonl")[len(first) + len(second):]
    assert len(third) == len(inputs["good"]) + len(inputs["bad"])
    assert all(p.stat().st_mtime_ns > stamps[p.name] for p in out.glob("*.json"))

    # Asking for another format makes the finished articles unfinished for this command.
    more = run_cli([*args, "--format", "json,text"])
    fourth = read_manifest(out / "manifest.jsonl")[len(first) + len(second) + len(third):]
    assert more.exit_code == 1 and len(fourth) == len(third)
    assert sorted(p.name for p in out.glob("*.txt")) == sorted(f"{p.stem}.txt" for p in inputs["good"])


def test_articles_no_model_can_brief_are_recorded_as_failed_and_the_job_goes_on(tmp_path):
    from tests.test_cli_brief import FRENCH, GREEK

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "en.txt").write_text(english_article(0), encoding="utf-8")
    (tmp_path / "in" / "ar.txt").write_text(arabic_article(0), encoding="utf-8")
    (tmp_path / "in" / "el.txt").write_text(GREEK, encoding="utf-8")
    (tmp_path / "in" / "fr.txt").write_text(FRENCH, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(["batch", str(tmp_path / "in"), "--out", str(out), "--articles-per-batch", "4"])  # no models pulled
    assert result.exit_code == 1, result.output
    by_input = {Path(r["input"]).name: r for r in read_manifest(out / "manifest.jsonl")}
    assert by_input["en.txt"]["status"] == by_input["ar.txt"]["status"] == "ok"  # extractive, other half unavailable
    greek, french = by_input["el.txt"], by_input["fr.txt"]
    assert greek["status"] == french["status"] == "failed"
    assert "cannot brief an article in Greek (el)" in greek["error"] and "French (fr)" in greek["error"]
    assert "summarise models pull opus-mt-fr-en" in french["error"]
    assert greek["outputs"] == french["outputs"] == []
    assert sorted(p.name for p in out.glob("*.json")) == ["ar.json", "en.json"]


def test_all_good_batch_exits_zero_and_jsonl_inputs_are_named_by_id(tmp_path, model_path_args):
    lines = [json.dumps({"id": f"wire/{n}", "text": english_article(n)}) for n in range(2)]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(["batch", str(tmp_path / "feed.jsonl"), "--out", str(out), *model_path_args])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("*.json")) == ["wire_0.json", "wire_1.json"]
    assert {r["id"] for r in read_manifest(out / "manifest.jsonl")} == {"wire/0", "wire/1"}


def test_jsonl_texts_get_the_size_limit_and_mojibake_repair_of_files(tmp_path):
    lines = [
        json.dumps({"id": "huge", "text": "The council met. " * 120_000}),  # 2 MB: over one article's limit
        json.dumps({"id": "damaged", "text": "The firmâ€™s profit rose to â‚¬78bn, the minister said."}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    huge, damaged = discover([str(tmp_path / "feed.jsonl")])
    assert huge.source is None and "huge: input is larger than the 2,000,000-byte limit" in str(huge.error)
    assert damaged.error is None and damaged.source.text == "The firm’s profit rose to €78bn, the minister said."


def test_the_batch_command_limits_jsonl_texts_by_the_setting(tmp_path, model_path_args):
    lines = [json.dumps({"id": "long", "text": english_article(0)}), json.dumps({"id": "short", "text": "Short. " * 5})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    limit = len(english_article(0).encode()) - 1
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "feed.jsonl"), "--out", str(tmp_path / "out"), "--quiet",
                                      *model_path_args], env={"SUMMARISE_MAX_INPUT_BYTES": str(limit)})
    rows = {r["id"]: r for r in read_manifest(tmp_path / "out" / "manifest.jsonl")}
    assert rows["long"]["status"] == "failed" and f"{limit:,}-byte limit" in rows["long"]["error"]
    assert result.exit_code == 1


def test_unknown_format_and_missing_input_fail_before_any_work(tmp_path, model_path_args):
    result = CliRunner().invoke(app, ["batch", str(tmp_path), "--out", str(tmp_path / "o"), "--format", "pdf"])
    assert result.exit_code == 2 and "unknown format" in result.output
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "no such file" in result.output
    assert not (tmp_path / "o").exists()


class _StopAfter(Progress):
    """Asks the job to stop once ``count`` articles are done, as a first Ctrl-C does."""

    def __init__(self, stop: threading.Event, count: int):
        super().__init__()
        self.stop, self.count = stop, count

    def advance(self, attempt):
        super().advance(attempt)
        if self.tally.done >= self.count:
            self.stop.set()


def test_stop_finishes_the_articles_in_hand_then_a_rerun_completes(tmp_path, tiny_models):
    for n in range(5):
        (tmp_path / f"a{n}.txt").write_text(english_article(n), encoding="utf-8")
    settings = load_settings({"model_paths": {k: str(v) for k, v in tiny_models.items()}})
    items = discover([str(tmp_path / f"a{n}.txt") for n in range(5)])
    stop = threading.Event()
    out = tmp_path / "out"
    result = run_batch(items, out, pipeline=Pipeline(settings), progress=_StopAfter(stop, 1), stop=stop, articles_per_batch=2)
    assert result.interrupted and result.exit_code == 130
    assert result.ok == 2  # the group in hand when the stop came was finished and recorded
    assert len(read_manifest(out / "manifest.jsonl")) == 2
    resumed = run_batch(items, out, pipeline=Pipeline(settings), articles_per_batch=2)
    assert (resumed.skipped, resumed.ok, resumed.failed, resumed.exit_code) == (2, 3, 0, 0)
    assert sorted(p.name for p in out.glob("*.json")) == [f"a{n}.json" for n in range(5)]


def test_brief_many_gives_each_article_what_brief_article_gives_it(tiny_models):
    settings = load_settings({"model_paths": {k: str(v) for k, v in tiny_models.items()}})
    pipeline = Pipeline(settings)
    texts = [english_article(0), arabic_article(1), english_article(2)]
    articles = [pipeline.segment(text) for text in texts]
    together = pipeline.brief_many(articles)
    for article, brief in zip(articles, together):
        assert isinstance(brief, Brief)
        alone = pipeline.brief_article(article)
        assert brief_to_dict(brief) == brief_to_dict(alone)


def test_each_article_is_parsed_for_claims_once_for_review_and_trace(tiny_models, monkeypatch):
    from summarise import claims

    built: list[list[str]] = []
    real = claims.build_sources

    def counting(articles, glossary):
        built.append([a.body for a in articles])
        return real(articles, glossary)

    monkeypatch.setattr(claims, "build_sources", counting)
    settings = load_settings({"model_paths": {k: str(v) for k, v in tiny_models.items()}})
    pipeline = Pipeline(settings)
    articles = [pipeline.segment(english_article(n)) for n in range(3)]
    assert all(isinstance(b, Brief) for b in pipeline.brief_many(articles))
    assert built == [[a.body for a in articles]]  # one spaCy batch over the sources; review and trace reuse it
    # Long articles are taken together only up to a number of characters: what a group holds is bounded.
    from summarise import pipeline as pipeline_module

    built.clear()
    first_two = len(articles[0].body) + len(articles[1].body)
    monkeypatch.setattr(pipeline_module, "GROUP_CHARACTERS", first_two)
    assert all(isinstance(b, Brief) for b in pipeline.brief_many(articles))
    assert built == [[a.body for a in articles[:2]], [articles[2].body]]


def test_briefs_of_a_group_are_translated_back_in_one_call_per_model(tiny_models, monkeypatch):
    from summarise import translate

    calls: list[tuple[str, str, list]] = []
    real = translate.translate_plain

    def counting(documents, source, target, local, settings):
        calls.append((source, target, [tuple(d) for d in documents]))
        return real(documents, source, target, local, settings)

    monkeypatch.setattr(translate, "translate_plain", counting)
    settings = load_settings({"model_paths": {k: str(v) for k, v in tiny_models.items()}})
    pipeline = Pipeline(settings)
    articles = [pipeline.segment(text) for text in (english_article(0), arabic_article(1), english_article(2))]
    first, arabic, second = pipeline.brief_many(articles)
    arabic_briefs = [first.translation("ar").sentences, second.translation("ar").sentences]
    assert ("ar", "en", arabic_briefs) in calls  # both English articles' Arabic briefs went back in one call
    assert ("en", "ar", [arabic.translation("en").sentences]) in calls
    assert [c for c in calls if c[2] == arabic_briefs[:1] or c[2] == arabic_briefs[1:]] == []  # not one by one


def test_pipe_yields_one_result_per_input_in_order(tiny_models):
    settings = load_settings({"model_paths": {k: str(v) for k, v in tiny_models.items()}})
    results = list(Pipeline(settings).pipe([english_article(0), "   ", arabic_article(0)], articles_per_batch=2))
    assert [type(r) for r in results] == [Brief, Failure, Brief]
    assert results[0].article.language == "en" and results[2].article.language == "ar"
    assert "empty" in str(results[1].error)
