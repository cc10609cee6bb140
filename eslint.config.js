// Lint for the map's browser code. static/vendor holds third-party files, copied byte for byte.
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  { ignores: ["static/vendor/**", "node_modules/**", ".venv/**", "test-artifacts/**"] },
  js.configs.recommended,
  {
    // The map's loader: a classic script, as folium's script calls it before any module could run.
    files: ["static/kursk_map.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: globals.browser },
  },
  {
    // The map's ES modules, loaded by the browser as they are; Leaflet and supercluster are the page's.
    files: ["static/map_*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.browser, L: "readonly", Supercluster: "readonly" },
    },
  },
  {
    files: ["static/sidecar.js", "static/copy_link.js", "static/brief_presenter.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.browser },
  },
  {
    files: ["eslint.config.js"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
  },
  {
    // Size and complexity: each function does one thing, each module holds one job. The browser code meets
    // these without exceptions; a function or module that outgrows them is split, not excused.
    files: ["static/**/*.js"],
    rules: {
      complexity: ["error", 10],
      "max-depth": ["error", 3],
      "max-lines": ["error", { max: 150, skipBlankLines: true, skipComments: true }],
      "max-lines-per-function": ["error", { max: 30, skipBlankLines: true, skipComments: true }],
      "max-nested-callbacks": ["error", 3],
      "max-params": ["error", 5],
      "max-statements": ["error", 16],
    },
  },
  {
    rules: {
      "no-unused-vars": ["error", { caughtErrors: "none" }],
      eqeqeq: "error",
      "no-var": "error",
      "prefer-const": "error",
    },
  },
];
