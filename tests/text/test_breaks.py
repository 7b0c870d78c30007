"""No-break rules: the places issue 13 found broken, and what the rules may change."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiosk.text.breaks import (
    INSERTED,
    NO_BREAK_SPACE,
    WORD_JOINER,
    is_month,
    keep_together,
    last_words_together,
)


def shown(text: str) -> str:
    """Ties as "_", word joiners as "+", for readable assertions."""
    return text.replace(NO_BREAK_SPACE, "_").replace(WORD_JOINER, "+")


def test_a_number_keeps_its_azerbaijani_suffix() -> None:
    """The issue's "23-" / "cü" (the timeline, 1920x1080 az)."""
    assert "23-+cü" in shown(keep_together("faciənin 23-cü ildönümü anılır", "az"))
    assert "1990-+cı_il" in shown(keep_together("1990-cı il yanvarın 20-də", "az"))
    assert "2013-+cü" in shown(keep_together("18 yanvar 2013-cü il", "az"))
    assert "18-+də" in shown(keep_together("oktyabrın 18-də", "az"))


def test_a_particle_stays_with_the_word_before_it() -> None:
    """The issue's "demək olar" / "ki,"."""
    text = "işğalın ilk saatlarında demək olar ki, hərəkət edən hər şeyə"
    assert "olar_ki," in shown(keep_together(text, "az"))
    assert "ki,_" not in shown(keep_together(text, "az"))  # "ki," ends its phrase
    assert "həm_də" in shown(keep_together("həm Azərbaycana, həm də Sovet", "az"))


def test_a_two_word_name_is_not_split() -> None:
    """The issue's "Sovet" / "İttifaqının"; a long pair of capitals is no tie."""
    assert "Sovet_İttifaqının" in shown(keep_together("də Sovet İttifaqının xalqı", "az"))
    assert "Soviet_Union" in shown(keep_together("republics of the Soviet Union that", "en"))
    long_pair = keep_together("Azərbaycan Respublikasının səfirliyi", "az")
    assert "Azərbaycan Respublikasının" in long_pair


def test_german_capitalises_nouns_so_capitals_are_no_name() -> None:
    assert "Die Sowjetische" in keep_together("Die Sowjetische Armee", "de")


def test_a_short_compound_never_splits_at_its_hyphen() -> None:
    """The issue's "press-" / "reliz"; a long compound of long parts may."""
    assert "press-+reliz" in shown(keep_together("tarixli press-reliz", "az"))
    assert "press-+relizindən" in shown(keep_together("press-relizindən", "az"))
    assert WORD_JOINER not in keep_together("Schifffahrts-Gesellschaftsordnung", "de")


def test_a_day_and_its_month_stay_together_in_cldr_month_names() -> None:
    assert "20_January_1990" in shown(keep_together("day of 20 January 1990, Soviet", "en"))
    assert "18_yanvar" in shown(keep_together("Bakı, 18 yanvar 2013", "az"))
    assert "yanvarın_20-+də" in shown(keep_together("il yanvarın 20-də", "az"))
    assert "20._Januar" in shown(keep_together("Am 20. Januar 1990", "de"))
    assert "January_20" in shown(keep_together("on January 20 troops", "en"))
    assert "133_people" in shown(keep_together("133 people were killed", "en"))
    assert "700_nəfər" in shown(keep_together("təxminən 700 nəfər yaralandı", "az"))


def test_month_names_come_from_cldr() -> None:
    assert is_month("January", "en") and is_month("Jan", "en")
    assert is_month("yanvar", "az") and is_month("yanvarın", "az")  # with its suffix
    assert is_month("января", "ru") or is_month("январь", "ru")
    assert not is_month("Mayor", "en") and not is_month("Jane", "en")


def test_short_words_and_initials_go_with_the_next_word() -> None:
    assert "of_the" in shown(keep_together("the day of the events", "en"))
    assert "a_warning" in shown(keep_together("intended as a warning to", "en"))
    assert "və_tanklar" in shown(keep_together("əsgərlər və tanklar", "az"))
    assert "J._Smith" in shown(keep_together("said J. Smith today", "en"))
    # A short word that belongs to the number before it does not tie forward too.
    assert shown(keep_together("2013-cü il tarixli", "az")) == "2013-+cü_il tarixli"


def test_a_year_before_a_new_clause_is_no_unit() -> None:
    assert "1991 Azerbaijan" in keep_together("On 18 October 1991 Azerbaijan declared", "en")
    assert "1829 gegründet" in keep_together("wurde 1829 gegründet", "de")


def test_no_tied_run_is_longer_than_a_line() -> None:
    text = "On 18 October 1991 Azerbaijan declared"
    assert "On_18_October_1991" in shown(keep_together(text, "en"))
    narrow = shown(keep_together(text, "en", max_run=12))
    assert all(len(run) <= 12 for run in narrow.split())
    assert "18_October" in narrow  # the strongest tie is kept


def test_scripts_without_spaces_are_left_alone() -> None:
    assert keep_together("二〇一三年 一月 十八日", "zh") == "二〇一三年 一月 十八日"


def test_line_and_paragraph_separators_are_kept() -> None:
    assert keep_together("of\nthe a\u2028b", "en") == "of\nthe a\u2028b"


def test_the_last_two_words_are_tied() -> None:
    assert last_words_together("gave their lives.") == f"gave their{NO_BREAK_SPACE}lives."
    assert last_words_together("alone") == "alone"


@given(st.text(alphabet=st.sampled_from("ab1 -.,AİkiəJ\u00a0\n"), max_size=60))
def test_only_spaces_change_and_only_invisible_characters_are_added(text: str) -> None:
    """What kiosk.ui.text relies on to map the result back onto formatted text."""
    for language in ("en", "az", "de"):
        result = keep_together(text, language, max_run=10)
        stripped = "".join(character for character in result if character not in INSERTED)
        assert len(stripped) == len(text)
        for before, after in zip(text, stripped, strict=True):
            assert before == after or (before == " " and after == NO_BREAK_SPACE)
