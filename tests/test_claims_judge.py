"""The learned claim judge (claims/judge.py), the two `summarise check` defects of issue 14, and the
pullable entailment model (models/nli.py) on a tiny random-weight DeBERTa-v3 built here."""

from __future__ import annotations

import json
import math

import pytest
from typer.testing import CliRunner

from summarise.claims import check_texts
from summarise.claims.check import check_many
from summarise.claims.glossary import load_glossary
from summarise.claims.judge import FEATURES, Judge, Judges, judge_from_dict, judges_from_dict, load_judge, summary_style
from summarise.claims.paraphrase import Alignment
from summarise.cli import app
from summarise.errors import ConfigError, ModelLoadError
from summarise.segment import from_text, segment
from summarise.settings import Settings
from tests.test_check_cli import PLANTED, files
from tests.test_claims_check import SOURCE

# Each merges two neighbouring source sentences in the source's own words and says nothing else;
# before the judge, both were flagged "weakly supported" (no single source sentence covers them).
MERGES = [
    ("Turkey hosted the first face-to-face talks for three years this month, where the two sides agreed to swap about "
     "2,000 prisoners."),
    "Zelenskyy accused Russia of disrespecting the talks and said Moscow's delegation had lacked any mandate to make decisions.",
]


@pytest.fixture(scope="module")
def article():
    return segment(from_text(SOURCE), language="en")


# -- the two `check` defects ---------------------------------------------------------------------------


@pytest.mark.parametrize("merge", MERGES)
def test_a_correct_merge_of_two_source_sentences_is_no_false_alarm(merge):
    checked = check_texts([("t", SOURCE, merge)], language="en")[0]
    assert checked.consistent, checked.to_dict()
    (sentence,) = checked.result.sentences
    assert sentence.support is not None and sentence.support >= sentence.threshold


def test_a_fusion_of_distant_sentences_is_still_flagged():
    fused = "The central bank hosted the first face-to-face talks on the memorandum with Zelenskyy's delegation."
    checked = check_texts([("t", SOURCE, fused)], language="en")[0]
    assert not checked.consistent


def test_the_json_says_what_the_source_says_for_a_mismatch(tmp_path):
    result = CliRunner().invoke(app, ["check", *files(tmp_path, PLANTED), "--json"])
    (claim,) = json.loads(result.stdout)["unsupported"]
    assert (claim["text"], claim["source_says"]) == ("3,000", "2,000")
    assert "2,000" in claim["reason"] and claim["source_sentence_index"] is not None


def test_source_says_is_empty_when_the_source_has_nothing_in_that_place():
    checked = check_texts([("t", SOURCE, "Officials said 7,000 volcanoes erupted in Peru.")], language="en")[0]
    assert checked.to_dict()["unsupported"] and all(u["source_says"] is None for u in checked.to_dict()["unsupported"])


# -- the judge -------------------------------------------------------------------------------------------


def test_shipped_weights_match_the_features_and_are_small():
    judges = load_judge()
    for judge in (judges.extractive, judges.abstractive):
        assert judge.features == FEATURES and 0.0 < judge.threshold < 1.0
        assert all(math.isfinite(w) for w in judge.weights)


def test_weights_for_other_features_are_refused():
    data = load_judge().abstractive.to_dict() | {"features": ["cosine"]}
    with pytest.raises(ConfigError, match="other features"):
        judge_from_dict(data)


def test_weights_without_both_judges_are_refused():
    with pytest.raises(ConfigError, match="extractive and abstractive"):
        judges_from_dict(load_judge().abstractive.to_dict())  # the one-judge file of earlier versions


@pytest.mark.parametrize("coverages, style", [
    ([1.0, 0.9, 0.8], "extractive"),  # copies the article sentence by sentence
    ([1.0, 0.4, 0.5], "abstractive"),  # most of it in new words
    ([1.0], "abstractive"),  # one sentence: XSum-style, whatever its words
    ([], "abstractive"),
])
def test_the_summary_style_follows_how_much_it_copies(coverages, style):
    assert summary_style(coverages) == style


def test_each_summary_is_rated_by_the_judge_of_its_style(article):
    # Two verbatim sentences make an extractive summary, one alone an abstractive one: a judge that passes
    # everything and one that fails everything, in either role, show which one rated each.
    passes, fails = _judge(10.0), _judge(-10.0)
    verbatim = ["Ukraine has not confirmed a meeting.", "Turkey this month hosted the first face-to-face talks for three years."]
    glossary = load_glossary()
    both = check_many([article, article], [verbatim, verbatim[:1]], glossary, similarity=_similarity(),
                      learned=Judges(extractive=passes, abstractive=fails))
    assert [r.consistent for r in both] == [True, False]
    swapped = check_many([article, article], [verbatim, verbatim[:1]], glossary, similarity=_similarity(),
                         learned=Judges(extractive=fails, abstractive=passes))
    assert [r.consistent for r in swapped] == [False, True]


def test_the_weakest_sentence_decides(article):
    good = "Sergey Lavrov said Russia was proposing new talks in Istanbul on June 2."
    fused = "The central bank hosted the first face-to-face talks on the memorandum with Zelenskyy's delegation."
    (alone,) = check_many([article], [[good]], load_glossary(), similarity=_similarity())
    (both,) = check_many([article], [[good, fused]], load_glossary(), similarity=_similarity())
    assert alone.consistent and not both.consistent
    assert [s.index for s in both.weak_sentences] == [1]


def test_a_vetoed_claim_flags_what_the_judge_passes(article):
    # A judge that passes every sentence still lets a wrong number (a veto family) through to the verdict.
    lenient = Judge(FEATURES, (0.0,) * len(FEATURES), (1.0,) * len(FEATURES), (0.0,) * len(FEATURES), 10.0, 0.5, ("number",))
    (result,) = check_many([article], [["The two sides agreed to swap about 3,000 prisoners."]], load_glossary(),
                           similarity=_similarity(), learned=lenient)
    assert result.sentences[0].support > 0.99
    assert [v.mention.text for _, v in result.unsupported] == ["3,000"] and not result.consistent
    # ... while a name the claim test doubts is overruled by that judge.
    (named,) = check_many([article], [["Sergey Shoigu said Russia was proposing new talks in Istanbul on June 2."]],
                          load_glossary(), similarity=_similarity(), learned=lenient)
    assert named.consistent and any(not v.supported for v in named.sentences[0].verdicts)


def test_without_the_sentence_model_the_judge_stays_out(article):
    (result,) = check_many([article], [[MERGES[0]]], load_glossary(), similarity=lambda items: [None] * len(items))
    assert result.sentences[0].support is None  # the hand-set word test decides, as before


def _similarity():
    from summarise.claims.paraphrase import embedded_similarity

    return embedded_similarity()


# -- the pullable entailment model -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_nli(tmp_path_factory):
    from tests.tiny_models import build_deberta_nli

    return build_deberta_nli(tmp_path_factory.mktemp("nli"))


def test_the_entailment_model_loads_and_scores(tiny_nli):
    from summarise.models.nli import present_entailment

    assert present_entailment(Settings(device="cpu", models_dir=tiny_nli / "none")) is None
    model = present_entailment(Settings(device="cpu", models_dir=tiny_nli / "none",
                                        model_paths={"deberta-v3-base-nli": str(tiny_nli)}))
    assert model is not None and model.entails == 0 and model.local.card.hub_id == "MoritzLaurer/DeBERTa-v3-base-mnli-fever-anli"
    scores = model.entailment([("Russia proposed talks in Istanbul.", "Talks were proposed."), ("A b c.", "D e f.")] * 9)
    assert len(scores) == 18 and all(0.0 < p < 1.0 for p in scores) and scores[0] == pytest.approx(scores[2], abs=1e-5)


def test_check_asks_the_entailment_model_when_present_and_the_brief_names_it_only_when_it_decided(tiny_nli, article):
    from summarise.claims import trace_claims
    from summarise.claims.check import ENTAILMENT_THRESHOLD
    from summarise.pipeline import Pipeline
    from summarise.records import Summary, SummarySentence

    settings = Settings(device="cpu", models_dir=tiny_nli / "none", model_paths={"deberta-v3-base-nli": str(tiny_nli)})
    checked = check_texts([("t", SOURCE, MERGES[0])], language="en", settings=settings)[0]
    (sentence,) = checked.result.sentences
    assert sentence.by_entailment and sentence.threshold == ENTAILMENT_THRESHOLD and 0.0 < sentence.support < 1.0
    assert sentence.support != pytest.approx(load_judge().abstractive.probability(sentence.features))  # the model's, not the judge's
    # A merged sentence is not verbatim: the model decides it, and the brief's provenance says so.
    merged = Summary("en", (SummarySentence(MERGES[0]),), "test", "extractive")
    assert trace_claims(article, merged, (), settings=settings).entailment_decided
    # An extractive brief's sentences are the source's own: the model is never asked, nor named.
    brief = Pipeline(settings).brief(SOURCE)
    assert not any(use.role == "claim-checker:entailment" for use in brief.models)
    verbatim = Summary("en", brief.summary.sentences, "test", "extractive")
    assert not trace_claims(article, verbatim, (), settings=settings).entailment_decided


def test_entailment_model_bin_weights_are_read_weights_only(tiny_nli, tmp_path):
    import shutil

    from summarise.models.nli import load_entailment
    from summarise.models.registry import load_registry
    from tests.tiny_models import write_code_running_bin

    folder = tmp_path / "nli"
    shutil.copytree(tiny_nli, folder, ignore=shutil.ignore_patterns("*.safetensors"))
    marker = tmp_path / "ran"
    write_code_running_bin(folder / "pytorch_model.bin", marker)
    settings = Settings(device="cpu", models_dir=tmp_path / "none", model_paths={"deberta-v3-base-nli": str(folder)})
    with pytest.raises(ModelLoadError):
        load_entailment(load_registry().get("deberta-v3-base-nli"), settings)
    assert not marker.exists()


def test_without_an_entailment_model_the_alignments_pass_through_unchanged(tmp_path):
    from summarise.claims.paraphrase import _with_entailment

    items = [("Talks were proposed.", ["Russia proposed talks in Istanbul."]), ("Nothing shared.", [])]
    aligned = [Alignment(0.9, 0.95, 0), None]
    out = _with_entailment(items, aligned, {}, Settings(device="cpu", models_dir=tmp_path / "none"))
    assert out == aligned and out[0].entailment is None


# -- one checker: the brief's claim table follows the judge as `check` does --------------------------------


def _judge(bias: float, threshold: float = 0.5) -> Judge:
    return Judge(FEATURES, (0.0,) * len(FEATURES), (1.0,) * len(FEATURES), (0.0,) * len(FEATURES), bias, threshold)


@pytest.mark.parametrize("bias, flagged", [(10.0, False), (-10.0, True)])
def test_the_claim_table_warns_exactly_when_check_flags(article, monkeypatch, bias, flagged):
    from summarise.claims import trace_claims
    from summarise.records import Summary, SummarySentence

    # A name the claim test doubts: a lenient judge overrules it in `check`, so the table must not warn
    # about it either; a strict judge confirms it in both. (Before, the table ignored the judge and warned
    # in both cases.)
    text = "Sergey Shoigu said Russia was proposing new talks in Istanbul on June 2."
    monkeypatch.setattr("summarise.claims.check.load_judge", lambda: _judge(bias))
    (checked,) = check_texts([("t", SOURCE, text)], language="en")
    assert any(not v.supported for s in checked.result.sentences for v in s.verdicts)  # the claim test doubts it
    assert checked.consistent is not flagged
    summary = Summary("en", (SummarySentence(text),), "test", "extractive")
    _, warnings, _ = trace_claims(article, summary, ())
    assert any("Shoigu" in w for w in warnings) is flagged
    if not flagged:
        row = next(c for c in trace_claims(article, summary, ())[0] if c.text == "Sergey Shoigu")
        assert "claim judge rates its sentence supported" in row.note


# -- placement (placement.py): where a sentence's claims and subject sit in the source ----------------------


def _gaps(text: str) -> dict[str, float]:
    (sentence,) = check_texts([("t", SOURCE, text)], language="en")[0].result.sentences
    assert sentence.similarity is not None  # not verbatim: the sentence model placed its claims
    features = dict(zip(FEATURES, sentence.features))
    return {name: features[name] for name in ("name_gap", "value_gap", "subject_gap")}


def test_a_subject_swapped_for_another_of_the_article_is_misplaced_and_the_faithful_one_is_not():
    faithful = _gaps("Lavrov proposed fresh talks in Istanbul, which Ukraine has yet to confirm.")
    swapped = _gaps("Zelenskyy proposed fresh talks in Istanbul, which Ukraine has yet to confirm.")
    assert max(faithful.values()) < 0.05
    assert swapped["subject_gap"] > 0.2  # Zelenskyy is in the article, but far from what the sentence says


def test_the_subject_of_one_sentence_with_the_predicate_of_another_is_misplaced():
    assert _gaps("The central bank hosted the first face-to-face talks for three years.")["subject_gap"] > 0.2
    assert max(_gaps("Turkey held the first direct talks between the two sides in three years.").values()) < 0.05


QUEBEC = ("Quebec premier Jean Charest has called a provincial election for September 4, after weeks of "
          "speculation in the media.\n\nThe opposition Parti Quebecois is led by Pauline Marois, who has promised "
          "a referendum on sovereignty.\n\nStudents have protested for months against higher tuition fees.\n\n"
          "Charest is the leader of the Quebec Liberal Party and has held his position as premier since 2003.")


def test_a_person_named_in_full_where_the_source_gives_the_surname_is_placed_there():
    # The source names him in full once, then as "Charest"; the summary writes the full name.
    faithful = "Jean Charest is the leader of the Quebec Liberal Party and has held his position as premier since 2003."
    (sentence,) = check_texts([("t", QUEBEC, faithful)], language="en")[0].result.sentences
    gaps = dict(zip(FEATURES, sentence.features))
    assert gaps["name_gap"] < 0.05 and gaps["subject_gap"] < 0.05
    swap = "Pauline Marois is the leader of the Quebec Liberal Party and has held her position as premier since 2003."
    (swapped,) = check_texts([("t", QUEBEC, swap)], language="en")[0].result.sentences
    assert dict(zip(FEATURES, swapped.features))["subject_gap"] > 0.2


def test_placement_gaps_read_each_claim_against_the_sentence_without_it():
    from summarise.claims.placement import Placed, placement_gaps

    related = [0, 3, 7]  # source sentence numbers of the candidates, in order
    whole = Alignment(0.9, 0.9, 0, cosines=(0.9, 0.5, 0.2))
    placed = [Placed("name", frozenset({7}), "sentence without the name"), Placed("value", frozenset({0}), "without the number")]
    # Without its own alignment, a claim is read against the whole sentence: the name's sentence 7 is 0.7 away.
    assert placement_gaps(whole, related, placed, {}) == pytest.approx((0.7, 0.0, 0.0))
    # Read without the name, the sentence is closest to 7 itself: no gap.
    without_name = {0: Alignment(0.6, 0.6, 2, cosines=(0.3, 0.4, 0.6))}
    assert placement_gaps(whole, related, placed, without_name) == pytest.approx((0.0, 0.0, 0.0))
    # A neighbour of the holding sentence counts as near (sentence 3 neighbours a claim in 2 or 4).
    assert placement_gaps(whole, related, [Placed("subject", frozenset({4}), None)], {}) == pytest.approx((0.0, 0.0, 0.4))
