// Deadlines filters: the rows of the page shown by region, topic and audience; the state lives
// in the URL. Where a year is split by region, choosing a region opens that region's page.
// Without JavaScript every row stays visible.
(function () {
  "use strict";
  var form = document.getElementById("kb-due-filters");
  var counter = document.getElementById("kb-due-count");
  if (!form || !counter) return;
  form.hidden = false;
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-region]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-kb-group]"));
  var total = parseInt(counter.dataset.total, 10);
  var names = ["region", "topic", "audience"].filter(function (n) { return form.elements[n]; });
  var region = form.elements.region;

  function plural(n) {
    var m10 = n % 10, m100 = n % 100;
    if (m10 === 1 && m100 !== 11) return n + " мероприятие";
    if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return n + " мероприятия";
    return n + " мероприятий";
  }
  // The region is a filter only where the page lists every region; elsewhere each region is a
  // page in the year's folder (urls.deadlines_region).
  var pages = region.dataset.pages;
  function regionIsPage() { return pages !== undefined; }
  function state() {
    var s = {};
    names.forEach(function (n) {
      if (n === "region" && regionIsPage()) return;
      var v = form.elements[n].value;
      if (v) s[n] = v;
    });
    return s;
  }
  function matches(row, s) {
    if (s.region && row.dataset.region !== s.region) return false;
    if (s.topic && row.dataset.topics.split(" ").indexOf(s.topic) < 0) return false;
    if (s.audience && row.dataset.audiences.split(" ").indexOf(s.audience) < 0) return false;
    return true;
  }
  function apply(push) {
    var s = state();
    var params = new URLSearchParams(s).toString();
    if (push) history.replaceState(null, "", params ? "?" + params : location.pathname);
    var shown = 0;
    rows.forEach(function (row) { row.hidden = !matches(row, s); if (!row.hidden) shown++; });
    groups.forEach(function (group) {
      var count = 0;
      group.querySelectorAll("[data-kb-part]").forEach(function (part) {
        var visible = part.querySelectorAll("tr[data-region]:not([hidden])").length;
        part.hidden = visible === 0;
        count += visible;
      });
      group.querySelector("[data-kb-count]").textContent = plural(count);
    });
    counter.textContent = Object.keys(s).length ? plural(shown) + " из " + total +
      (shown ? "" : ". Ничего не найдено: попробуйте убрать один из фильтров.") : plural(total);
  }
  if (region.dataset.current) region.value = region.dataset.current;
  var params = new URLSearchParams(location.search);
  names.forEach(function (n) {
    if (params.has(n) && !(n === "region" && regionIsPage())) form.elements[n].value = params.get(n);
  });
  region.addEventListener("change", function () {
    if (!regionIsPage()) return;
    var query = new URLSearchParams(state()).toString();
    location.href = pages + (region.value ? region.value + "/" : "") + (query ? "?" + query : "");
  });
  apply(false);
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("reset", function () {
    setTimeout(function () {
      if (region.dataset.current) region.value = region.dataset.current;
      apply(true);
    }, 0);
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
})();
