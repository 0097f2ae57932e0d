"""Names as large address books have them: a few very common first and family names, a long tail of rare ones.

Shared by the scaled demo and the benchmarks, so that what is measured has the repeated names real networks
have (the commonest first name about 4% of people, the commonest family name about 0.5%).
"""
from __future__ import annotations

import random

GIVEN = ("Maria Marie Mario Mariana José Jose Ana Anna Ann Anne John Jon Jonathan James Michael Mohammed "
         "Muhammad Ahmed Ali Fatima Aisha Wei Li Ming Yan Hiroshi Yuki Kenji Priya Raj Rahul Anil Sunita Olga "
         "Ivan Dmitri Sergei Elena Sofia Sophie Lucas Luca Leon Noah Emma Mia Lena Hannah Chloé Zoë Jürgen Søren "
         "Åsa Björn Kofi Ama Kwame Ngozi Chinedu Thabo Lerato Diego Carlos Lucía Camila Mateo Valentina Pedro "
         "Paulo João Ines Inês Pierre Jean Jeanne Luc Claire David Daniel Sarah Rachel Peter Paul Mark Lisa "
         "Laura Julia Julien Thomas Tomás Chen Huang Zhang Omar Layla Yusuf Zeynep Emre Mehmet Ayşe").split()
FAMILY = ("Smith García Müller Martin Rossi Kowalski Nguyen Wang Kim Patel Singh Cohen O'Brien Dubois "
          "Fernández Silva Santos Jones Brown Lee Tanaka Suzuki Ivanov Petrov Jensen Hansen Berg Öztürk").split()
SYLLABLES = "ka ri to mu ne sa lo vi de ber gan tor mel wic son ham ley dor fen gar lin mor pet ros sch ul".split()
GIVEN_SKEW, FAMILY_SKEW = 0.7, 0.6


def zipf_choice(rng: random.Random, items: list[str], count: int, skew: float) -> list[str]:
    """Draw ``count`` items with a Zipf-like skew (the first items far more often), as real names are."""
    weights = [1 / (rank + 1) ** skew for rank in range(len(items))]
    return rng.choices(items, weights=weights, k=count)


def family_names(rng: random.Random, count: int) -> list[str]:
    """Real surnames first, then made-up ones from syllables, ``count`` distinct names in all."""
    names = dict.fromkeys(FAMILY)
    while len(names) < count:
        names["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()] = None
    return list(names)


def full_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """``count`` (given, family) pairs with skewed, often repeated names."""
    givens = zipf_choice(rng, GIVEN, count, GIVEN_SKEW)
    families = zipf_choice(rng, family_names(rng, count), count, FAMILY_SKEW)
    return list(zip(givens, families))
