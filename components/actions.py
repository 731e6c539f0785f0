"""Business Action Center pieces (SPEC §3.4): the task list with Dismiss / Restore, time left."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qsl

import streamlit as st

from components.formatting import plain
from services import i18n
from services.i18n import N_
from services.i18n import gettext as _

TYPE_BADGES = {  # type → (badge, its label); the label is translated where the badge is shown
    "buyer_request": (":orange-badge[:material/request_quote: {label}]", N_("Buyer Request")),
    "credential": (":green-badge[:material/verified: {label}]", N_("Credentials")),
    "business_profile": (":blue-badge[:material/badge: {label}]", N_("Business Profile")),
    "welcome": (":violet-badge[:material/waving_hand: {label}]", N_("Welcome Series")),
}


def type_badge(task_type: str) -> str:
    if task_type not in TYPE_BADGES:
        return plain(task_type)
    badge, label = TYPE_BADGES[task_type]
    return badge.format(label=_(label))


def duration_left(expires_at: datetime, now: datetime) -> str | None:
    """'31 h', '25 min' until `expires_at`, or None once it has passed."""
    seconds = (expires_at - now).total_seconds()
    if seconds <= 0:
        return None
    if seconds < 3600:
        return _("{minutes} min").format(minutes=max(1, int(seconds // 60)))
    return _("{hours} h").format(hours=int(seconds // 3600))


def time_left(expires_at: datetime | None, now: datetime) -> str:
    """'expires in 31 h', 'expires in 25 min', 'expired' — or '' when the task has no expiry."""
    if expires_at is None:
        return ""
    left = duration_left(expires_at, now)
    return _("expired") if left is None else _("expires in {time}").format(time=left)


@dataclass(frozen=True)
class TaskRow:
    id: int
    type: str
    title: str
    page_file: str  # the page the link opens
    query: dict[str, str]  # its query parameters (the account's included)
    expires: str  # time_left(...) text


def split_link(link: str) -> tuple[str, dict[str, str]]:
    path, _, query = link.partition("?")
    return path, dict(parse_qsl(query))


def task_list(rows: Sequence[TaskRow], action_label: str | None, on_action: Callable[[int], None],
              key: str) -> None:
    """One line per task: type, title (a link that opens the page where the work is done), the
    expiry, and the Dismiss (or Restore) button when `action_label` is given."""
    for row in rows:
        cells = st.columns([1.6, 6, 1.4, 1.2], vertical_alignment="center")
        title = str(i18n.tr_stored(row.title))  # stored in English: shown in the reader's language
        cells[0].markdown(type_badge(row.type))
        cells[1].page_link(row.page_file, label=plain(title), query_params=row.query)
        cells[2].caption(row.expires)
        if action_label:
            cells[3].button(
                action_label,
                key=f"{key}_{row.id}",
                on_click=on_action,
                args=(row.id,),
                help=plain(_("{action} “{title}”").format(action=action_label, title=title)),
                width="stretch",
            )
