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
  function words(q) { return q.toLowerCase().replace(/ё/g, "е").split(/\s+/).filter(Boolean); }
  function matches(row, s) {
    if (s.region && row.r !== s.region) return false;
    if (s.topic && row.tp.indexOf(s.topic) < 0) return false;
    if (s.audience && row.a.indexOf(s.audience) < 0) return false;
    if (s.year && row.y.indexOf(parseInt(s.year, 10)) < 0) return false;
    if (s.kind && row.k.indexOf(s.kind) < 0) return false;
    if (s.q) {
      var text = (row.n + " " + row.t + " " + row.l).toLowerCase().replace(/ё/g, "е");
      return words(s.q).every(function (w) { return text.indexOf(w) >= 0; });
    }
    return true;
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
    if (!Object.keys(s).length) {
      tbody.replaceChildren.apply(tbody, staticRows);
      counter.textContent = plural(total);
      return;
    }
    var found = data.rows.filter(function (row) { return matches(row, s); });
    render(found);
    counter.textContent = plural(found.length) + " из " + total +
      (found.length ? "" : ". Ничего не найдено: попробуйте убрать один из фильтров.");
  }
  fetch(form.dataset.json).then(function (r) { return r.json(); }).then(function (json) {
    data = json;
    var params = new URLSearchParams(location.search);
    names.forEach(function (n) { if (params.has(n)) form.elements[n].value = params.get(n); });
    apply(false);
    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
  });
})();
