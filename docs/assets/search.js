// The search page: Pagefind's UI, with each query rewritten first (search-query.js) as teachers
// type as people do. A query with no result gets suggestions, never a dead end.
(function () {
  "use strict";
  if (typeof PagefindUI === "undefined") return;
  var root = document.getElementById("kb-search");
  var base = root.dataset.base || "../";
  var lastQuery = "", note = document.createElement("p");
  var query = kbSearchQuery(base, function () { if (lastQuery) ui.triggerSearch(lastQuery); });
  var rewrite = query.rewrite, relax = query.relax, load = query.load;
  note.className = "kb-search-note";
  note.setAttribute("aria-live", "polite");
  root.parentNode.insertBefore(note, root);
  var help = document.createElement("div");
  help.className = "kb-search-help";
  root.parentNode.insertBefore(help, root);

  var ui = new PagefindUI({
    element: "#kb-search",
    showSubResults: false,
    showImages: false,
    pageSize: 10,
    processTerm: function (term) {
      lastQuery = term;
      var rewritten = rewrite(term);
      if (!relaxed[term] || !note.textContent) {
        note.textContent = rewritten && rewritten !== term.toLowerCase().trim() ? "Искали: «" + rewritten + "»" : "";
      }
      return rewritten;
    },
    // Plan text only, with the matched words marked, also for a page found through the vocabulary.
    processResult: function (result) {
      result.excerpt = query.excerpt(result);
      if (result.meta) delete result.meta["kb-via"];  // the excerpt's input, no tag to show
      return result;
    },
  });

  // When every word together finds nothing, search again without the fewest words that
  // makes something found (questions carry words no plan uses), and say so; once per query.
  var relaxed = {};
  new MutationObserver(function () {
    var message = root.querySelector(".pagefind-ui__message");
    var none = message && !root.querySelector(".pagefind-ui__result") && lastQuery &&
      /нет|не найден|no results/i.test(message.textContent);
    if (none && !relaxed[lastQuery]) {
      var original = lastQuery;
      relaxed[original] = true;
      relax(original).then(function (query) {
        if (!query || lastQuery !== original) return;
        relaxed[query] = true;
        ui.triggerSearch(query);
        note.textContent = "По всем словам «" + original + "» ничего не нашлось; показаны результаты по запросу «" + query + "».";
      });
    }
  }).observe(root, { childList: true, subtree: true, characterData: true });

  // No dead end: when nothing is found, offer the query without each word, and the topics.
  new MutationObserver(function () {
    var message = root.querySelector(".pagefind-ui__message");
    var empty = message && !root.querySelector(".pagefind-ui__result") && lastQuery && /нет|не найден|no results/i.test(message.textContent);
    help.hidden = !empty;
    if (!empty || help.dataset.query === lastQuery) return;
    help.dataset.query = lastQuery;
    help.replaceChildren();
    var words = rewrite(lastQuery).split(" ");
    var p = document.createElement("p");
    p.textContent = "Ничего не найдено. ";
    if (words.length > 1) {
      p.append("Попробуйте без одного из слов: ");
      words.forEach(function (w, i) {
        var a = document.createElement("a");
        var rest = words.filter(function (_, j) { return j !== i; }).join(" ");
        a.href = "?q=" + encodeURIComponent(rest);
        a.textContent = rest;
        p.append(a, i < words.length - 1 ? "; " : ". ");
      });
    }
    var topics = document.createElement("a");
    topics.href = base + "topics/";
    topics.textContent = "Посмотрите темы";
    p.append(topics, " — там собраны мероприятия всех регионов, или ");
    var catalogue = document.createElement("a");
    catalogue.href = base + "catalogue/";
    catalogue.textContent = "каталог мероприятий";
    p.append(catalogue, ".");
    help.append(p);
  }).observe(root, { childList: true, subtree: true, characterData: true });

  // Filters live in the URL too (?q=…&f=Регион:Пермский край), so a filtered search can be shared.
  function filtersFromUrl() {
    var filters = {};
    new URLSearchParams(location.search).getAll("f").forEach(function (pair) {
      var at = pair.indexOf(":");
      if (at > 0) (filters[pair.slice(0, at)] = filters[pair.slice(0, at)] || []).push(pair.slice(at + 1));
    });
    return filters;
  }
  function saveState() {
    var params = new URLSearchParams();
    var input = root.querySelector(".pagefind-ui__search-input");
    if (input && input.value.trim()) params.set("q", input.value.trim());
    root.querySelectorAll("input.pagefind-ui__filter-checkbox:checked").forEach(function (box) {
      params.append("f", box.name + ":" + box.value);
    });
    var query = params.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
  }
  root.addEventListener("change", function () { setTimeout(saveState, 0); });
  root.addEventListener("input", function () { setTimeout(saveState, 0); });

  var q = new URLSearchParams(location.search).get("q");
  var initialFilters = filtersFromUrl();
  if (Object.keys(initialFilters).length && ui.triggerFilters) ui.triggerFilters(initialFilters);
  (function label() {
    var input = document.querySelector(".pagefind-ui__search-input");
    if (input) input.setAttribute("aria-label", "Поиск по планам");
    else requestAnimationFrame(label);
  })();
  if (q) {
    q.toLowerCase().split(/\s+/).forEach(function (w) { if (w) load(w[0]); });
    ui.triggerSearch(q);
  }
})();
