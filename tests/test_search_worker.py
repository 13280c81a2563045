"""docs/javascripts/zoekmachine.js, the search worker, run in Node with a stand-in for Pagefind.

The worker speaks Material's protocol (SETUP -> READY, QUERY -> RESULT) and turns Pagefind's answers into
Material's result items. Material puts an item's title and text into the page as HTML, so the worker must
escape them and keep only Pagefind's <mark>. The stand-in pagefind.js returns hostile titles and excerpts
and records the queries it gets; tests/browser/test_search.py runs the real thing in Chromium.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WORKER = ROOT / "docs" / "javascripts" / "zoekmachine.js"
NODE = shutil.which("node") or "node"  # make setup needs Node.js too (npm ci)

FAKE_PAGEFIND = """
export const seen = globalThis.__seen = { queries: [], options: [] };
const page = (number) => ({
  url: `/casussen/casus-${number}/`,
  meta: { title: number === 1 ? 'Wonen & <img src=x onerror=alert(1)> "samen"' : `Casus ${number}` },
  excerpt: number === 1 ? 'Een <mark>woning</mark> &lt;script&gt;alert(2)&lt;/script&gt; <b>vet</b>' : 'Tekst',
  sub_results: [
    { url: `/casussen/casus-${number}/`, title: 'zelfde pagina', excerpt: '' },
    { url: `/casussen/casus-${number}/#casus-${number}`, title: number === 1 ? 'Wonen & <img src=x onerror=alert(1)> "samen"' : `Casus ${number}`, excerpt: 'kop' },
    { url: `/casussen/casus-${number}/#lessen`, title: 'Lessen <i>', excerpt: 'een <mark>les</mark>' },
  ],
});
export async function options(value) { seen.options.push(value); }
export async function search(query) {
  seen.queries.push(query);
  const count = query === 'veel' ? 35 : 2;
  return { results: Array.from({ length: count }, (_, index) => ({ score: 10 - index / 10, data: async () => page(index + 1) })) };
}
"""

HARNESS = """
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const site = process.argv[2];
const messages = [];
const broadcasts = [];
let handler = null;
globalThis.self = { location: { href: pathToFileURL(path.join(site, 'javascripts', 'zoekmachine.js')).href } };
globalThis.addEventListener = (type, fn) => { handler = fn; };
globalThis.postMessage = (message) => messages.push(message);
globalThis.BroadcastChannel = class { postMessage(data) { broadcasts.push(data); } };
require(path.join(site, 'javascripts', 'zoekmachine.js'));
const steps = JSON.parse(process.argv[3]);
(async () => {
  for (const step of steps) {
    if (step.wait) { await new Promise((resolve) => setTimeout(resolve, step.wait)); continue; }
    handler({ data: step });
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  console.log(JSON.stringify({ messages, broadcasts, seen: globalThis.__seen || null }));
})();
"""


def run_worker(tmp_path: Path, steps: list[dict[str, Any]]) -> dict[str, Any]:
    site = tmp_path / "site"
    (site / "javascripts").mkdir(parents=True)
    (site / "pagefind").mkdir()
    # Node loads the worker (a classic script) as CommonJS and the stand-in as an ES module.
    shutil.copy(WORKER, site / "javascripts" / "zoekmachine.js")
    (site / "javascripts" / "package.json").write_text('{"type": "commonjs"}')
    (site / "pagefind" / "pagefind.js").write_text(FAKE_PAGEFIND)
    (site / "pagefind" / "package.json").write_text('{"type": "module"}')
    harness = tmp_path / "harness.cjs"
    harness.write_text(HARNESS)
    finished = subprocess.run([NODE, str(harness), str(site), json.dumps(steps)],
                              capture_output=True, text=True, timeout=60, check=False)
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout)


def test_setup_is_answered_with_ready_and_loads_nothing(tmp_path: Path) -> None:
    result = run_worker(tmp_path, [{"type": 0, "data": {"config": {}, "docs": []}}])
    assert result["messages"] == [{"type": 1}]
    assert result["seen"] is None  # Pagefind is loaded at the first query, not when a page opens


def test_a_query_gives_material_items_with_escaped_titles_and_only_marks_kept(tmp_path: Path) -> None:
    result = run_worker(tmp_path, [{"type": 0}, {"type": 2, "data": "woning"}])
    assert result["messages"][0] == {"type": 1}
    answer = result["messages"][1]
    assert answer["type"] == 3
    groups = answer["data"]["items"]
    assert len(groups) == 2
    page, *sections = groups[0]
    assert page["location"] == "/casussen/casus-1/"
    assert page["title"] == "Achtergrond · Wonen &amp; &lt;img src=x onerror=alert(1)&gt; &quot;samen&quot;"  # no soort: background
    assert page["text"] == "Een <mark>woning</mark> &lt;script&gt;alert(2)&lt;/script&gt; &lt;b&gt;vet&lt;/b&gt;"
    assert page["terms"] == {"woning": True}
    # Sections: the page itself and its own heading are left out; the others fold under the page.
    assert [section["location"] for section in sections] == ["/casussen/casus-1/#lessen"]
    assert sections[0]["title"] == "Lessen &lt;i&gt;"
    assert sections[0]["text"] == "een <mark>les</mark>"
    assert sections[0]["score"] < page["score"]
    assert result["broadcasts"] == [{"query": "woning", "shown": 2, "total": 2}]


def test_only_the_best_pages_are_loaded_and_the_total_is_broadcast(tmp_path: Path) -> None:
    result = run_worker(tmp_path, [{"type": 0}, {"type": 2, "data": "veel"}])
    groups = result["messages"][1]["data"]["items"]
    assert len(groups) == 10
    assert result["broadcasts"] == [{"query": "veel", "shown": 10, "total": 35}]


def test_while_typing_only_the_last_query_is_searched_and_answered(tmp_path: Path) -> None:
    steps = [{"type": 0}, {"type": 2, "data": "w"}, {"type": 2, "data": "wo"}, {"type": 2, "data": "won"},
             {"wait": 400}, {"type": 2, "data": "woning"}]
    result = run_worker(tmp_path, steps)
    assert result["seen"]["queries"] == ["won", "woning"]
    answers = [message for message in result["messages"] if message["type"] == 3]
    assert len(answers) == 2
    assert [b["query"] for b in result["broadcasts"]] == ["won", "woning"]


def test_an_empty_query_answers_no_items_without_searching(tmp_path: Path) -> None:
    result = run_worker(tmp_path, [{"type": 0}, {"type": 2, "data": "   "}])
    assert result["messages"][1] == {"type": 3, "data": {"items": []}}
    assert result["seen"] is None
