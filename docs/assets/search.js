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
  var q = new URLSearchParams(location.search).get("q");
  if (q) ui.triggerSearch(q);
})();
