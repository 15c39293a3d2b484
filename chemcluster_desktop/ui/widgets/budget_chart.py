"""The budget by funding source as a grouped bar chart (QtCharts): limit, planned, contracted, paid —
in millions of roubles, values on the bars, labelled axes, no 3D.

The figures come as ``Decimal``; they turn into chart coordinates only here, for drawing (the labels
are formatted from the Decimals, not from the drawn numbers).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter

SERIES = (
    ("limit", "Лимит", "#90a4ae"),
    ("planned", "План (НМЦК)", "#64b5f6"),
    ("contracted", "Законтрактовано", "#1f6fb2"),
    ("paid", "Оплачено", "#2e7d32"),
)
MLN = Decimal(1_000_000)


def _t(s: str) -> str:
    return QCoreApplication.translate("Procurement", s)


def mln(v: Decimal) -> Decimal:
    return (Decimal(v) / MLN).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class BudgetChart(QChartView):
    def __init__(self, parent=None):
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        chart.setLocalizeNumbers(True)
        chart.setLocale(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
        super().__init__(chart, parent)
        self.setObjectName("budgetChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(160)  # with the table below it, still inside a laptop window at 125 %
        self.values: dict[str, list[Decimal]] = {}
        self.categories: list[str] = []

    def set_rows(self, rows, grant_cap: Decimal | None = None) -> None:
        """rows: objects with name, limit, planned, contracted, paid (Decimal roubles)."""
        chart = self.chart()
        chart.removeAllSeries()
        for ax in list(chart.axes()):
            chart.removeAxis(ax)
        self.categories = [SHORT_NAMES.get(getattr(r, "code", ""), None) or _short(r.name) for r in rows]
        self.categories = [_t(c) for c in self.categories]
        series = QBarSeries()
        series.setLabelsVisible(True)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsPrecision(4)
        top = Decimal(1)
        self.values = {}
        for key, label, colour in SERIES:
            bs = QBarSet(_t(label))
            bs.setColor(QColor(colour))
            bs.setBorderColor(QColor(colour))
            bs.setLabelColor(QColor("#263238"))
            vals = [mln(getattr(r, key)) for r in rows]
            self.values[key] = vals
            for v in vals:
                bs.append(float(v))  # drawing coordinate only
                top = max(top, v)
            f = QFont()
            f.setPointSizeF(7.5)
            bs.setLabelFont(f)
            series.append(bs)
        series.setLabelsFormat("@value")
        chart.addSeries(series)
        ax = QBarCategoryAxis()
        ax.append(self.categories)
        ax.setTitleText(QCoreApplication.translate("Procurement", "Источник финансирования"))
        chart.addAxis(ax, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(ax)
        ay = QValueAxis()
        step = Decimal(10) if top <= 80 else Decimal(50)
        ticks = int(((top * Decimal("1.12")) / step).to_integral_value(rounding="ROUND_CEILING"))
        ay.setRange(0, float(ticks * step))
        ay.setTickCount(ticks + 1)
        ay.setLabelFormat("%.0f")
        ay.setTitleText(QCoreApplication.translate("Procurement", "млн ₽"))
        chart.addAxis(ay, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(ay)
        cap = QCoreApplication.translate("Procurement", "; грант — не более {0} млн ₽").format(_num(mln(grant_cap))) if grant_cap is not None else ""
        chart.setTitle(QCoreApplication.translate("Procurement", "Бюджет закупок по источникам, млн ₽{0}").format(cap))


SHORT_NAMES = {
    "federal": "Грант «Профессионалитет»",
    "regional": "Областной бюджет",
    "employer": "Работодатели",
    "own": "Собственные средства",
}


def _num(v: Decimal) -> str:
    q = v.normalize()
    return format(q, "f").replace(".", ",") if q != q.to_integral_value() else str(int(q))


def _short(name: str) -> str:
    words = name.split()
    out, line = [], ""
    for w in words:
        if len(line) + len(w) > 22 and line:
            out.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    out.append(line)
    return "\n".join(out[:3])


__all__ = ["BudgetChart", "mln"]
