"""The protocol's figure: registrations over time, and turnout by region.

Ballots carry no time (secrecy of the vote), so the only time series the data honestly holds is
when voters registered; turnout is shown by region instead, with suppressed regions marked as
hidden and no bar, so the picture never reveals a figure the tables hide.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from itertools import accumulate

import matplotlib

matplotlib.use("Agg")  # no display on a server; chosen before pyplot is imported

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from core.regions import is_region, region_name
from reports.model import ProtocolData
from reports.texts import Texts

CHART_FILE = "figure-1-registration-turnout.png"


def turnout_chart(data: ProtocolData, texts: Texts) -> bytes:
    """Draw the figure as a PNG."""
    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4), dpi=120)
    try:
        _registrations(left, data, texts)
        _turnout(right, data, texts)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
        return buffer.getvalue()
    finally:
        plt.close(figure)


def _registrations(axes: Axes, data: ProtocolData, texts: Texts) -> None:
    axes.set_title(texts("chart", "registrations"), fontsize=9, wrap=True)
    days = registration_days(data, texts)
    if not days:
        axes.text(0.5, 0.5, texts("document", "none"), ha="center", transform=axes.transAxes)
        return
    places = [float(mdates.date2num(day)) for day, _ in days]
    daily = [count for _, count in days]
    axes.bar(places, daily, width=0.8, color="#9cc3de")
    axes.step(places, list(accumulate(daily)), where="mid", color="#1f5f8b")
    axes.set_ylim(bottom=0)
    axes.set_xlim(places[0] - 0.6, places[-1] + 0.6)
    axes.tick_params(axis="x", labelrotation=45, labelsize=7)
    axes.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
    axes.xaxis.set_major_formatter(mdates.DateFormatter(texts.setting("date_format")))


def registration_days(data: ProtocolData, texts: Texts) -> list[tuple[date, int]]:
    """Every day of the registration window (and any day someone registered), with its count."""
    counted = dict(data.registrations)
    window = {name: texts.local_day(at) for name, at in data.calendar}
    bounds = [*counted, window["registration_opens"], window["registration_closes"]]
    first, last = min(bounds), max(bounds)
    return [
        (first + timedelta(days=n), counted.get(first + timedelta(days=n), 0))
        for n in range((last - first).days + 1)
    ]


def _turnout(axes: Axes, data: ProtocolData, texts: Texts) -> None:
    axes.set_title(texts("chart", "turnout"), fontsize=9)
    regions = data.electorate.regions
    if regions is None or regions.withheld or not regions.rows:
        message = texts("voters", "no_regions" if regions is None else "withheld")
        axes.text(
            0.5,
            0.5,
            message,
            ha="center",
            va="center",
            wrap=True,
            fontsize=8,
            transform=axes.transAxes,
        )
        axes.set_axis_off()
        return
    rows = list(reversed(regions.rows))
    labels = [_name(row.region, texts) for row in rows]
    shares = [100 * row.turnout if row.turnout is not None else 0.0 for row in rows]
    axes.barh(labels, shares, color="#2e8b57")
    for place, row in enumerate(rows):
        shown = texts.percent(row.turnout) if row.turnout is not None else texts("chart", "hidden")
        axes.text(1, place, shown, va="center", fontsize=7)
    axes.set_xlim(0, 100)
    axes.tick_params(axis="y", labelsize=7)


def _name(code: str, texts: Texts) -> str:
    return region_name(code, texts.language.value) if is_region(code) else code
