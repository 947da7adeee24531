// What the search page does to a query before it reaches Pagefind, apart from the page itself
// (search.js draws the page). Function words are dropped ("как", "для"), Latin letters are read
// as transliterated Russian, a long word the site never uses is replaced by the nearest word it
// does (typos), abbreviations become their expansion, and a query that finds nothing is relaxed
// to the fewest words that find something.
// kbSearchQuery(base, changed) -> {rewrite, relax, load}; `changed` is called when word lists
// arrive that may change a rewrite.
window.kbSearchQuery = function (base, changed) {
  "use strict";
  var STOP = new Set(("а в во для до за и из или к как какие какой каких ко кто ли мне на над не ни о об обо " +
    "от по под при про с со у что чтобы это где когда зачем почему же бы мой моя мои моему моей ваш наш его ее их " +
    "можно нужно есть ли быть чем тот эти этот все всё очень").split(" "));
  var TRANSLIT = [["shch", "щ"], ["sch", "щ"], ["zh", "ж"], ["kh", "х"], ["ts", "ц"], ["ch", "ч"], ["sh", "ш"],
    ["yu", "ю"], ["ju", "ю"], ["iu", "ю"], ["ya", "я"], ["ja", "я"], ["ia", "я"], ["yo", "е"], ["ye", "е"],
    ["a", "а"], ["b", "б"], ["v", "в"], ["g", "г"], ["d", "д"], ["e", "е"], ["z", "з"], ["i", "и"], ["y", "ы"],
    ["j", "й"], ["k", "к"], ["l", "л"], ["m", "м"], ["n", "н"], ["o", "о"], ["p", "п"], ["r", "р"], ["s", "с"],
    ["t", "т"], ["u", "у"], ["f", "ф"], ["h", "х"], ["c", "ц"], ["w", "в"], ["x", "кс"], ["q", "к"], ["'", "ь"]];
  var dict = {}, loading = {};

  function hex(ch) { return ch.codePointAt(0).toString(16).padStart(4, "0"); }
  function load(letter) {
    if (dict[letter] || loading[letter]) return;
    loading[letter] = fetch(base + "data/words/" + hex(letter) + ".json")
      .then(function (r) { return r.ok ? r.json() : []; })
      .catch(function () { return []; })
      .then(function (words) { dict[letter] = words; changed(); });
  }
  function translit(word) {
    if (!/^[a-z']+$/.test(word)) return word;
    if (dict[word[0]] && dict[word[0]].indexOf(word) >= 0) return word;
    var out = "", i = 0;
    while (i < word.length) {
      var hit = TRANSLIT.find(function (p) { return word.startsWith(p[0], i); });
      out += hit ? hit[1] : word[i];
      i += hit ? hit[0].length : 1;
    }
    return out;
  }
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (var k = 1; k <= b.length; k++) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        cur[k] = Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + cost);
        if (prev2 && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) cur[k] = Math.min(cur[k], prev2[k - 2] + 1);
        best = Math.min(best, cur[k]);
      }
      if (best > limit) return limit + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }
  // A word the site knows (or another form of it) stays; a misspelt one becomes the nearest
  // known word; a long word no page uses ("делают", "рассказать" in a question) is dropped (null).
  function correct(word) {
    if (word.length < 5 || !/^[а-я]+$/.test(word)) return word;
    var words = dict[word[0]];
    if (!words) { load(word[0]); return word; }
    if (words.indexOf(word) >= 0) return word;
    var prefix = word.slice(0, Math.max(4, Math.min(word.length - 2, 8)));
    if (words.some(function (w) { return w.startsWith(prefix); })) return word;  // a known word in another form
    var limit = word.length <= 7 ? 1 : 2, best = word, bestD = limit + 1;
    words.forEach(function (w) {
      var d = distance(word, w, limit);
      if (d < bestD || (d === bestD && w < best)) { best = w; bestD = d; }
    });
    return bestD <= limit ? best : null;
  }
  // An abbreviation becomes its expansion: short words would also match longer words that
  // merely start with the same letters ("СПО" → "способствующих"); pages that use either form
  // are indexed with both.
  var abbreviations = {};
  fetch(base + "data/search-abbreviations.json").then(function (r) { return r.ok ? r.json() : {}; })
    .then(function (json) { abbreviations = json; changed(); })
    .catch(function () {});
  function expand(original) {
    var lower = original.toLowerCase();
    var upper = original === original.toUpperCase() && /[А-ЯA-Z]/.test(original);
    return abbreviations[lower] && (upper || lower.length >= 3) ? abbreviations[lower] : original;
  }
  function rewrite(term) {
    term = term.split(/\s+/).map(expand).join(" ");
    var words = term.toLowerCase().replace(/ё/g, "е").split(/[\s,.!?;:«»"()]+/).filter(Boolean);
    var content = words.filter(function (w) { return !STOP.has(w); });
    if (content.length) words = content;
    var known = words.map(translit).map(correct);
    var kept = known.filter(Boolean);
    return (kept.length ? kept : words).join(" ");
  }

  var pagefind = null;
  function api() {
    pagefind = pagefind || import(base + "pagefind/pagefind.js");
    return pagefind;
  }
  function subsets(words, size) {
    if (size === 0) return [[]];
    if (words.length < size) return [];
    var first = words[0], rest = words.slice(1);
    return subsets(rest, size - 1).map(function (s) { return [first].concat(s); }).concat(subsets(rest, size));
  }
  function relax(query) {
    var words = rewrite(query).split(" ").filter(Boolean);
    if (words.length < 2 || words.length > 7) return Promise.resolve(null);
    return api().then(function (pf) {
      var sizes = [];
      for (var n = words.length - 1; n >= 1; n--) sizes.push(n);
      return sizes.reduce(function (found, n) {
        return found.then(function (best) {
          if (best) return best;
          var tries = subsets(words, n).map(function (s) {
            var q = s.join(" ");
            return pf.search(q).then(function (r) {
              return { query: q, score: r.results.length ? r.results[0].score * s.join("").length : 0 };
            });
          });
          return Promise.all(tries).then(function (all) {
            all = all.filter(function (x) { return x.score > 0; });
            all.sort(function (a, b) { return b.score - a.score || (a.query < b.query ? -1 : 1); });
            return all.length ? all[0].query : null;
          });
        });
      }, Promise.resolve(null));
    });
  }

  return { rewrite: rewrite, relax: relax, load: load };
};
