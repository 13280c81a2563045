"""Cost band: one comparable word per case from its structured costs, like the evidence level.

The thresholds below are a Thuisbasis convention for comparing cases, not a norm; the methodology page
shows them. Investment is compared per woning or plek (a total is divided by the case's number of
wooneenheden when known); else running costs per person, huishouden, woning or plek per year.
Qualified amounts ('ongeveer 2 miljoen') count with their value (a range with its middle), and the band
is then marked approximate.
"""

from __future__ import annotations

from dataclasses import dataclass

from thuisbasis.model.cases import Case, CostItem

# Investment per woning or plek, in euro.
INVESTMENT_LOW_BELOW = 50_000
INVESTMENT_HIGH_ABOVE = 150_000
# Running costs per person, huishouden, woning or plek per year, in euro.
RUNNING_LOW_BELOW = 10_000
RUNNING_HIGH_ABOVE = 30_000

RUNNING_KINDS = frozenset({"exploitatie", "begeleiding"})
PER_UNIT = frozenset({"woning", "plek"})
PER_RESIDENT = frozenset({"persoon", "huishouden", "woning", "plek"})
MONTHS_PER_YEAR = 12
INVESTMENT, RUNNING = "investering", "lopende kosten"
PER_TEXT = {INVESTMENT: "per woning", RUNNING: "per bewoner per jaar"}


@dataclass(frozen=True)
class Band:
    id: str  # laag, midden, hoog, bekend, onbekend
    label: str
    meaning: str


BANDS = {
    "laag": Band("laag", "Laag", "Investering onder € 50.000 per woning, of lopende kosten onder € 10.000 per "
                 "bewoner per jaar."),
    "midden": Band("midden", "Midden", "Investering € 50.000 tot € 150.000 per woning, of lopende kosten € 10.000 "
                   "tot € 30.000 per bewoner per jaar."),
    "hoog": Band("hoog", "Hoog", "Investering boven € 150.000 per woning, of lopende kosten boven € 30.000 per "
                 "bewoner per jaar."),
    "bekend": Band("bekend", "Bedragen bekend, niet per woning",
                   "Er zijn bedragen bekend, maar niet om te rekenen naar een woning of een bewoner."),
    "onbekend": Band("onbekend", "Niet bekend", "De bronnen noemen geen kosten."),
}


@dataclass(frozen=True)
class CostBand:
    band: Band
    approximate: bool = False  # rests on a qualified amount or a range
    per_unit: float | None = None  # the compared amount in euro
    what: str = ""  # what was compared: 'investering' or 'lopende kosten'
    per: str = ""  # 'per woning' or 'per bewoner per jaar'


def cost_band(case: Case) -> CostBand:
    for compare in (_investment_per_unit, _running_per_resident_per_year):
        found = compare(case)
        if found is not None:
            amount, what, approximate = found
            limits = (INVESTMENT_LOW_BELOW, INVESTMENT_HIGH_ABOVE) if what == INVESTMENT else (
                RUNNING_LOW_BELOW, RUNNING_HIGH_ABOVE)
            return CostBand(band=BANDS[_band_id(amount, *limits)], approximate=approximate, per_unit=amount,
                            what=what, per=PER_TEXT[what])
    return CostBand(band=BANDS["bekend" if case.costs else "onbekend"])


def _band_id(amount: float, low_below: float, high_above: float) -> str:
    if amount < low_below:
        return "laag"
    return "hoog" if amount > high_above else "midden"


def _investment_per_unit(case: Case) -> tuple[float, str, bool] | None:
    units = case.scale.units if case.scale is not None else None
    for item in case.costs:
        if item.kind.id != "investering" or item.period.id != "eenmalig":
            continue
        if item.per.id in PER_UNIT:
            return item.amount.value, INVESTMENT, not item.amount.is_exact
        if item.per.id == "totaal" and units:
            return item.amount.value / units, INVESTMENT, not item.amount.is_exact
    return None


def _running_per_resident_per_year(case: Case) -> tuple[float, str, bool] | None:
    items = [item for item in case.costs
             if item.kind.id in RUNNING_KINDS and item.per.id in PER_RESIDENT and item.period.id != "eenmalig"]
    if not items:
        return None
    total = sum(_per_year(item) for item in items)
    return total, RUNNING, any(not item.amount.is_exact for item in items)


def _per_year(item: CostItem) -> float:
    return item.amount.value * (MONTHS_PER_YEAR if item.period.id == "per-maand" else 1)
