"""Russian and Ukrainian words in; whether each is a past-tense verb out, read by its ending
with the nouns that share those endings kept out.

The past tense of both languages ends in a vowel and ``л`` (``сказал``, ``открыла``,
``заявили``, ``осталось``, ``оказался``), in Ukrainian also a vowel and ``в`` for the
masculine (``заявив``, ``сказав``, ``провів``, ``був``, ``загинув``); a few masculine
forms end in a consonant (``рос``, ``погиб``, ``достиг``) and are listed. Nouns share some
of these shapes: a consonant before ``л`` (``число``, ``школа``) never makes a past form
here, which keeps most of them out; the common nouns and names that still look like
verbs (``генерал``, ``сила``, ``дела``, ``цели``, ``обстрел``, ``Ярослав``, ``років``) are
listed. Where this is used it decides whether a clause tells of the past: a noun read as
a verb silences a check (a miss), and a verb read as a noun lets the clause's
present-tense word decide (a false finding: "досі був відрізаний" is past).
"""

from __future__ import annotations

import re

__all__ = ["has_past_verb", "is_past_verb"]

_WORD = re.compile(r"[\u0400-\u04ff'’ʼ-]+")
_VOWELS = "аяеёиіїуыюо"
# A vowel, then the past ending: masculine -л and feminine -ла (not after о: "стол",
# "футбол", "школа"), neuter and plural -ла/-ло/-ли, reflexive -лся/-лась/-лось/-лись (Ukrainian
# -лася/-лися/-вся), Ukrainian masculine -в after а, я, и, у (-ів only for listed verbs:
# the genitive plural "років", "днів" and towns "Харків", "Львів" end so too).
_PAST = re.compile(r"(?:[аяеёиуы]л|[аяеёиіуы]л[аои]|[аяеёиіуыо]л(?:ся|ась|ось|ись|ася|ися)"
                   r"|[аяиу]в|[аяиіу]вся|[аяиіу]вши)$")
# Nouns in -тив and -слав ("актив", "мотив", "ініціатив", "Ярослав", "Вроцлав").
_NOUN_ENDING = re.compile(r"(?:(?<!пла)тив|(?:яро|вяче|стан[иі]|влад[иі]|свято|миро|"
                          r"рост[иі]|бор[иі]|брон[иі]|вроц)слав[аыу]?)$")
# Past forms with a consonant before л or none at all: "шла", "пришли", "мог", "умер",
# "рос" (not "вопрос"), "погиб", and Ukrainian "провів", "відповів" (not "Львів"), "виріс".
_IRREGULAR = re.compile(r"(?:шл[аои]|ш[её]л|(?:^|[^а-яё])мог|смог|помог|сумел|умер|"
                        r"умерла|умерли|з[її]шов|прийшов|пішов|вийшов|міг|зміг|помер|"
                        r"померла|померли|(?<!ь)вів|сів|з'їв|(?:^|вы|под|воз|за)рос|погиб|"
                        r"достиг|исчез|возник|проник|привез|привёз|принес|принёс|"
                        r"(?:^|ви)ріс)$")
# Ukrainian masculine past in -ів: the verbs news use; other words in -ів are nouns.
_PAST_IV = frozenset({"хотів", "захотів", "зумів", "вмів", "сидів", "летів", "прилетів",
                      "велів", "висів", "горів", "терпів", "бачив", "звелів", "встиг",
                      "шумів", "посидів", "полетів", "мовчав"})
# Three-letter past forms, shorter than the endings are read on.
_SHORT_PAST = frozenset({"был", "жил", "дал", "пил", "бил", "шил", "вёл", "вел", "був"})
# Nouns, adjectives and names with a past-tense ending (and their usual case forms); the
# first names include those of people the knowledge base knows (Михаил, Ангела, Урсула).
_NOT_PAST_WORDS = """
генерал генерала генералы адмирал канал капитал материал сигнал журнал финал идеал персонал
потенциал арсенал трибунал скандал зал квартал интервал минерал радикал радикалы
ритуал пьедестал идеалы каналы сигналы материалы журналы финалы
адмирала канала капитала материала сигнала журнала финала идеала персонала потенциала
арсенала трибунала скандала зала квартала интервала минерала радикала ритуала
сила силы сили сил могила могил правила правило правил чернила мыло шило рыло светила
дела дело дел тела тело тел села село сел стрела стрелы джерела джерело джерел
отдел отдела раздел раздела предел предела передел удел надел обстрел обстрела обстрелы
обстріл обстрілу расстрел расстрела
цели целей модели недели отели дуэли дрели мели колыбели тіла діла
детали дали начало начала мало сало зеркало жало покрывало
крыла крыло тыл тыла стул аул караул кабул стамбул пули пуля
земли мили сомали мали дели непали
или либо али
прав держав заяв застав состав устав сплав рукав нрав архив пролив залив
київ кишинів
глав справ чили тель-авив
михаил михаила даниил даниила гавриил самуил павел михал михала данило гаврило
ангела урсула бинали
"""
_NOT_PAST = frozenset(_NOT_PAST_WORDS.split())


def is_past_verb(word: str) -> bool:
    """Whether the Russian or Ukrainian ``word`` reads as a past-tense verb."""
    w = word.lower().replace("’", "'").replace("ʼ", "'").strip("'-")
    if len(w) < 3 or w in _NOT_PAST:
        return False
    if w in _PAST_IV or w in _SHORT_PAST or _IRREGULAR.search(w):
        return True
    return len(w) >= 4 and _PAST.search(w) is not None and not _NOUN_ENDING.search(w)


def has_past_verb(text: str) -> bool:
    """Whether any Cyrillic word of ``text`` reads as a past-tense verb."""
    return any(is_past_verb(m.group(0)) for m in _WORD.finditer(text))
