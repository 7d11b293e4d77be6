"""Invented people and organisations for the demo: plausible, and nobody in particular."""

from __future__ import annotations

import random

WOMEN = (
    "Айгерим",
    "Асель",
    "Ботагоз",
    "Гульнара",
    "Дана",
    "Жанна",
    "Зарина",
    "Камила",
    "Лаура",
    "Мадина",
    "Назерке",
    "Сауле",
    "Томирис",
    "Алия",
    "Айжан",
    "Динара",
    "Ирина",
    "Ольга",
)
MEN = (
    "Ержан",
    "Нурлан",
    "Асхат",
    "Бауыржан",
    "Данияр",
    "Ербол",
    "Кайрат",
    "Марат",
    "Олжас",
    "Руслан",
    "Серик",
    "Тимур",
    "Арман",
    "Алексей",
    "Сергей",
    "Виктор",
)
SURNAMES = (
    "Абенов",
    "Беков",
    "Жумабаев",
    "Искаков",
    "Касымов",
    "Мукашев",
    "Нурланов",
    "Тулегенов",
    "Ахметов",
    "Байжанов",
    "Ермеков",
    "Кенжебаев",
    "Омаров",
    "Сарсенов",
    "Утегенов",
    "Смагулов",
)
ORGANISATION_KINDS = ("ОФ", "ОО", "ЧУ", "КФ")
ORGANISATION_WORDS = (
    "Шаг вперёд",
    "Надежда",
    "Сана Сезим",
    "Доверие",
    "Равные",
    "Жизнь+",
    "Ак Ниет",
    "Аман",
    "Здоровье сообщества",
    "Партнёрство",
    "Луч",
    "Мейірім",
    "Ренессанс",
    "Свеча",
    "Болашақ",
)
STATEMENTS = (
    "Доступ к терапии в каждом районе, без очередей и без стигмы.",
    "Сообщество должно участвовать в каждом решении о закупках и услугах.",
    "Бесплатная диагностика и поддержка равных консультантов в регионах.",
    "Защита персональных данных и право на помощь без страха.",
    "Больше средств на профилактику и на работу аутрич-сотрудников.",
)
REPORT_BACK = (
    "Ежемесячные встречи в чате сообщества и отчёт после каждого заседания.",
    "Открытые онлайн-встречи раз в квартал и письменный отчёт.",
)


def person_name(draw: random.Random, taken: set[str]) -> str:
    """A full name nobody else in the demo has."""
    while True:
        woman = draw.random() < 0.5
        first = draw.choice(WOMEN if woman else MEN)
        name = f"{first} {draw.choice(SURNAMES)}{'а' if woman else ''}"
        if name not in taken:
            taken.add(name)
            return name


def organisation_name(draw: random.Random, taken: set[str]) -> str:
    """An organisation's name nobody else in the demo uses."""
    while True:
        name = f"{draw.choice(ORGANISATION_KINDS)} «{draw.choice(ORGANISATION_WORDS)}»"
        if name in taken:
            name = f"{name[:-1]} {draw.randint(2, 99)}»"
        if name not in taken:
            taken.add(name)
            return name
