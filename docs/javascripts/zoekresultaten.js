/* The site search's result panel (Material's search dialog, answered by javascripts/zoekmachine.js).
 *
 * 1. The count. The search worker loads and shows only the best pages (its MAX_RESULTS), so Material's count
 *    would say "10 overeenkomende documenten" when Pagefind found 134. The worker announces the real total
 *    on the "thuisbasis-zoeken" broadcast channel; this script then rewrites the count, for example to
 *    "134 overeenkomende documenten, de beste 10 staan hieronder". The count is a live region (role=status,
 *    overrides/partials/search.html), so a screen reader hears the corrected sentence. Material writes the
 *    count when its result arrives, which can be before or after the broadcast, so the sentence is applied
 *    both on the broadcast and whenever Material rewrites the count.
 * 2. The rest. When there are more results than shown, a link under the count opens the filter page
 *    (casussen/zoeken/, urls.py PAGES["search"]) with the same words, where every matching case is
 *    listed.
 * 3. Pasting. Material searches when a key is released in the search box; text pasted or dropped with the
 *    mouse changed nothing until the next key. Every change of the box's text now counts as one.
 */

const SITE_ROOT = new URL("../", import.meta.url); // this file is <site>/javascripts/zoekresultaten.js
const FILTER_PAGE = "casussen/zoeken/";

function sentence(answer) {
  return `${answer.total} overeenkomende documenten, de beste ${answer.shown} staan hieronder`;
}

function moreLink(meta) {
  const paragraph = document.createElement("p");
  paragraph.className = "tb-search-more";
  paragraph.hidden = true;
  const link = document.createElement("a");
  paragraph.appendChild(link);
  meta.after(paragraph);
  return { paragraph, link };
}

function watchCount(meta, input) {
  let latest = null; // {query, shown, total} of the last answer
  const more = moreLink(meta);

  function correctCount() {
    const current = Boolean(latest) && latest.query === input.value && latest.total > latest.shown;
    more.paragraph.hidden = !current;
    if (!current) return;
    const url = new URL(FILTER_PAGE, SITE_ROOT);
    url.searchParams.set("tekst", latest.query.trim());
    more.link.href = url.href;
    more.link.textContent = `Zoek in alle casussen op ‘${latest.query.trim()}’`;
    const wanted = sentence(latest);
    const shown = meta.textContent.trim();
    if (shown !== wanted && /^\d+ overeenkomende documenten$/.test(shown)) meta.textContent = wanted;
  }

  new BroadcastChannel("thuisbasis-zoeken").addEventListener("message", (event) => {
    latest = event.data;
    correctCount();
  });
  new MutationObserver(correctCount).observe(meta, { childList: true, characterData: true, subtree: true });
  input.addEventListener("input", correctCount);
}

/** Text that arrives without a key (pasted or dropped with the mouse) starts a search too. */
function searchOnEveryChange(input) {
  input.addEventListener("input", (event) => {
    if (event.isTrusted) input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  });
}

const meta = document.querySelector(".md-search-result__meta");
const input = document.querySelector("input.md-search__input");
if (input) searchOnEveryChange(input);
if (typeof BroadcastChannel === "function" && meta && input) watchCount(meta, input);
