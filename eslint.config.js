// ESLint for docs/javascripts (the site's scripts) and tests/js (their unit tests): `npm run lint`.
// The recommended rules only; no style rules.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["docs/javascripts/**/*.js"],
    languageOptions: { sourceType: "module", globals: globals.browser },
  },
  {
    // Material starts the search worker as a classic worker (not a module); tests/test_search_worker.py
    // loads it in Node as CommonJS.
    files: ["docs/javascripts/zoekmachine.js"],
    languageOptions: { sourceType: "script", globals: globals.worker },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { sourceType: "module", globals: globals.node },
  },
];
