import datetime
from unittest import mock

import pytest

from brytupp.people.identity_number import (
    PERSONNUMMER,
    SAMORDNINGSNUMMER,
    InvalidIdentityNumber,
    luhn_digit,
    parse_identity_number,
)

TODAY = datetime.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("raw", "value", "birth_date"),
    [
        ("201701012393", "201701012393", datetime.date(2017, 1, 1)),
        ("20170101-2393", "201701012393", datetime.date(2017, 1, 1)),
        ("170101-2393", "201701012393", datetime.date(2017, 1, 1)),
        ("1701012393", "201701012393", datetime.date(2017, 1, 1)),
        (" 170101-2393 ", "201701012393", datetime.date(2017, 1, 1)),
        ("121212-1212", "201212121212", datetime.date(2012, 12, 12)),
        ("121212+1212", "191212121212", datetime.date(1912, 12, 12)),
        ("191212121212", "191212121212", datetime.date(1912, 12, 12)),
    ],
)
def test_valid_personnummer_is_normalised_to_twelve_digits(raw, value, birth_date):
    number = parse_identity_number(raw, today=TODAY)

    assert number.value == value
    assert number.kind == PERSONNUMMER
    assert number.birth_date == birth_date
    assert str(number) == f"{value[:8]}-{value[8:]}"


def test_plus_sign_marks_a_person_aged_one_hundred_or_more():
    number = parse_identity_number("170101+2393", today=TODAY)

    assert number.value == "191701012393"
    assert number.birth_date == datetime.date(1917, 1, 1)


def test_samordningsnummer_adds_sixty_to_the_day():
    number = parse_identity_number("199001611236", today=TODAY)

    assert number.kind == SAMORDNINGSNUMMER
    assert number.birth_date == datetime.date(1990, 1, 1)
    assert number.value == "199001611236"


def test_short_samordningsnummer_is_accepted():
    number = parse_identity_number("900161-1236", today=TODAY)

    assert number.value == "199001611236"
    assert number.kind == SAMORDNINGSNUMMER


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("201701012394", "Kontrollsiffran stämmer inte. Kontrollera numret."),
        ("199001611237", "Kontrollsiffran stämmer inte. Kontrollera numret."),
        ("201702301233", "Numret innehåller inte ett giltigt födelsedatum."),
        ("20170101+2393", "Använd bindestreck, inte plustecken, när du anger 12 siffror."),
        ("abc", "Ange 12 siffror (ÅÅÅÅMMDDNNNN) eller 10 siffror med bindestreck (ÅÅMMDD-NNNN)."),
        ("", "Ange 12 siffror (ÅÅÅÅMMDDNNNN) eller 10 siffror med bindestreck (ÅÅMMDD-NNNN)."),
        (
            "20170101239",
            "Ange 12 siffror (ÅÅÅÅMMDDNNNN) eller 10 siffror med bindestreck (ÅÅMMDD-NNNN).",
        ),
        (
            "20170101--2393",
            "Ange 12 siffror (ÅÅÅÅMMDDNNNN) eller 10 siffror med bindestreck (ÅÅMMDD-NNNN).",
        ),
    ],
)
def test_invalid_numbers_are_refused_with_a_message(raw, message):
    with pytest.raises(InvalidIdentityNumber) as error:
        parse_identity_number(raw, today=TODAY)

    assert error.value.message == message


def test_a_birth_date_in_the_future_is_refused():
    with pytest.raises(InvalidIdentityNumber) as error:
        parse_identity_number("201701012393", today=datetime.date(2016, 12, 31))

    assert error.value.message == "Födelsedatumet ligger i framtiden."


def test_short_form_picks_the_century_that_is_not_in_the_future():
    # 26-12-01 has not come yet on TODAY, so a ten-digit 261201 means 1926.
    ten = "261201123"
    number = parse_identity_number(f"{ten[:6]}-{ten[6:]}{luhn_digit(ten)}", today=TODAY)

    assert number.birth_date == datetime.date(1926, 12, 1)


def test_today_is_the_date_in_stockholm_not_on_the_servers_clock():
    # 23:30 UTC on 4 December is 00:30 on 5 December in Stockholm: a child born on the 5th
    # is not born in the future, and the short form means 2090, not 1990. The year is far
    # from the machine's clock, so only the patched Django clock can make this pass.
    just_after_midnight = datetime.datetime(2090, 12, 4, 23, 30, tzinfo=datetime.UTC)
    ten = "901205123"

    with mock.patch("django.utils.timezone.now", return_value=just_after_midnight):
        twelve = parse_identity_number(f"20{ten}{luhn_digit(ten)}")
        short = parse_identity_number(f"{ten[:6]}-{ten[6:]}{luhn_digit(ten)}")

    assert twelve.birth_date == datetime.date(2090, 12, 5)
    assert short.birth_date == datetime.date(2090, 12, 5)
