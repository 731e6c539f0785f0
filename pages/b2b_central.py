"""B2B Central (SPEC §3): Sales Snapshot, B2B Performance by Industry, Top Products, Business Action Center."""

from __future__ import annotations

import streamlit as st

from components.actions import TaskRow, split_link, task_list, time_left
from components.charts import snapshot_figure, top_products_figure
from components.controls import METRIC_LABELS, metric_and_range, range_query
from components.donut import clickable_donut, donut_svg
from components.formatting import bucket_label, metric_value, money, number, plain
from components.forms import field_errors
from components.industry import ALL, industry_slices, industry_table, show_industry_table
from components.snapshot import (
    segment_checkboxes,
    segment_labels,
    show_table,
    snapshot_table,
    sources_caption,
    summary_figures,
    unknown_note,
)
from components.top_products import top_products_table
from services import actions
from services.i18n import N_, _, day
from services.sales import snapshot_summary
from shell import clock, data
from shell.actions import GENERAL, errors, run_action
from shell.context import link_params, require_page
from shell.db import session_scope
from shell.nav import PAGES
from shell.page import guard, header
from shell.widgets import framed, refresh_counter

guard()
ctx = require_page("b2b")
mp = ctx.marketplace
header(_("B2B Central"), _("{account} · {marketplace} ({currency}) · merchant token {token} · today is {today} in "
                         "{marketplace}").format(account=plain(ctx.account_name), marketplace=mp.name,
                                                 currency=mp.currency, token=plain(ctx.merchant_token),
                                                 today=day(ctx.today, mp.locale)))

version = data.data_version(ctx)
if not data.has_sales(ctx, version):
    st.info(_("This account has no sales yet. Import your Business Reports, Sales & Traffic reports or order "
              "reports and B2B Central fills in."), icon=":material/upload_file:")
    if ctx.can("b2b", "edit") or ctx.can("health", "edit"):
        st.page_link("pages/import_reports.py", label=_("Import reports"), icon=":material/upload_file:",
                     query_params=link_params(ctx))
    st.stop()


def fmt_money(value) -> str:
    return money(value, mp.currency, mp.locale)


def fmt_number(value) -> str:
    return number(value, mp.locale)


def sales_snapshot() -> None:
    controls = metric_and_range("snap", ctx.today, mp.locale)
    if controls.error is not None:
        return
    frame = data.sales_snapshot(ctx, controls.start, controls.end, controls.metric, version,
                                refresh_counter("sales_snapshot"))

    def fmt(value) -> str:
        return metric_value(value, controls.metric, mp.currency, mp.locale)

    metric_label = _(METRIC_LABELS[controls.metric])
    labels = [bucket_label(b, frame.attrs["grain"], mp.locale) for b in frame["bucket"]]
    summary_slot, chart_slot = st.container(), st.container()
    segments = segment_checkboxes("snap")
    compare = st.checkbox(_("Compare to last year"), key="snap_compare", bind="query-params",
                          help=_("Adds the same calendar dates one year earlier as dashed lines."))
    with summary_slot:
        summary_figures(snapshot_summary(frame), segments, fmt, metric_label)
    with chart_slot:
        if not frame["total"].any():
            st.info(_("No sales in this range. Pick a longer range or another marketplace."))
        fig = snapshot_figure(frame, segments, segment_labels(), compare, fmt, labels, metric_label)
        st.plotly_chart(fig, key="snap_chart", config={"displaylogo": False})
        if note := unknown_note(frame):
            st.caption(note)
    show_table(snapshot_table(frame, segments, compare, fmt, labels), fmt, key="snap_table")
    if where := sources_caption(frame):
        st.caption(where)
    st.page_link("pages/business_reports.py", label=_("View in Business Reports"), icon=":material/table_chart:",
                 query_params={**link_params(ctx), **range_query("snap", controls, "br")})


def industry_option(option: str) -> str:
    """The industry picker's options: industries are names (not translated); the first means all of them."""
    return _(ALL) if option == ALL else option


def _drill(industry: str) -> None:
    st.session_state["ind_industry"] = industry


def industry_performance() -> None:
    controls = metric_and_range("ind", ctx.today, mp.locale)
    if controls.error is not None:
        return
    top = data.industry_breakdown(ctx, controls.start, controls.end, controls.metric, None, version,
                                  refresh_counter("industry"))
    if top.empty:
        st.info(_("No B2B sales in this range, so there is nothing to break down by industry."))
        return
    chart_col, side_col = st.columns([3, 1])
    with side_col:
        chosen = st.selectbox(_("Industry"), [ALL, *top["segment"]], key="ind_industry", bind="query-params",
                              format_func=industry_option,
                              help=_("Pick an industry to see its sub-industries (or click its slice)."))
        industry = None if chosen in (None, ALL) else chosen
        if industry is not None:
            st.button(_("← All industries"), key="ind_back", on_click=_drill, args=(ALL,))
    frame = top if industry is None else data.industry_breakdown(
        ctx, controls.start, controls.end, controls.metric, industry, version, refresh_counter("industry"))
    total = frame["sales"].sum() if controls.metric == "sales" else frame["units"].sum()
    shown_total = fmt_money(total) if controls.metric == "sales" else fmt_number(total)
    sales = controls.metric == "sales"
    with chart_col:
        if industry is not None:
            st.markdown((_("**{industry}** · sub-industries · shares of the industry's sales") if sales else
                         _("**{industry}** · sub-industries · shares of the industry's units"))
                        .format(industry=plain(industry)))
        else:
            st.caption(_("Click a slice (or pick an industry on the right) to see its sub-industries. Shares of all "
                         "B2B sales.") if sales else
                       _("Click a slice (or pick an industry on the right) to see its sub-industries. Shares of all "
                         "B2B units."))
        if industry is None:
            centre = _("All B2B sales") if sales else _("All B2B units")
            title = _("B2B sales by industry") if sales else _("B2B units by industry")
        else:
            centre = (_("{industry} sales") if sales else _("{industry} units")).format(industry=industry)
            title = _("B2B sales by sub-industry") if sales else _("B2B units by sub-industry")
        svg = donut_svg(industry_slices(frame, controls.metric, fmt_money, fmt_number),
                        [centre, shown_total], clickable=industry is None, title=title)
        clickable_donut(svg, key="ind_donut", clickable=industry is None, on_click=_drill)
    show_industry_table(industry_table(frame, _("Industry") if industry is None else _("Sub-industry")), fmt_money,
                        fmt_number, key="ind_table")


def top_products() -> None:
    controls = metric_and_range("top", ctx.today, mp.locale)
    if controls.error is not None:
        return
    frame = data.top_products(ctx, controls.start, controls.end, controls.metric, version,
                              refresh_counter("top_products"))
    if frame.empty:
        st.info(_("No B2B sales in this range, so there are no top products yet."))
        return
    fmt = fmt_money if controls.metric == "sales" else fmt_number
    st.plotly_chart(top_products_figure(frame, controls.metric, fmt), key="top_chart",
                    config={"displaylogo": False})
    top_products_table(frame, fmt_money, fmt_number, link_params(ctx))


def _task_action(task_id: int, restore: bool) -> None:
    run_action(actions.restore_task if restore else actions.dismiss_task, task_id, ctx.user.id, clock.now(),
               errors_key="action_center", rerun=False)
    if not errors("action_center"):  # shown by the widget's run: a callback of a fragment draws nothing
        st.session_state["bac_toast"] = (_("Task restored.") if restore else
                                         _("Task dismissed. Turn on “Show dismissed” to bring it back."))


def action_center() -> None:
    now = clock.now()
    if toast := st.session_state.pop("bac_toast", None):
        st.toast(toast)
    dismissed = st.toggle(_("Show dismissed"), key="bac_dismissed", help=_("Dismissed tasks can be restored."))
    field_errors(errors("action_center"), GENERAL)
    with session_scope() as session:  # a plain read: the shell reconciled the derived tasks for this run
        tasks = (actions.dismissed_tasks if dismissed else actions.open_tasks)(session, ctx.account_id, now,
                                                                               user_id=ctx.user.id)
    rows = [task_row(t, now) for t in tasks]
    if not rows:
        st.info(_("No dismissed tasks.") if dismissed else
                _("Nothing to do right now: no buyer requests waiting, your profile and credentials are complete."))
        return
    label = (_("Restore") if dismissed else _("Dismiss")) if ctx.can("actions", "edit") else None
    task_list(rows, label, lambda task_id: _task_action(task_id, dismissed), key="bac")


def task_row(task, now) -> TaskRow:
    path, query = split_link(task.link)
    return TaskRow(task.id, task.type, task.title, PAGES[path].file, {**link_params(ctx), **query},
                   time_left(task.expires_at, now))


@st.fragment
def widget(key: str, title: str, draw) -> None:
    """One framed widget. A fragment: its controls (measure, range, drill-down, Minimize, Refresh,
    Dismiss) rerun this widget only, not the whole page."""
    body = framed(ctx.user.id, key, _(title))
    if body is not None:
        with body:
            draw()


widgets = [("sales_snapshot", N_("Sales Snapshot"), sales_snapshot),
           ("industry", N_("B2B Performance by Industry"), industry_performance),
           ("top_products", N_("Top Products"), top_products)]
if ctx.can("actions"):
    widgets.append(("action_center", N_("Business Action Center"), action_center))
for key, title, draw in widgets:
    widget(key, title, draw)
