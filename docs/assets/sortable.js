/* Sortable tables: a table marked `data-sortable` gets a button after each column heading
   (which may hold a link) that sorts its rows by that column, numbers as numbers ("—" as nothing), words in Russian order.
   A second press reverses the order; the heading says which way it is sorted (aria-sort). */
(function () {
  "use strict";
  var collator = new Intl.Collator("ru", { numeric: true, sensitivity: "base" });
  function value(cell) {
    var text = (cell ? cell.textContent : "").replace(/\u00ad/g, "").trim();
    var number = text.replace(/\s/g, "").replace(",", ".");
    return { text: text, number: /^-?\d+(\.\d+)?$/.test(number) ? parseFloat(number) : null };
  }
  function compare(a, b) {
    if (a.number !== null && b.number !== null) return a.number - b.number;
    if (a.number !== null || b.number !== null) return a.number !== null ? -1 : 1;
    return collator.compare(a.text, b.text);
  }
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var headings = table.querySelectorAll("thead th");
    headings.forEach(function (th, column) {
      if (th.hasAttribute("data-nosort")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-sort";
      button.textContent = "⇅";
      button.setAttribute("aria-label", "Сортировать по столбцу «" + value(th).text + "»");
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headings.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows).map(function (row, index) {
          return { row: row, index: index, key: value(row.cells[column]) };
        });
        rows.sort(function (a, b) {
          return (ascending ? 1 : -1) * compare(a.key, b.key) || a.index - b.index;
        });
        rows.forEach(function (r) { body.appendChild(r.row); });
      });
    });
  });
})();
