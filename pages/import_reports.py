"""Import reports (issue 12): drop Seller Central / SP-API report files, see what each holds before
anything is written (a dry run in the service), import them with a progress bar, and undo any
import from the history. Sales reports need B2B edit, performance and AHR files Account Health edit."""

from __future__ import annotations

from datetime import date

import streamlit as st

from components.formatting import UNKNOWN, money, number, plain
from components.forms import field_errors
from components.imports import history_columns, history_frame, period_text, preview_frame
from services import imports
from services.errors import DomainError, ValidationError
from services.i18n import _, ngettext, tr, tr_stored
from services.marketplaces import marketplace
from shell import clock
from shell.actions import GENERAL, errors, run_action
from shell.context import require_any_page
from shell.db import session_scope
from shell.page import guard, header, set_notice

NAMED_BY_THE_PAGE = ("business_report_by_date", "business_report_by_child_asin")  # files that name no marketplace
PREVIEWS = "_imp_previews"  # {(file id, period, marketplace): checked preview or refusal}, this upload's files

guard()
ctx = require_any_page(("b2b", "health"), "edit")
me, mp = ctx.user.id, ctx.marketplace
allowed = tuple(kind for kind, area in imports.AREAS.items() if ctx.can(area, "edit"))
header(_("Import reports"), _("{account} · load the reports you download from Seller Central or pull with the "
                              "Selling Partner API. Nothing is written until you press Import.")
       .format(account=plain(ctx.account_name)))

with st.expander(_("Which files can I import?")):
    for kind in allowed:
        st.markdown(f"- {plain(_(imports.KIND_LABELS[kind]))}")
    st.caption(_("The kind of report is read from the file's content, never its name. A file with a bad row is "
                 "refused whole, with the line and column of each problem."))
if len(ctx.marketplaces) > 1:
    st.caption(_("Business Reports name no marketplace: they are read as {name} ({currency}). Pick another "
                 "marketplace in the sidebar to load its reports.").format(name=mp.name, currency=mp.currency))


def fmt_money(amount, code: str) -> str:
    info = marketplace(code or mp.code)
    return money(amount, info.currency, info.locale)


def fmt_number(value, code: str) -> str:
    return number(value, marketplace(code or mp.code).locale)


def _reasons(exc: DomainError) -> list[str]:
    found = exc.reasons if isinstance(exc, ValidationError) else [exc.message]
    return [str(tr(r)) for r in found]


def check(upload, period: tuple[date, date] | None) -> dict:
    """The service's dry run of one file (remembered for this upload): the preview, or why not."""
    cache = st.session_state.setdefault(PREVIEWS, {})
    key = (upload.file_id, period, mp.code)
    if key in cache:
        return cache[key]
    data = upload.getvalue()

    def preview(market: str | None):
        with session_scope() as session:  # a dry run: the service writes nothing
            return imports.preview_report(session, ctx.account_id, upload.name, data, user_id=me, marketplace=market,
                                          period=period, now=clock.now(), kinds=allowed)

    market = None
    try:
        found = preview(None)
        if found.kind in NAMED_BY_THE_PAGE and found.marketplace != mp.code:
            market = mp.code  # read as the marketplace chosen in the sidebar
            found = preview(market)
        outcome = {"ok": True, "preview": found, "marketplace": market}
    except ValidationError as exc:
        outcome = {"ok": False, "period": exc.field == "period", "reasons": _reasons(exc)}
    except DomainError as exc:
        outcome = {"ok": False, "period": False, "reasons": _reasons(exc)}
    cache[key] = outcome
    return outcome


def ask_period(upload) -> tuple[date, date] | None:
    """The by-child-item report has no dates: the period it covers, asked before the preview."""
    st.info(_("This report has no dates: choose the period it covers (the dates you picked in Seller Central)."),
            icon=":material/date_range:")
    left, right = st.columns(2)
    start = left.date_input(_("Period from"), value=None, max_value=ctx.today, key=f"imp_from_{upload.file_id}",
                            format="YYYY-MM-DD")
    end = right.date_input(_("Period to"), value=None, max_value=ctx.today, key=f"imp_to_{upload.file_id}",
                           format="YYYY-MM-DD")
    if start is None or end is None:
        return None
    if end < start:
        st.error(_("The period must end on or after its first day."))
        return None
    return start, end


def show_file(upload) -> dict | None:
    """One file's box: what it holds and what importing it would do, or why it is refused.
    Returns what to import (None when it cannot or need not be imported)."""
    with st.container(border=True, key=f"imp_file_{upload.file_id}"):
        st.markdown(_("**{name}** · {size} bytes").format(name=plain(upload.name), size=number(upload.size, mp.locale)))
        outcome = check(upload, None)
        period = None
        if not outcome["ok"] and outcome["period"]:
            period = ask_period(upload)
            if period is None:
                return None
            outcome = check(upload, period)
        problems = errors(f"imp_{upload.file_id}")
        field_errors(problems, GENERAL)
        if not outcome["ok"]:
            st.error(_("Refused — nothing was written. Fix the file (or download it again) and drop it here again:"),
                     icon=":material/block:")
            st.markdown("\n".join(f"- {plain(reason)}" for reason in outcome["reasons"]))
            return None
        found = outcome["preview"]
        markets = ", ".join(found.marketplaces)
        st.markdown(_(":blue-badge[{kind}]  \n**Marketplace:** {markets} · **Period:** {period} · **Rows:** {rows}")
                    .format(kind=plain(_(found.kind_label)), markets=markets,
                            period=plain(period_text(found.first_day, found.last_day)),
                            rows=number(found.rows, mp.locale)))
        for warning in found.warnings:
            st.warning(plain(str(tr_stored(warning))), icon=":material/warning:")
        if found.replaces:
            st.caption(_("Replaces the figures of import {ids} for the same days (undo this one to bring them "
                         "back).").format(ids=", ".join(f"#{i}" for i in found.replaces)))
        if found.order_days:
            st.caption(ngettext("{n} day now counted from order lines will come from this report instead.",
                                "{n} days now counted from order lines will come from this report instead.",
                                found.order_days).format(n=found.order_days))
        if found.preview:
            st.caption(_("The first rows, as they will be imported:"))
            st.dataframe(preview_frame(found.preview, fmt_money, fmt_number), hide_index=True, placeholder=UNKNOWN,
                         width="stretch", key=f"imp_preview_{upload.file_id}")
        if found.already_imported_id is not None:
            return None
        return {"upload": upload, "period": period, "marketplace": outcome["marketplace"], "preview": found}


def import_all(ready: list[dict]) -> None:
    """Write each checked file in its own transaction, with a progress bar; then show the history."""
    bar = st.progress(0.0, text=_("Importing…"))
    imported, rows, failed = 0, 0, False
    for n, item in enumerate(ready):
        upload = item["upload"]
        text = _("Importing {file} ({n} of {total})…").format(file=plain(upload.name), n=n + 1, total=len(ready))

        def progress(done: int, total: int, n: int = n, text: str = text) -> None:
            share = done / total if total else 1.0
            bar.progress(min(1.0, (n + share) / len(ready)), text=text)

        result = run_action(imports.import_report, ctx.account_id, upload.name, upload.getvalue(), user_id=me,
                            marketplace=item["marketplace"], period=item["period"], now=clock.now(),
                            progress=progress, kinds=allowed, errors_key=f"imp_{upload.file_id}", rerun=False)
        if result is None:
            failed = True
            continue
        imported += 1
        rows += result.rows
    bar.progress(1.0, text=_("Done."))
    st.session_state.pop(PREVIEWS, None)  # standing imports changed: check again
    if imported:
        set_notice(ngettext("Imported {n} file ({rows} rows).", "Imported {n} files ({rows} rows).", imported)
                   .format(n=imported, rows=number(rows, mp.locale)))
    if not failed:
        st.session_state["imp_uploader_round"] = st.session_state.get("imp_uploader_round", 0) + 1
    st.rerun()


uploads = st.file_uploader(_("Report files"), accept_multiple_files=True,
                           key=f"imp_files_{st.session_state.get('imp_uploader_round', 0)}",
                           help=_("CSV (Business Reports, AHR scores), tab-separated text (all orders) or JSON "
                                  "(SP-API reports). Several at once are fine."))
if uploads:
    ready = [item for upload in uploads if (item := show_file(upload)) is not None]
    label = ngettext("Import {n} file", "Import {n} files", len(ready)).format(n=len(ready))
    if st.button(label, type="primary", disabled=not ready, key="imp_go", icon=":material/upload:"):
        import_all(ready)
    if not ready:
        st.caption(_("Nothing to import yet: fix the files above, give a period, or drop other files."))
else:
    st.session_state.pop(PREVIEWS, None)

st.subheader(_("Import history"), anchor=False)
with session_scope() as session:
    history = imports.history(session, ctx.account_id, user_id=me)
if not history:
    st.info(_("Nothing imported yet. Drop a report above: it is checked and previewed before anything is "
              "written. On the demo, try the files in the samples/ folder."), icon=":material/inbox:")
    st.stop()
st.dataframe(history_frame(history), hide_index=True, placeholder=UNKNOWN, width="stretch", key="imp_history",
             column_config=history_columns())

undoable = [r for r in history if r.undone_at is None and ctx.can(imports.AREAS[r.kind], "edit")]
if not undoable:
    st.stop()
st.markdown(_("**Undo an import**"))
problems = errors("imp_undo")
chosen = st.selectbox(_("Import"), [r.id for r in undoable], key="imp_undo_id",
                      format_func=lambda i: next(f"#{r.id} · {r.filename} · {_(r.kind_label)}" for r in undoable
                                                 if r.id == i))
sure = st.checkbox(_("Yes, remove what this import brought: the figures it replaced come back."),
                   key=f"imp_undo_sure_{chosen}")
field_errors(problems, GENERAL)
if st.button(_("Undo import"), disabled=not sure, key="imp_undo", icon=":material/undo:"):
    run_action(imports.undo_import, ctx.account_id, chosen, user_id=me, now=clock.now(), errors_key="imp_undo",
               notice=_("Import #{id} undone: its figures are removed.").format(id=chosen))
