"""Negation added or dropped, read with the words it governs (summarise/claims/negation.py)."""

from __future__ import annotations

import re

from summarise.claims.negation import negation_change, scopes
from summarise.claims.source import SourceIndex, tokenise

SOURCE = ("He attended the meeting on Monday. The club said the money was not enough to keep the ground. "
          "The mayor did not attend the gala. Nobody was hurt in the fire.")


def index(text: str = SOURCE) -> SourceIndex:
    return SourceIndex(text, [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)], [])


def change(summary: str, nearest: list[int]) -> tuple[bool, bool]:
    return negation_change(tokenise(summary), index(), nearest)


def test_a_negation_governs_the_first_content_word_after_it_or_the_next_word():
    assert scopes(tokenise("He did not attend the meeting")) == ({"attend"}, {"meet"})
    assert scopes(tokenise("It wasn't enough"))[0] == {"enough"}
    negated, plain = scopes(tokenise("No injuries reported but the search will continue"))
    assert "injury" in negated and "search" in plain and "search" not in negated


def test_a_negation_the_source_makes_in_a_sentence_that_is_not_the_closest_is_no_addition():
    # The sentence-level test saw no negation in the closest sentence (0) and called it added.
    assert change("The money wasn't enough to keep the ground.", nearest=[0]) == (False, False)


def test_negating_what_the_source_says_plainly_is_an_addition_even_beside_another_negation():
    # The closest sentences negate something else (the gala): the sentence-level test passed this.
    assert change("He did not attend the meeting on Monday.", nearest=[0, 2]) == (True, False)


def test_a_negation_of_something_else_in_the_source_does_not_support_it():
    # "attend" is negated in the source, but of the gala, in a sentence sharing no other word.
    assert change("He did not attend the meeting.", nearest=[0])[0]


def test_a_negation_in_the_summary_s_own_words_falls_back_to_the_closest_sentences():
    assert change("Residents escaped unscathed, with none injured.", nearest=[3]) == (False, False)
    assert change("Residents escaped unscathed, with none injured.", nearest=[0]) == (True, False)


def test_a_dropped_negation_is_a_negated_word_said_plainly():
    assert change("Somebody was hurt in the fire.", nearest=[3]) == (False, True)
    assert change("The mayor attended the gala.", nearest=[2]) == (False, True)


def test_only_content_words_count_as_said_plainly():
    # "wasn't enough" governs "enough" (no content word follows), but "was enough" is not taken for
    # its undoing: a word like "for" after a negation would make every "for" suspect.
    assert change("The money was enough to keep the ground.", nearest=[1]) == (False, False)


def test_the_object_of_a_negated_verb_may_stand_before_it():
    # "Ukraine has not confirmed a meeting" said in the passive: nothing dropped, nothing added.
    source = SourceIndex("Ukraine has not confirmed a meeting.", [(0, 36)], [])
    assert negation_change(tokenise("A meeting has not been confirmed by Ukraine so far."), source, [0]) == (False, False)


def test_a_compression_that_leaves_the_negated_clause_out_drops_nothing():
    assert change("The club spoke about the ground.", nearest=[1]) == (False, False)
    assert change("The mayor did not attend the gala.", nearest=[2]) == (False, False)


def sentences(text: str) -> SourceIndex:
    return index(text)


def test_the_stemmer_s_misses_do_not_hide_a_dropped_negation():
    source = sentences("The two sides did not agree on a ceasefire.")
    assert negation_change(tokenise("The two sides agreed on a ceasefire."), source, [0]) == (False, True)


def test_a_negation_with_nothing_after_it_is_read_by_the_closest_sentences():
    source = sentences("The minister answered the question.")
    assert negation_change(tokenise("The minister said no."), source, [0]) == (True, False)


def test_a_word_negated_once_and_said_plainly_once_is_no_dropped_negation():
    source = sentences("The mayor did not attend the gala. The governor attended.")
    summary = tokenise("The mayor did not attend the gala, but the governor attended.")
    assert negation_change(summary, source, [0, 1]) == (False, False)


def test_a_negation_in_other_words_than_the_close_source_sentence_is_no_addition():
    source = sentences("Hundreds attended the gala. The mayor did not go.")
    assert negation_change(tokenise("The mayor did not attend the gala."), source, [0, 1]) == (False, False)
