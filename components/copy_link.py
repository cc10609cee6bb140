"""A "Copy link" button: the view's address goes to the clipboard, and stays visible to select by hand.

A tiny in-page component rather than st.code, whose syntax highlighter alone weighs 1.5 MB.
"""

from __future__ import annotations

import streamlit as st

_HTML = """
<div class="kcm-copy">
  <input class="kcm-copy-url" type="text" readonly aria-label="Link to this view">
  <button class="kcm-copy-button" type="button">Copy link</button>
</div>
"""

_CSS = """
.kcm-copy { display: flex; gap: 6px; align-items: center; font: 14px system-ui, sans-serif; }
.kcm-copy-url { flex: 1; min-width: 0; padding: 6px 8px; border: 1px solid #bbb; border-radius: 6px;
  font: 13px ui-monospace, monospace; color: #222; background: #fafafa; }
.kcm-copy-button { padding: 6px 12px; border: 1px solid #888; border-radius: 6px; background: #fff; cursor: pointer;
  font: 600 14px system-ui, sans-serif; color: #111; white-space: nowrap; }
"""

_JS = """
export default function ({ data, parentElement }) {
  const input = parentElement.querySelector(".kcm-copy-url");
  const button = parentElement.querySelector(".kcm-copy-button");
  const absolute = new URL(data.query, window.location.href).href;
  input.value = absolute;
  button.textContent = "Copy link";
  button.onclick = async () => {
    try {
      await navigator.clipboard.writeText(absolute);
    } catch (error) {
      input.select();
      document.execCommand("copy");  // plain http on a room's network has no clipboard API
    }
    button.textContent = "Copied";
  };
}
"""

_copy_link = st.components.v2.component("kursk_copy_link", html=_HTML, css=_CSS, js=_JS)


def copy_link(query: str, key: str) -> None:
    """Show the link for this query string ("?date=…") with a button that copies it."""
    _copy_link(key=key, data={"query": query})
