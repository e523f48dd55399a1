"""Lines the editors add around a story, recognised from the line alone (segment/furniture.py,
segment/widgets.py): contributor credits, editors' notes and opinion disclaimers, a video player's
labels, an invitation to a conversation on a social network. Each beside a news sentence in the same
words that stays."""

from __future__ import annotations

import pytest

from summarise.segment import from_text, segment
from summarise.segment.furniture import line_reason


@pytest.mark.parametrize(
    "line",
    [
        "CNN's Frederik Pleitgen, Pamela Boykoff and Anna-Maja Rappard contributed to this report.",
        "Jane Roe contributed reporting from Paris and Lyon.",
        "Editor's note: John Avlon is a contributor and senior political columnist for a weekly magazine.",
        "The opinions expressed in this commentary are solely those of John Avlon.",
        "ملاحظة المحرر: نشر هذا المقال أول مرة عام 2019.",
        "المقال يعبر عن رأي كاتبه ولا يعبر بالضرورة عن رأي الموقع",
        "Join the conversation on Facebook.",
        "JUST WATCHED",
        "Replay",
    ],
)
def test_editorial_furniture_is_recognised(line):
    assert line_reason(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "He said his staff contributed to this report's findings and that the report was accurate.",
        "Three agencies contributed to the report, which was published on Monday.",
        "The opinions expressed by the judge were unusual, lawyers said.",
        "Editors note that the company has grown fast since it was founded.",
        "Fans will replay the final in their heads for years, the coach said.",
        # found by a review of the first rules, which dropped these:
        "Shireen Abu Akleh, who was killed on Wednesday, contributed reporting from the West Bank for 25 years.",
        "A former stringer who contributed reporting in Syria was later killed, the group said.",
        "Dozens of local journalists contributed to this report in the early days of the war, he said.",
        "The views expressed in this letter are not those of the government, a spokesman said.",
    ],
)
def test_news_in_the_same_words_stays(line):
    assert line_reason(line) is None


def test_a_story_loses_its_credits_and_keeps_its_text():
    text = ("Editor's note: Jane Roe is a senior columnist for a weekly magazine.\n\n"
            "Turnout in the state primary fell by a quarter compared with four years ago, officials said.\n\n"
            "Party leaders blamed the weather and a crowded calendar for the decline in voters.\n\n"
            "The opinions expressed in this commentary are solely those of Jane Roe.\n\n"
            "John Doe contributed to this report.")
    article = segment(from_text(text), language="en")
    assert article.body.startswith("Turnout in the state primary") and article.body.rstrip().endswith("decline in voters.")


def test_a_long_line_of_capitalised_words_is_read_in_linear_time():
    # The first credit pattern nested its repeats: a line of 22 capitalised words took 1.7 s, 45 words
    # (still under the credit's word cap) would take days. An alarm turns such a hang into a failure.
    import signal

    def hang(*_):
        raise TimeoutError("line_reason did not return: exponential backtracking")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(10)
    try:
        assert line_reason(" ".join(["Word"] * 44) + " x") is None
        assert line_reason(", ".join(["Word Word"] * 20) + " and x") is None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
