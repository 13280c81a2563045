/* The result count of the site search (Material's search dialog, answered by javascripts/zoekmachine.js).
 *
 * The search worker loads and shows only the best pages (its MAX_RESULTS), so Material's count would say
 * "10 overeenkomende documenten" when Pagefind found 134. The worker announces the real total on the
 * "thuisbasis-zoeken" broadcast channel; this script then rewrites the count, for example to
 * "134 overeenkomende documenten, de beste 10 staan hieronder". The count is a live region (role=status,
 * overrides/partials/search.html), so a screen reader hears the corrected sentence.
 * Material writes the count when its result arrives, which can be before or after the broadcast, so the
 * sentence is applied both on the broadcast and whenever Material rewrites the count.
 */

function sentence(answer) {
  return `${answer.total} overeenkomende documenten, de beste ${answer.shown} staan hieronder`;
}

function watchCount(meta, input) {
  let latest = null; // {query, shown, total} of the last answer

  function correctCount() {
    if (!latest || latest.total <= latest.shown || latest.query !== input.value) return;
    const wanted = sentence(latest);
    const shown = meta.textContent.trim();
    if (shown !== wanted && /^\d+ overeenkomende documenten$/.test(shown)) meta.textContent = wanted;
  }

  new BroadcastChannel("thuisbasis-zoeken").addEventListener("message", (event) => {
    latest = event.data;
    correctCount();
  });
  new MutationObserver(correctCount).observe(meta, { childList: true, characterData: true, subtree: true });
}

const meta = document.querySelector(".md-search-result__meta");
const input = document.querySelector("input.md-search__input");
if (typeof BroadcastChannel === "function" && meta && input) watchCount(meta, input);
