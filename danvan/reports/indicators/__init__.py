"""The indicator catalogue: every figure a review reports, declared once.

Each indicator has a key, a Vietnamese label, the measure it counts (its noun, for the
narrative), the function that computes it for a scope and period, and the breakdowns it
allows. Providers per domain register their indicators on import.
"""

from . import democracy, emulation, hotspots, meetings, petitions  # noqa: F401  (register on import)
from .base import CATALOGUE, Indicator, IndicatorValue, ReportPeriod, compute_all, indicator

__all__ = ["CATALOGUE", "Indicator", "IndicatorValue", "ReportPeriod", "compute_all", "indicator"]
