// Pagefind in a worker: its WASM searches and excerpts run off the page's main thread, so a phone
// keeps drawing and reacting to the reader while a query is searched. The page's head starts it
// (overrides/main.html) and search-query.js talks to it (`api`). Messages: {id, op, args} in,
// {id, value} or {id, error} out; op "start" (the page's language), "search" (term, options: a
// Pagefind search, its results without their data functions), "data" (a result's key), "filters".
"use strict";
var pagefind = null;
// The results of the latest searches, by search number: a result's data (its excerpt) depends on
// the search that found it, so a result is asked for by "search:index".
var kept = new Map(), searches = 0, KEPT = 50;

function run(op, args) {
  if (op === "start") {
    pagefind = import("../pagefind/pagefind.js").then(function (pf) {
      return pf.options({ excerptLength: 24 }).then(function () { return pf.init(args[0] || undefined); }).then(function () {
        return pf;
      });
    });
    return pagefind.then(function () { return true; });
  }
  return pagefind.then(function (pf) {
    if (op === "filters") return pf.filters();
    if (op === "data") {
      var at = args[0].split(":");
      return kept.get(Number(at[0]))[Number(at[1])].data();
    }
    var search = ++searches;
    return pf.search(args[0], args[1]).then(function (found) {
      kept.set(search, found.results);
      kept.delete(search - KEPT);
      var out = Object.assign({}, found);
      out.results = found.results.map(function (result, i) {
        return { id: result.id, score: result.score, words: result.words, key: search + ":" + i };
      });
      return out;
    });
  });
}

self.onmessage = function (event) {
  var message = event.data;
  run(message.op, message.args || []).then(
    function (value) { self.postMessage({ id: message.id, value: value }); },
    function (error) { self.postMessage({ id: message.id, error: String(error) }); }
  );
};
