import datetime as dt

import pytest

from newsarchive.dates import DateError, PartialDate, parse_date


@pytest.mark.parametrize("value, expected, text", [
    ("2021", PartialDate(2021), "năm 2021"),
    (2021, PartialDate(2021), "năm 2021"),
    ("2021-08", PartialDate(2021, 8), "tháng 8 năm 2021"),
    ("2021-08-02", PartialDate(2021, 8, 2), "ngày 2 tháng 8 năm 2021"),
    (dt.date(2021, 8, 2), PartialDate(2021, 8, 2), "ngày 2 tháng 8 năm 2021"),
])
def test_partial_dates_are_shown_as_given(value, expected, text):
    date = parse_date(value)
    assert (date.year, date.month, date.day) == (expected.year, expected.month, expected.day)
    assert date.vietnamese() == text


def test_datetime_with_offset():
    date = parse_date("2018-01-16T21:39:00+07:00")
    assert date.day == 16 and date.moment.utcoffset() == dt.timedelta(hours=7)
    assert date.vietnamese() == "21:39, ngày 16 tháng 1 năm 2018"
    assert date.iso() == "2018-01-16T21:39:00+07:00"


@pytest.mark.parametrize("value, fragment", [
    ("2021-02-30", "not a real day"),
    ("2021-13", "month 13"),
    ("0021", "out of range"),
    ("2018-01-16T21:39:00", "no UTC offset"),
    ("16/01/2018", "not a date"),
    ("", "not a date"),
    (True, "expected a date"),
    (None, "expected a date"),
    ([2021], "expected a date"),
])
def test_bad_dates_explain_how_to_write_them(value, fragment):
    with pytest.raises(DateError, match=fragment):
        parse_date(value)


def test_sort_order_puts_partial_dates_after_full_ones_of_their_period():
    dates = [parse_date(v) for v in ["2021", "2021-08", "2021-08-02", "2020-12-31"]]
    ordered = sorted(dates, key=PartialDate.sort_key)
    assert [d.iso() for d in ordered] == ["2020-12-31", "2021-08-02", "2021-08", "2021"]
