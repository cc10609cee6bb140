"""axe-core in a page or the map's frame: WCAG 2.1 A and AA rules and axe's best practices (landmarks, one
level-one heading), run where a person would be.

axe-core is a pinned devDependency (package.json); its script is put into the document under test with
Playwright's add_script_tag, so nothing is fetched from outside.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from playwright.sync_api import Frame, Page

from tests.browser.conftest import REPO, SETTLED_JS

AXE_SCRIPT = REPO / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

RUN_JS = """([tags, exclude]) => axe.run({exclude: exclude.map((selector) => [selector])},
  {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]}).then((result) => result.violations.map(
  (rule) => ({id: rule.id, impact: rule.impact, help: rule.help,
              nodes: rule.nodes.map((node) => ({target: node.target.join(" "), summary: node.failureSummary}))})))"""


def axe_violations(document: Page | Frame, exclude: Sequence[str] = ()) -> list[dict[str, Any]]:
    """axe's violations in this document; `exclude` names elements left out, each for a reason given where
    it is passed."""
    page = document.page if isinstance(document, Frame) else document
    page.wait_for_function(SETTLED_JS, timeout=30_000)
    if not document.evaluate("typeof window.axe === 'object'"):
        document.add_script_tag(content=AXE_SCRIPT.read_text())
    violations: list[dict[str, Any]] = document.evaluate(RUN_JS, [TAGS, list(exclude)])
    return violations


def readable(violations: list[dict[str, Any]]) -> str:
    """One line per failing element, for an assertion's message."""
    return "\n".join(
        f"{rule['id']} ({rule['impact']}): {node['target']}: {' '.join(node['summary'].split())[:300]}"
        for rule in violations
        for node in rule["nodes"]
    )
