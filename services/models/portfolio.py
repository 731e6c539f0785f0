"""Indexes the portfolio's grouped reads go through (SPEC §8). They sit on tables of other areas,
so they are declared here, beside nothing else, to keep those modules untouched."""

from __future__ import annotations

from sqlalchemy import Index

from services.models.health import AhrScore
from services.models.sales import DayRollup

_day = DayRollup.__table__.c
# Covers the portfolio's sales query (accounts × marketplaces × a day range, B2B and total sales,
# from the one daily truth) so it never reads the table rows: 500 accounts × 2 marketplaces × 2
# years stay fast.
DAY_SALES = Index("ix_rollup_day_sales", _day.account_id, _day.marketplace, _day.day, _day.total_sales_minor,
                  _day.b2b_sales_minor)
_score = AhrScore.__table__.c
# Covers the AHA window count (days at or above 250 in the 180 before today) for many accounts.
AHR_SCORE_COVER = Index("ix_ahr_score_account_day_score", _score.account_id, _score.day, _score.score)
