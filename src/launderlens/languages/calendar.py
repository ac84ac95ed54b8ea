"""Calendar words in, their numbers out: English month names and abbreviations -> 1-12,
weekday names -> 0-6 (Monday first); and the Russian and Ukrainian month, weekday, unit
and small number words the time expressions of those languages are built from.

One home for the calendar vocabulary, so that the time expressions of the claims stage and
the date changes of the rewrite stage read "Sept." and "Thursday" the same way.
"""

from __future__ import annotations

__all__ = ["MONTHS", "MONTH_AND_WEEKDAY_NAMES", "MONTH_NUMBERS", "SLAVIC_MONTH_NUMBERS",
           "SLAVIC_NUMBERS", "SLAVIC_ORDINAL_STEMS", "SLAVIC_PERIOD_UNITS", "SLAVIC_UNITS",
           "SLAVIC_WEEKDAY_NUMBERS", "WEEKDAYS"]

#: Lower-case full month names, January first.
MONTHS: tuple[str, ...] = ("january", "february", "march", "april", "may", "june", "july",
                           "august", "september", "october", "november", "december")
_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                  "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

#: Lower-case month names and their abbreviations (without the dot) -> month number.
MONTH_NUMBERS: dict[str, int] = {**{name: number for number, name in enumerate(MONTHS, start=1)},
                                 **_ABBREVIATIONS}

#: Lower-case weekday names in the order of :meth:`datetime.date.weekday` (Monday is 0).
WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday",
                             "saturday", "sunday")

#: Full month and weekday names as written in running text (capitalised): words that are
#: never a person's name.
MONTH_AND_WEEKDAY_NAMES: frozenset[str] = frozenset(
    name.capitalize() for name in (*MONTHS, *WEEKDAYS))


# -- Russian and Ukrainian ----------------------------------------------------------------

# Month names in the cases news uses them: nominative ("сентябрь"), genitive after a day
# ("4 сентября") and prepositional after "в"/"у" ("в сентябре"); Ukrainian likewise
# ("вересень", "4 вересня", "у вересні").
_SLAVIC_MONTHS = (
    "январь января январе січень січня січні",
    "февраль февраля феврале лютий лютого лютому",
    "март марта марте березень березня березні",
    "апрель апреля апреле квітень квітня квітні",
    "май мая мае травень травня травні",
    "июнь июня июне червень червня червні",
    "июль июля июле липень липня липні",
    "август августа августе серпень серпня серпні",
    "сентябрь сентября сентябре вересень вересня вересні",
    "октябрь октября октябре жовтень жовтня жовтні",
    "ноябрь ноября ноябре листопад листопада листопаді",
    "декабрь декабря декабре грудень грудня грудні",
)
#: Lower-case Russian and Ukrainian month forms -> month number.
SLAVIC_MONTH_NUMBERS: dict[str, int] = {
    form: number for number, forms in enumerate(_SLAVIC_MONTHS, start=1) for form in forms.split()}

# Weekdays as "в четверг" / "у четвер" puts them (accusative), Monday first.
_SLAVIC_WEEKDAYS = (
    "понедельник понеділок", "вторник вівторок", "среду середу",
    "четверг четвер", "пятницу п'ятницю п’ятницю", "субботу суботу",
    "воскресенье неділю",
)
#: Lower-case Russian and Ukrainian weekday forms -> 0-6 (Monday is 0).
SLAVIC_WEEKDAY_NUMBERS: dict[str, int] = {
    form: number for number, forms in enumerate(_SLAVIC_WEEKDAYS) for form in forms.split()}

#: Russian and Ukrainian unit words (every form a count takes) -> the unit.
SLAVIC_UNITS: dict[str, str] = {
    **dict.fromkeys(["день", "дня", "дней", "днів", "дні"], "day"),
    **dict.fromkeys(["неделю", "недели", "недель", "неделя", "тиждень", "тижні", "тижнів"], "week"),
    **dict.fromkeys(["месяц", "месяца", "месяцев", "місяць", "місяці", "місяців"], "month"),
    **dict.fromkeys(["год", "года", "лет", "рік", "роки", "років"], "year"),
}

#: Russian and Ukrainian number words up to ten (the forms a count of units takes).
SLAVIC_NUMBERS: dict[str, int] = {
    **dict.fromkeys(["один", "одна", "одну", "одного"], 1),
    **dict.fromkeys(["два", "две", "дві"], 2),
    "три": 3, "четыре": 4, "чотири": 4, "пять": 5, "п'ять": 5, "п’ять": 5, "шесть": 6,
    "шість": 6, "семь": 7, "сім": 7, "восемь": 8, "вісім": 8, "девять": 9, "дев'ять": 9,
    "дев’ять": 9, "десять": 10,
}

#: Russian and Ukrainian ordinal stems up to twelve -> the number; an adjective ending
#: follows ("седьм-ой", "седьм-ом", "сьом-ий", "трет-ьем", "трет-ього").
SLAVIC_ORDINAL_STEMS: dict[str, int] = {
    "перв": 1, "перш": 1, "втор": 2, "друг": 2, "трет": 3, "четверт": 4, "четвёрт": 4,
    "пят": 5, "п'ят": 5, "п’ят": 5, "шест": 6, "шост": 6, "седьм": 7, "сьом": 7, "восьм": 8,
    "девят": 9, "дев'ят": 9, "дев’ят": 9, "десят": 10, "одиннадцат": 11, "одинадцят": 11,
    "двенадцат": 12, "дванадцят": 12,
}
#: The unit words an ordinal period counts in ("седьмой год", "на седьмом году", "сьомий
#: рік", "у сьомому році") -> the unit.
SLAVIC_PERIOD_UNITS: dict[str, str] = {
    **dict.fromkeys(["год", "году", "года", "рік", "року", "році"], "year"),
    **dict.fromkeys(["месяц", "месяце", "місяць", "місяці"], "month"),
    **dict.fromkeys(["день", "дне", "день", "дня"], "day"),
}
