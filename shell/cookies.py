"""Writes the sign-in cookie without a load-time round trip.

streamlit-authenticator 0.4.2 reads its cookie through ``st.context.cookies`` but still builds
extra-streamlit-components' CookieManager, which mounts an iframe on every run that reports all
cookies back and so reruns the page right after it loads. A user (or a test) typing into the
sign-in form during that rerun could lose what they typed. This writer mounts a tiny inline
component only on the runs that set or delete the cookie, and never sends a value back.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import streamlit as st

_JS = """
export default function(component) {
  const { data } = component;
  if (!data || !data.name) return;
  const base = `${encodeURIComponent(data.name)}=`;
  const attrs = '; path=/; SameSite=Strict';
  if (data.op === 'set') {
    document.cookie = base + encodeURIComponent(data.value) + '; expires=' + data.expires + attrs;
  } else if (data.op === 'delete') {
    document.cookie = base + '; expires=Thu, 01 Jan 1970 00:00:00 GMT' + attrs;
  }
}
"""

_writer = st.components.v2.component("b2b_cookie_writer", js=_JS)


class CookieWriter:
    """Drop-in for the parts of ``extra_streamlit_components.CookieManager`` stauth uses."""

    def __init__(self, key: str = "init") -> None:
        self.cookies: dict[str, str] = {}

    def _mount(self, data: dict) -> None:
        # a fresh nonce makes the browser run the script again even for the same cookie
        _writer(data={**data, "nonce": secrets.token_hex(4)}, key=f"cookie_{data['op']}", height=0)

    def set(self, cookie: str, val: str, key: str = "set", expires_at: datetime | None = None, **_: object) -> None:
        when = (expires_at or datetime.now() + timedelta(days=1)).astimezone(UTC)
        expires = when.strftime("%a, %d %b %Y %H:%M:%S GMT")  # RFC 1123, as cookies want it
        self._mount({"op": "set", "name": cookie, "value": val, "expires": expires})
        self.cookies[cookie] = val

    def delete(self, cookie: str, key: str = "delete") -> None:
        self._mount({"op": "delete", "name": cookie})
        self.cookies.pop(cookie, None)


def install() -> None:
    """Point streamlit-authenticator's cookie model at :class:`CookieWriter`."""
    from streamlit_authenticator.models import cookie_model

    cookie_model.stx = SimpleNamespace(CookieManager=CookieWriter)
