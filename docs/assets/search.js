// The search page: Pagefind's JS API behind a light result list and filter panel of our own,
// so that a phone fetches only what a query needs. Pagefind's script, WASM and index entry come
// when the field gets focus (or at once for a search link, started in the page's head); the filters' data when the reader
// opens «Фильтры»; each result's fragment when its place nears the screen. Queries are rewritten first
// (search-query.js); a query with no result is relaxed or gets suggestions, never a dead end.
// Every text from the index reaches the page as text (textContent); only Pagefind's excerpt,
// whose <mark>s show the matched words, is read as HTML, and only its text and marks are kept.
(function () {
  "use strict";
  var form = document.getElementById("kb-search");
  if (!form || !window.kbSearchQuery || !window.kbStartPagefind) return;
  var base = form.dataset.base || "../";
  var field = document.getElementById("kb-search-page-q");
  var toggle = document.querySelector(".kb-filters-toggle");
  var panel = document.getElementById("kb-filter-panel");
  var chips = document.querySelector(".kb-filter-chips");
  var count = document.querySelector(".kb-search-count");
  var note = document.querySelector(".kb-search-note");
  var list = document.querySelector(".kb-results");
  var more = document.querySelector(".kb-more");
  var help = document.querySelector(".kb-search-help");
  var PAGE = 10, DEBOUNCE_MS = 200, PAUSE_MS = 500;
  // Filter groups in the order a reader narrows down; values of a group combine with "or".
  var GROUPS = ["Тип", "Регион", "План", "Тема", "Для кого", "Год", "Класс"];
  var NUMERIC = { "Год": true, "Класс": true };

  var query = null, selected = filtersFromUrl(), totals = null;
  var shown = { results: [], next: 0 }, started = null, serial = 0, timer = 0, relaxed = {}, latest = "";

  // --- loading: nothing of Pagefind's until the reader is about to search ---------------------
  function warm() {
    if (!query) {
      // A letter's word list has come: the latest search may read its words better now.
      query = window.kbSearchQuery(base, function () { if (latest.trim()) run(latest, false); });
    }
    return query.api();  // started in the page's head (overrides/main.html)
  }
  ["focus", "pointerdown", "touchstart"].forEach(function (type) {
    field.addEventListener(type, warm, { once: true, passive: true });
  });
  function loadLetters(term) {
    term.toLowerCase().split(/\s+/).forEach(function (w) { if (w) query.load(w[0]); });
  }

  // --- filters -----------------------------------------------------------------------------
  function filtersFromUrl() {
    var filters = {};
    new URLSearchParams(location.search).getAll("f").forEach(function (pair) {
      var at = pair.indexOf(":");
      if (at > 0) (filters[pair.slice(0, at)] = filters[pair.slice(0, at)] || []).push(pair.slice(at + 1));
    });
    return filters;
  }
  // The filters the query implied (the reader's own are shown as chips).
  function describe(filters) {
    filters = filters || {};
    return Object.keys(filters).filter(function (k) { return filters[k] && filters[k].length && !(selected[k] || []).length; })
      .map(function (k) { return k + ": " + filters[k].join(", "); }).join("; ");
  }
  function anySelected() {
    return Object.keys(selected).some(function (k) { return selected[k].length; });
  }
  function setSelected(name, value, on) {
    var values = (selected[name] = selected[name] || []);
    var at = values.indexOf(value);
    if (on && at < 0) values.push(value);
    if (!on && at >= 0) values.splice(at, 1);
    drawChips();
    run(field.value, true);
  }
  function drawChips() {
    chips.replaceChildren();
    Object.keys(selected).forEach(function (name) {
      selected[name].forEach(function (value) {
        var li = document.createElement("li"), button = document.createElement("button");
        button.type = "button";
        button.className = "kb-chip";
        button.textContent = name + ": " + value + " ×";
        button.setAttribute("aria-label", "Убрать фильтр " + name + ": " + value);
        button.addEventListener("click", function () {
          var box = panel.querySelector("input[name='" + CSS.escape(name) + "'][value='" + CSS.escape(value) + "']");
          if (box) box.checked = false;
          setSelected(name, value, false);
        });
        li.append(button);
        chips.append(li);
      });
    });
    chips.hidden = !anySelected();
    var n = Object.keys(selected).reduce(function (sum, k) { return sum + selected[k].length; }, 0);
    toggle.textContent = n ? "Фильтры (" + n + ")" : "Фильтры";
  }
  function order(name, values) {
    return values.sort(NUMERIC[name] ? function (a, b) { return a - b; } : function (a, b) { return a.localeCompare(b, "ru"); });
  }
  // The panel is drawn once, from all filter values; each search then updates the counts.
  function drawPanel(all) {
    panel.replaceChildren();
    GROUPS.concat(Object.keys(all).filter(function (k) { return GROUPS.indexOf(k) < 0; })).forEach(function (name) {
      if (!all[name] || name.indexOf("kb-") === 0) return;  // the page's own, not the reader's
      var group = document.createElement("details"), summary = document.createElement("summary");
      group.className = "kb-filter";
      group.open = !!(selected[name] || []).length;
      summary.textContent = name;
      group.append(summary);
      var ul = document.createElement("ul");
      order(name, Object.keys(all[name])).forEach(function (value) {
        var li = document.createElement("li"), label = document.createElement("label");
        var box = document.createElement("input"), text = document.createElement("span"), n = document.createElement("span");
        box.type = "checkbox";
        box.name = name;
        box.value = value;
        box.checked = (selected[name] || []).indexOf(value) >= 0;
        box.addEventListener("change", function () { setSelected(name, value, box.checked); });
        text.textContent = value;
        n.className = "kb-filter__count";
        li.dataset.value = value;
        label.append(box, " ", text, " ", n);
        li.append(label);
        ul.append(li);
      });
      group.append(ul);
      panel.append(group);
    });
    updateCounts(null);
  }
  // Counts under the current query and filters; values that would find nothing are hidden
  // (unless chosen). In a group with a choice, its other values count without the filters,
  // as choosing one of them widens the search ("or") rather than narrowing it.
  function updateCounts(search) {
    if (!totals) return;
    panel.querySelectorAll("details.kb-filter").forEach(function (group) {
      var name = group.querySelector("summary").textContent;
      var counts = search && ((selected[name] || []).length ? search.totalFilters : search.filters);
      var source = (counts && counts[name]) || (search ? {} : totals[name]) || {};
      group.querySelectorAll("li").forEach(function (li) {
        var n = source[li.dataset.value] || 0, box = li.querySelector("input");
        li.querySelector(".kb-filter__count").textContent = "(" + n + ")";
        li.hidden = !n && !box.checked;
      });
    });
  }
  toggle.addEventListener("click", function () {
    var open = panel.hidden;
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    if (!open || totals) return;
    panel.textContent = "Загружаем фильтры…";
    warm().then(function (pf) { return pf.filters(); }).then(function (all) {
      totals = all;
      drawPanel(all);
      if (field.value.trim() || anySelected()) run(field.value, true);
    });
  });

  // --- results -----------------------------------------------------------------------------
  function plural(n, one, few, many) {
    var t = n % 10, h = n % 100;
    return t === 1 && h !== 11 ? one : t >= 2 && t <= 4 && (h < 12 || h > 14) ? few : many;
  }
  function found(n) {
    return n + " " + plural(n, "результат", "результата", "результатов");
  }
  // Words from the search vocabulary are indexed after a "⟪" mark: never show them as the
  // plan's text; say instead which everyday word found the page.
  function defaultExcerpt(data) {
    var via = [];
    var html = (data.excerpt || "").replace(/⟪\s*(<mark>)?([^\s<]*)(<\/mark>)?/g, function (_, open, word) {
      if (open && via.indexOf(word) < 0) via.push(word);
      return "";
    }).replace(/\s{2,}/g, " ").trim();
    if (via.length) html += " <span class=\"kb-via\">(найдено по словарю поиска: " + via.join(", ") + ")</span>";
    return html;
  }
  // Only text, <mark> and the vocabulary note survive: the excerpt is parsed inert (a template
  // runs no script and loads no image) and copied node by node.
  function safeExcerpt(html) {
    var template = document.createElement("template"), out = document.createDocumentFragment();
    template.innerHTML = html;
    (function copy(from, to) {
      from.childNodes.forEach(function (node) {
        if (node.nodeType === 3) { to.append(node.textContent); return; }
        if (node.nodeType !== 1) return;
        var tag = node.tagName === "MARK" ? "mark" : node.tagName === "SPAN" && node.classList.contains("kb-via") ? "span" : null;
        if (!tag) { copy(node, to); return; }
        var el = document.createElement(tag);
        if (tag === "span") el.className = "kb-via";
        copy(node, el);
        to.append(el);
      });
    })(template.content, out);
    return out;
  }
  function resultUrl(raw) {
    return new URL(base + String(raw).replace(/^\/+/, ""), location.href).pathname;
  }
  function drawResult(li, data) {
    var link = document.createElement("a"), title = document.createElement("h2");
    var meta = data.meta || {}, region = meta["Регион"], plan = meta["План"];
    var where = plan && region && plan.indexOf(region) >= 0 ? plan : [region, plan].filter(Boolean).join(" · ");
    link.className = "kb-result__link";
    link.href = resultUrl(data.raw_url || data.url);
    link.textContent = meta.title || data.url;
    title.className = "kb-result__title";
    title.append(link);
    li.replaceChildren(title);
    if (where && where !== meta.title) {
      var context = document.createElement("p");
      context.className = "kb-result__where";
      context.textContent = where;
      li.append(context);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "kb-result__excerpt";
    excerpt.append(safeExcerpt(query.excerpt ? query.excerpt(data) : defaultExcerpt(data)));
    li.append(excerpt);
    li.className = "kb-result";
  }
  // Results are drawn in order as their fragments arrive; "Показать ещё" adds the next page. A
  // result's fragment is fetched when its place comes near the screen (with those above it, which a
  // quick scroll passed), so a phone that shows four results does not wait for ten.
  var nearScreen = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      for (var li = entry.isIntersecting && entry.target; li && li.kbFetch; li = li.previousElementSibling) li.kbFetch();
    });
  }, { rootMargin: "0px 0px 25% 0px" }) : null;
  function showMore(token) {
    var page = shown.results.slice(shown.next, shown.next + PAGE);
    shown.next += page.length;
    more.hidden = shown.next >= shown.results.length;
    page.forEach(function (result) {
      var li = document.createElement("li");
      li.className = "kb-result-pending";
      li.kbFetch = function () {
        li.kbFetch = null;
        if (nearScreen) nearScreen.unobserve(li);
        result.data().then(function (data) { if (token === serial) drawResult(li, data); });
      };
      list.append(li);
      if (nearScreen) nearScreen.observe(li); else li.kbFetch();
    });
  }
  more.addEventListener("click", function () { showMore(serial); });

  function saveState(term) {
    var params = new URLSearchParams();
    if (term.trim()) params.set("q", term.trim());
    Object.keys(selected).forEach(function (name) {
      selected[name].forEach(function (value) { params.append("f", name + ":" + value); });
    });
    var search = params.toString();
    history.replaceState(null, "", search ? "?" + search : location.pathname);
  }

  // `term` is what the reader typed; `searched`, when given, is a relaxed query run in its place.
  function run(term, force, searched) {
    latest = term;
    saveState(term);
    if (!term.trim() && !anySelected()) {
      serial++;
      shown = { results: [], next: 0 };
      started = null;
      list.replaceChildren(); count.textContent = ""; note.textContent = ""; help.hidden = true; more.hidden = true;
      return Promise.resolve();
    }
    return warm().then(function (pf) {
      loadLetters(term);
      var rewritten = searched || (term.trim() ? query.rewrite(term) : "");
      // One search for every case (search-query.js): the query as read, with the reader's filters.
      var key = JSON.stringify([rewritten, selected]);
      if (!force && key === started) return;  // this search is shown or on its way
      started = key;
      var token = ++serial;
      return query.search(searched || term, selected).then(function (search) {
        if (token !== serial) return;
        shown = { results: search.results, next: 0 };
        list.replaceChildren();
        help.hidden = true;
        if (!searched) {
          var read = search.query, typed = term.toLowerCase().trim(), implied = describe(search.filters);
          note.textContent = [read && read !== typed ? "Искали: «" + read + "»" : "", implied ? "учтено: " + implied : "",
            search.note].filter(Boolean).join("; ").replace(/^./, function (c) { return c.toUpperCase(); });
        }
        count.textContent = search.results.length ? "Найдено " + found(search.results.length) : "";
        if (search.counts) updateCounts(search.counts);
        if (search.results.length) return showMore(token);
        more.hidden = true;
        if (searched || !term.trim()) return noResult(term);
        // Relaxed once per rewritten query and filters: word lists that arrive later may change the rewrite.
        var known = relaxed.hasOwnProperty(key) ? Promise.resolve(relaxed[key]) :
          query.relax(term, selected).then(function (alternative) { return (relaxed[key] = alternative || null); });
        return known.then(function (alternative) {
          if (token !== serial) return;
          if (!alternative) return noResult(term);
          note.textContent = "По всем словам «" + term.trim() + "» ничего не нашлось; показаны результаты по запросу «" +
            alternative + "».";
          return run(term, true, alternative);
        });
      });
    });
  }

  // No dead end: when nothing is found, offer the query without each word, and the topics.
  function noResult(term) {
    count.textContent = "Ничего не найдено";
    help.replaceChildren();
    var words = term.trim() ? query.rewrite(term).split(" ").filter(Boolean) : [];
    var p = document.createElement("p");
    p.textContent = "Ничего не найдено. ";
    if (anySelected()) p.append("Снимите часть фильтров или измените запрос. ");
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
    help.hidden = false;
  }

  // While the reader types, a last word of one or two letters waits for a pause: searched as the
  // start of a word, each such letter would fetch another part of the index for words not meant.
  function withoutStartedWord(term) {
    var started = /(^|\s+)\S{1,2}$/.exec(term);
    return started ? term.slice(0, started.index) : term;
  }
  field.addEventListener("input", function () {
    clearTimeout(timer);
    var term = field.value, sure = withoutStartedWord(term);
    warm().then(function () { loadLetters(term); });
    timer = setTimeout(function () {
      if (sure === term) return run(term, false);
      if (sure.trim()) run(sure, false);
      timer = setTimeout(function () { run(term, false); }, PAUSE_MS);
    }, DEBOUNCE_MS);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run(field.value, false);
  });

  drawChips();
  var initial = new URLSearchParams(location.search).get("q") || "";
  field.value = initial;
  if (initial || anySelected()) {
    warm();
    loadLetters(initial);
    run(initial, true);
  }
})();
