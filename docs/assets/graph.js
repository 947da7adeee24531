/* Collaboration graphs: the full name of the node in focus, under the drawing. A keyboard
   focus or a first tap shows it; a second tap on the same node follows its link. */
(function () {
  "use strict";
  document.querySelectorAll("figure.kb-graph").forEach(function (figure) {
    var line = figure.querySelector(".kb-graph__current");
    var shown = null;
    function show(node) {
      shown = node;
      line.textContent = node ? node.getAttribute("data-name") : "";
    }
    figure.querySelectorAll(".kb-graph__node").forEach(function (node) {
      node.addEventListener("focus", function () { show(node); });
      node.addEventListener("mouseenter", function () { show(node); });
      node.addEventListener("pointerup", function (event) {
        if (event.pointerType !== "touch" || shown === node) return;
        show(node);
        node.addEventListener("click", function once(click) { click.preventDefault(); }, { once: true });
      });
    });
  });
})();
