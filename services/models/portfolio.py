"""Indexes the portfolio's grouped reads go through (SPEC §8). They sit on tables of other areas,
so they are declared here, beside nothing else, to keep those modules untouched."""

from __future__ import annotations

from sqlalchemy import Index

from services.models.sales import SegmentDay

_day = SegmentDay.__table__.c
# Covers the portfolio's sales query (accounts × marketplaces × a day range, B2B and total sales)
# so it never reads the table rows: 500 accounts × 2 marketplaces × 2 years stay fast.
SEGMENT_DAY_SALES = Index("ix_rollup_segment_day_sales", _day.account_id, _day.marketplace, _day.day,
                          _day.is_business, _day.sales_minor)
