// Pagefind search page: the query comes from ?q= (the search field on every page).
(function () {
  "use strict";
  if (typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#kb-search",
    showSubResults: false,
    showImages: false,
    pageSize: 10,
    // Words from the search vocabulary are indexed with a leading "⟪" mark: never show them
    // as the plan's text; say instead which everyday word found the page.
    processResult: function (result) {
      var via = [];
      result.excerpt = result.excerpt
        .replace(/(<mark>)?⟪([^\s<]*)(<\/mark>)?/g, function (_, open, word) {
          if (open && via.indexOf(word) < 0) via.push(word);
          return "";
        })
        .replace(/\s{2,}/g, " ")
        .trim();
      if (via.length) {
        result.excerpt += " <span class=\"kb-via\">(найдено по словарю поиска: " + via.join(", ") + ")</span>";
      }
      return result;
    },
  });
  // Pagefind's input has a placeholder but no accessible name; give it one once it exists.
  (function label() {
    var input = document.querySelector(".pagefind-ui__search-input");
    if (input) input.setAttribute("aria-label", "Поиск по планам");
    else requestAnimationFrame(label);
  })();
  var q = new URLSearchParams(location.search).get("q");
  if (q) ui.triggerSearch(q);
})();
