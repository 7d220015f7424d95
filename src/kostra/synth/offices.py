"""NAV offices: Oslo's districts, case workers (saksbehandlere) and journal numbers.

Oslo reports per district (bydel); the districts differ a lot in how many receive social
assistance, so records are spread over them with rough weights (the eastern and inner-city
districts have many, the western few; an approximation, not official figures).

SAKSBEHANDLER holds ten characters: a first name with an initial, initials, or a staff number,
depending on the office's habits; Norwegian names bring æ, ø and å into the file, which is what
tests of encodings need. Journal numbers are eight digits, unique within a file.
"""

from __future__ import annotations

from random import Random

from kostra.synth.sampling import Weighted

# Common Norwegian first names, several with æ, ø or å (all made-up combinations below).
# fmt: off
FIRST_NAMES = (
    "Anne", "Kari", "Ingrid", "Sølvi", "Åse", "Marit", "Hege", "Gøril", "Kjærsti", "Tove",
    "Siv", "Mette", "Ragnhild", "Bjørg", "Liv", "Ole", "Bjørn", "Håkon", "Ørjan", "Pål",
    "Kåre", "Øystein", "Jørgen", "Stian", "Lars", "Tor", "Åsmund", "Even", "Sindre", "Jens",
    "Sigbjørn", "Tormod", "Ivar", "Mads", "Åshild", "Frøydis", "Nils", "Ingvild", "Dag", "Siri",
)
# Common Norwegian surnames, for the people who answer the web forms (made-up combinations).
SURNAMES = (
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
    "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen",
    "Lund", "Sørensen", "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand", "Solberg",
    "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen", "Bakken", "Kristoffersen", "Mathisen",
    "Lie", "Amundsen", "Nguyen", "Rasmussen", "Ali", "Lunde", "Solheim", "Berge", "Moe",
    "Nygård", "Bakke", "Kristensen", "Fredriksen", "Holm", "Lien", "Hauge", "Christensen",
    "Andresen", "Nielsen", "Knudsen", "Evensen", "Sæther", "Aas", "Myhre", "Hanssen", "Ahmed",
    "Haugland", "Thomassen", "Sivertsen", "Simonsen", "Danielsen", "Berntsen", "Sandvik",
    "Rønning", "Arnesen", "Antonsen", "Næss", "Vik", "Haug", "Ellingsen", "Thorsen", "Edvardsen",
    "Birkeland", "Isaksen", "Gulbrandsen", "Ruud", "Aasen", "Strøm", "Myklebust", "Tangen",
    "Ødegård", "Eliassen", "Helland", "Bøe", "Jenssen", "Aune", "Mikkelsen", "Tveit", "Brekke",
    "Abrahamsen", "Madsen",
)
OSLO_DISTRICT_WEIGHTS = Weighted({
    "01": 12, "02": 9, "03": 6, "04": 5, "05": 4, "06": 2, "07": 2, "08": 3, "09": 7,
    "10": 7, "11": 8, "12": 11, "13": 6, "14": 4, "15": 9,
})
# fmt: on
_INITIALS = "ABDEFGHIJKLMNOPRSTVÅØ"
_STYLE = Weighted({"name": 0.6, "initials": 0.25, "number": 0.15})


def caseworkers(rng: Random, count: int) -> tuple[str, ...]:
    """`count` distinct case-worker identifiers of one office (at most ten characters)."""
    found: dict[str, None] = {}
    while len(found) < count:
        style = _STYLE.draw(rng)
        if style == "name":
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(_INITIALS)}"
        elif style == "initials":
            name = "".join(rng.choice(_INITIALS) for _ in range(3))
        else:
            name = f"SB{rng.randrange(10_000):04d}"
        found[name[:10]] = None
    return tuple(found)


def office_size(records: int) -> int:
    """How many case workers report a file of `records` records (about 60 cases each)."""
    return max(1, min(2_000, round(records / 60)))


def journal_numbers(rng: Random, count: int) -> list[str]:
    """`count` distinct eight-digit journal numbers, in random order."""
    low = rng.choice((1_000_000, 10_000_000, 20_000_000))
    return [f"{n:08d}" for n in rng.sample(range(low, low + max(count * 20, 100_000)), count)]
