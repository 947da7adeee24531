// Pagefind search page: the query comes from ?q= (the search field on every page).
(function () {
  "use strict";
  if (typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#kb-search",
    showSubResults: false,
    showImages: false,
    pageSize: 10,
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
