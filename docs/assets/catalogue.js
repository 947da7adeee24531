// Catalogue filters: the state lives in the URL; without JavaScript the table stays complete.
(function () {
  "use strict";
  var form = document.getElementById("kb-filters");
  var table = document.getElementById("kb-catalogue");
  var counter = document.getElementById("kb-count");
  if (!form || !table || !counter) return;
  form.hidden = false;
  var tbody = table.tBodies[0];
  var total = parseInt(form.dataset.total, 10);
  var staticRows = Array.prototype.slice.call(tbody.rows);
  var data = null;
  var names = ["region", "topic", "audience", "year", "kind", "q"];
  var base = form.dataset.json.replace(/data\/catalogue\.json$/, "");
  var nearestBox = document.getElementById("kb-nearest");

  function plural(n) {
    var m10 = n % 10, m100 = n % 100;
    if (m10 === 1 && m100 !== 11) return n + " мероприятие";
    if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return n + " мероприятия";
    return n + " мероприятий";
  }
  function state() {
    var s = {};
    names.forEach(function (n) { var v = form.elements[n].value.trim(); if (v) s[n] = v; });
    return s;
  }
  // The text box reads words as search does (search-query.js): any form of a word («родители»,
  // «родителей»), the search vocabulary's concepts («СПО», «экскурсия на завод»), a region's
  // everyday name («Кузбасс») and a year; a word being typed matches the words it starts.
  var reader = window.kbSearchQuery ? kbSearchQuery(base, function () { if (data) apply(false); }) : null;
  function reading(q) {
    if (!reader) return { concepts: [], words: q.toLowerCase().replace(/ё/g, "е").split(/\s+/).filter(Boolean), filters: {} };
    return reader.analyze(q);
  }
  function textMatch(row, q) {
    var a = q.reading;
    if (a.filters["Регион"] && a.filters["Регион"].indexOf(data.meta.regions[row.r]) < 0) return false;
    if (a.filters["Год"] && !a.filters["Год"].some(function (y) { return row.y.indexOf(parseInt(y, 10)) >= 0; })) return false;
    if ((a.unknown || []).length || !a.concepts.every(function (c) { return row.c.indexOf(c) >= 0; })) return false;
    var lemmas = " " + row.w + " ";
    return a.words.every(function (w) {
      var l = reader ? reader.lemma(w) : w;
      return lemmas.indexOf(" " + l + " ") >= 0 || lemmas.indexOf(" " + w) >= 0 ||
        (l !== w && lemmas.indexOf(" " + l.slice(0, Math.max(4, l.length - 2))) >= 0);
    });
  }
  function matches(row, s, q) {
    if (s.region && row.r !== s.region) return false;
    if (s.topic && row.tp.indexOf(s.topic) < 0) return false;
    if (s.audience && row.a.indexOf(s.audience) < 0) return false;
    if (s.year && row.y.indexOf(parseInt(s.year, 10)) < 0) return false;
    if (s.kind && row.k.indexOf(s.kind) < 0) return false;
    if (s.q) return textMatch(row, q);
    return true;
  }
  function count(s) {
    var q = s.q ? { reading: reading(s.q) } : null;
    return data.rows.filter(function (row) { return matches(row, s, q); }).length;
  }
  var labels = { region: "Регион", topic: "Тема", audience: "Для кого", year: "Год", kind: "Вид исполнителя", q: "Текст" };
  // Every option says how many measures it would leave; an option that would leave none is not offered.
  function counts(s) {
    ["region", "topic", "audience", "year", "kind"].forEach(function (name) {
      Array.prototype.forEach.call(form.elements[name].options, function (option) {
        if (!option.dataset.label) option.dataset.label = option.textContent;
        var t = Object.assign({}, s);
        if (option.value) t[name] = option.value; else delete t[name];
        var n = count(t);
        option.textContent = option.dataset.label + " (" + n + ")";
        option.disabled = n === 0 && option.value !== (s[name] || "");
      });
    });
  }
  // No dead end: a combination that finds nothing says which filter to drop to find the most.
  function nearest(s) {
    var best = null;
    Object.keys(s).forEach(function (name) {
      var t = Object.assign({}, s);
      delete t[name];
      var n = count(t);
      if (n && (!best || n > best.n)) best = { name: name, n: n };
    });
    nearestBox.replaceChildren();
    nearestBox.hidden = !best;
    if (!best) return;
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "Показать без фильтра «" + labels[best.name] + "» — " + plural(best.n);
    button.addEventListener("click", function () { form.elements[best.name].value = ""; apply(true); });
    nearestBox.append("Вместе эти фильтры не дают ни одного мероприятия. ", button);
  }
  function cell(tr, text, href) {
    var td = document.createElement("td");
    if (href) { var a = document.createElement("a"); a.href = base + href; a.textContent = text; td.appendChild(a); }
    else td.textContent = text;
    tr.appendChild(td);
  }
  function years(y) {
    if (!y.length) return "";
    return y.length > 1 && y[y.length - 1] - y[0] === y.length - 1 ? y[0] + "–" + y[y.length - 1] : y.join(", ");
  }
  function render(rows) {
    var frag = document.createDocumentFragment();
    rows.forEach(function (row) {
      var tr = document.createElement("tr");
      cell(tr, data.meta.regions[row.r], "regions/" + row.r + "/");
      cell(tr, row.n);
      cell(tr, row.t, row.u);
      var topics = document.createElement("td");
      row.tp.forEach(function (t, i) {
        var a = document.createElement("a");
        a.href = base + "topics/" + t + "/";
        a.textContent = data.meta.topics[t];
        topics.append(a, i < row.tp.length - 1 ? ", " : "");
      });
      tr.appendChild(topics);
      cell(tr, row.a.map(function (a) { return data.meta.audiences[a]; }).join(", "));
      cell(tr, years(row.y));
      cell(tr, row.l, row.lu);
      frag.appendChild(tr);
    });
    tbody.replaceChildren(frag);
  }
  function apply(push) {
    var s = state();
    var params = new URLSearchParams(s).toString();
    if (push) history.replaceState(null, "", params ? "?" + params : location.pathname);
    counts(s);
    if (!Object.keys(s).length) {
      tbody.replaceChildren.apply(tbody, staticRows);
      counter.textContent = plural(total);
      nearest({});
      return;
    }
    var q = s.q ? { reading: reading(s.q) } : null;
    var found = data.rows.filter(function (row) { return matches(row, s, q); });
    render(found);
    counter.textContent = plural(found.length) + " из " + total +
      (found.length ? "" : ". Ничего не найдено: попробуйте убрать один из фильтров.");
    if (found.length) nearest({}); else nearest(s);
  }
  fetch(form.dataset.json).then(function (r) { return r.json(); }).then(function (json) {
    data = json;
    var params = new URLSearchParams(location.search);
    names.forEach(function (n) { if (params.has(n)) form.elements[n].value = params.get(n); });
    apply(false);
    if (reader && params.get("q")) reader.ready(params.get("q")).then(function () { apply(false); });
    form.addEventListener("input", function () {
      apply(true);
      var q = form.elements.q.value;
      if (reader && q.trim()) reader.ready(q).then(function () { if (form.elements.q.value === q) apply(false); });
    });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
  });
})();
