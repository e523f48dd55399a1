"""Dates as pages print them, English and Arabic, to ISO 8601."""

from __future__ import annotations

import pytest

from summarise.segment.dates import find_date, is_timestamp_line, split_leading_timestamp


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("May 28, 2025", "2025-05-28"),
        ("28 May 2025", "2025-05-28"),
        ("Thursday, August 2, 2012", "2012-08-02"),
        ("Jan. 5, 2023", "2023-01-05"),
        ("Sept 3 2014", "2014-09-03"),
        ("5th August, 2015", "2015-08-05"),
        ("Published 14 March 2024, 09:12 GMT", "2024-03-14"),
        ("Sun, 11 Mar 2018 05:03:20 GMT", "2018-03-11"),  # RFC 2822
        ("Mon, 05 Feb 2018 14:33:27 +0000", "2018-02-05"),
        ("2025-05-28", "2025-05-28"),
        ("2024-11-22T07:30:00+00:00", "2024-11-22"),
        ("2024/06/10", "2024-06-10"),
        ("12/28/2015 AT 04:50 PM EST", "2015-12-28"),
        ("28.05.2025", "2025-05-28"),
        ("الأربعاء ١٢ يونيو/حزيران ٢٠٢٤", "2024-06-12"),  # Arabic-Indic digits, both month names
        ("١٢ حزيران/يونيو ٢٠٢٤", "2024-06-12"),
        ("28 أيار (مايو) 2025", "2025-05-28"),
        ("5 كانون الثاني 2020", "2020-01-05"),
        ("الأربعاء 11/نوفمبر/2020 - 01:15 م", "2020-11-11"),  # slashes around an Arabic month name
        ("5 كانون الأول 2020", "2020-12-05"),
        ("في ١٢ نوفمبر/تشرين الثاني ٢٠١١", "2011-11-12"),
        ("3 آب/أغسطس 2023", "2023-08-03"),
        ("نشر في 10/6/2024", "2024-06-10"),  # day first in Arabic text
        ("14 جويلية 2021", "2021-07-14"),  # Maghreb month name
    ],
)
def test_dates_parse_to_iso(text, iso):
    found = find_date(text)
    assert found is not None and found[0] == iso


@pytest.mark.parametrize("text", ["May we go now?", "31 February 2024", "on 5 June", "the 2024 budget", "13/13/2020"])
def test_no_date_where_there_is_none(text):
    assert find_date(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "May 28, 2025",
        "Published 14 March 2024, 09:12 GMT",
        "Updated 14 March 2024, 11:40 GMT",
        "2 November 2014 Last updated at 17:20 GMT",
        "June 3, 2023 at 4:15 p.m. EDT",
        "Sun, 11 Mar 2018 05:03:20 GMT",
        "آخر تحديث: ٢٣ تموز/يوليو ٢٠٢٣ - ١٠:٤٥ ص",
        "الأربعاء ١٢ يونيو/حزيران ٢٠٢٤",
        "3 hours ago",
        "منذ ساعتين",
    ],
)
def test_timestamp_lines(text):
    assert is_timestamp_line(text)


@pytest.mark.parametrize(
    "text",
    [
        "The vote is on 5 June 2024.",
        "Talks resume on May 28, 2025 in Geneva",
        "قال الوزير إن الاجتماع عقد في 5 يونيو 2024.",
        "Tim Stickings",
    ],
)
def test_prose_with_a_date_is_not_a_timestamp_line(text):
    assert not is_timestamp_line(text)


def test_leading_timestamps_are_split_off():
    assert split_leading_timestamp("date 2025-05-28 Russia has insisted that Ukraine", need_label=True) == (
        "date 2025-05-28",
        "2025-05-28",
        "Russia has insisted that Ukraine",
    )
    assert split_leading_timestamp("Updated Jul 7, 2012 6:40 PM ET Juventus are reportedly leading", need_label=True)[
        1:
    ] == (
        "2012-07-07",
        "Juventus are reportedly leading",
    )
    assert split_leading_timestamp("Friday, May 5th 2000, 2:12AM GLADIATOR. With Russell Crowe", need_label=True)[
        2
    ] == ("GLADIATOR. With Russell Crowe")
    # A sentence that starts with a date keeps it.
    assert split_leading_timestamp("May 5, 2020 was a Tuesday", need_label=True) is None
    assert split_leading_timestamp("On 5 May 2020 the council met", need_label=True) is None


def test_an_ordinal_day_with_a_comma_before_the_month():
    # "تاريخ النشر: 15th, August 2023 GMT" on an Arabic aggregator: the ordinal day and its comma.
    assert find_date("تاريخ النشر: 3rd, March 2021 GMT")[0] == "2021-03-03"


def test_a_byline_that_says_when():
    from summarise.segment.metadata import parse_byline

    assert parse_byline("كتبها سارة منصور بتاريخ 2016/03/02") == (["سارة منصور"], "2016-03-02")
    assert parse_byline("Written by Ann Lee on 2 May 2020") == (["Ann Lee"], "2020-05-02")
    assert parse_byline("كتبه الوزير في رسالته إلى البرلمان يوم الأحد") is None


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("الخميس 12 رجب 1446 هـ - 12 يناير 2025 م", "2025-01-12"),
        ("٣ ذو القعدة ١٤٤٥ هـ الموافق ١١ مايو ٢٠٢٤ م", "2024-05-11"),
        ("1445/11/03 هـ - 2024/05/11 م", "2024-05-11"),
    ],
)
def test_a_hijri_date_beside_the_gregorian_one_is_a_date_line_read_as_gregorian(line, iso):
    assert is_timestamp_line(line)
    assert find_date(line)[0] == iso


def test_a_sentence_naming_a_hijri_month_is_no_date_line():
    assert not is_timestamp_line("وقال الوزير إن الأسعار ارتفعت في رمضان 2024")


@pytest.mark.parametrize("line", ["5m ago", "2h ago", "منذ 3 ساعات"])
def test_a_live_blogs_relative_stamp_is_a_timestamp_line(line):
    assert is_timestamp_line(line)
    assert not is_timestamp_line("The ferry left 5m ago, the harbour master said.")


@pytest.mark.parametrize("banner", ["Thursday, 16 May 2024", "الخميس 16 مايو 2024 الموافق 08 ذو القعدة 1445"])
def test_the_date_under_the_headline_beats_a_banner_of_todays_date_above_it(banner):
    # The first date on the page was taken: a masthead's "today" above the headline.
    from summarise.segment import from_text, segment

    text = (f"{banner}\n\nGovernment approves three key decisions\n\nWednesday 11 November 2020 - 01:15 pm\n\n"
            "Prime Minister Mostafa Madbouly chaired a cabinet meeting by video conference on Wednesday to discuss "
            "a number of issues.\n\nThe government agreed to vacate its offices in Cairo after the move to the new "
            "capital.\n")
    assert segment(from_text(text)).published == "2020-11-11"
    updated = text.replace("Wednesday 11 November", "Updated: Wednesday 11 November")
    assert segment(from_text(updated)).published == "2024-05-16"


@pytest.mark.parametrize("label", ["Last edited:", "Revised", "Corrected:", "آخر تعديل:"])
def test_an_edit_date_under_the_headline_does_not_beat_the_date_above_it(label):
    from summarise.segment import from_text, segment

    text = (f"12 March 2025\n\nHarbour bridge to close to lorries\n\n{label} 14 March 2025 10:32\n\n"
            "The harbour bridge will close to lorries from Monday while engineers repair its deck.\n\n"
            "Cars and buses can still use the bridge, but lorries must take the ring road.\n")
    assert segment(from_text(text)).published == "2025-03-12"
