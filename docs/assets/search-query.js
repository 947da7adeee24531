// What a query becomes before Pagefind sees it, apart from the page that shows the results.
//
// kbSearchQuery(base, changed) returns an object; `changed` is called when word lists arrive
// that may change a rewrite (the page may then search again):
//   search(term, chosen) -> Promise<{query, filters, results, note, counts}>: the whole search, as the
//       page runs it, with the reader's filters `chosen` ({name: [values]}, optional): `results` are
//       Pagefind results (call .data() on each), best first; `filters` those applied; `note` says in
//       Russian what was done to the query, or ""; `counts` a Pagefind search whose filter counts
//       (`filters`, `totalFilters`) the filter panel shows.
//   rewrite(term) -> string: the words Pagefind searches for.
//   relax(query, chosen) -> Promise<string|null>: the fewest words to leave out when every word together
//       finds nothing.
//   excerpt(data) -> string: the HTML excerpt to show for a result's data (`await result.data()`):
//       plan text only, escaped, with the matched words in <mark>; a result found through the search
//       vocabulary shows the plan words its concept stands for, marked.
//   analyze(term) -> {words, concepts, filters, text, unknown}: the reading of a query (also the
//       catalogue's): `filters` are those the query implies (a region, a year, a grade, a month), a result
//       has one of the values of each, grades and months also accept measures that name none ("не указан");
//       the words left, the concept terms, what Pagefind gets, the words
//       dropped as used by no page.
//   ready(term) -> Promise: resolves when the word lists the term needs have arrived.
//   lemma(word) -> string: the dictionary form of a word the site uses (in any of its forms), folded.
//   load(letter): fetch the word list of a letter.
//   api() -> Promise<{search, filters}>: Pagefind, run in a worker (see `api`).
// How a query is read: numbers never match measure numbers: a year becomes the «Год» filter, a grade
// («9 класс», «девятиклассники») the «Класс» filter, a month the «Месяц» filter («до мая»: the months up
// to May; a season its months), a region's name or everyday name («Кузбасс», «ленобласть») the «Регион» filter; function words are dropped; Latin letters
// are read as Russian typed in the Latin keyboard layout when that makes a word the site uses (a whole
// query so, when most of its words read so), else as transliterated Russian unless the site uses the word;
// words typed together are split, a word typed apart joined; a misspelt word (or one spelt as heard)
// becomes the nearest word the site uses; an abbreviation (in capitals, or of 2+ letters not a function word,
// also in Latin letters) and an everyday phrase or a plan phrase no page says of the search
// vocabulary become the words of its concept (content/search-vocabulary.yaml), which are indexed with
// every page that has the concept — so «СПО» finds colleges, never «среднего общего образования»; an
// everyday word no page says is searched as the official word it stands for, and a word left over from an
// everyday phrase that no page has («привести» without «в колледж») is dropped. Ranking: a word or concept
// that most measures have («регион», «профориентация», a column's label «срок») is weak: it only ranks,
// and a measure with all the other words counts as having every word.
window.kbSearchQuery = function (base, changed) {
  "use strict";
  changed = changed || function () {};
  // A word (or concept) that this share of all measures has is weak; it ranks with this weight.
  var WEAK_SHARE = 0.3, WEAK_WEIGHT = 0.5;
  // Function and question words («как», «можно ли», «подскажите»): they ask, and say nothing of what is
  // asked. Of the search vocabulary (`stop`), as soon as it arrives.
  var STOP = new Set();
  var TRANSLIT = [["shch", "щ"], ["sch", "щ"], ["zh", "ж"], ["kh", "х"], ["ts", "ц"], ["ch", "ч"], ["sh", "ш"],
    ["yu", "ю"], ["ju", "ю"], ["iu", "ю"], ["ya", "я"], ["ja", "я"], ["ia", "я"], ["yo", "е"], ["ye", "е"],
    ["a", "а"], ["b", "б"], ["v", "в"], ["g", "г"], ["d", "д"], ["e", "е"], ["z", "з"], ["i", "и"], ["y", "ы"],
    ["j", "й"], ["k", "к"], ["l", "л"], ["m", "м"], ["n", "н"], ["o", "о"], ["p", "п"], ["r", "р"], ["s", "с"],
    ["t", "т"], ["u", "у"], ["f", "ф"], ["h", "х"], ["c", "ц"], ["w", "в"], ["x", "кс"], ["q", "к"], ["'", "ь"]];
  // A query typed with the keyboard in the Latin layout («rjkktl;» is «колледж»).
  var LATIN_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`", RUSSIAN_KEYS = "йцукенгшщзхъфывапролджэячсмитьбюё";
  // «девятом», «девятого»: an ordinal's stem (its place is the grade) and its endings.
  var ORDINALS = ["перв", "втор", "трет", "четверт", "пят", "шест", "седьм", "восьм", "девят", "десят", "одиннадцат"];
  // «девятово»: «-ого» spelt as it sounds.
  var ORDINAL = new RegExp("^(" + ORDINALS.join("|") + ")(ый|ой|ий|ого|его|ово|ево|ом|ем|ому|ему|ым|им|ые|ых)$");
  var GRADE_WORDS = ["перво", "второ", "третье", "четверо", "пяти", "шести", "седьмо", "восьми", "девяти", "десяти", "одинадцати"];
  // The stages of school by their everyday names: «младшие (классы, школьники)», «начальная школа» are
  // grades 1–4, «средние классы», «среднее звено» 5–9 («средняя школа» is all of school), «старшие
  // классы», «старшая школа», «старшеклассники» 10–11. `next`: the word that makes a stage of the
  // word before it; `alone`: a word that is a stage by itself.
  // «класс», «кл», and «класа» spelt as heard.
  var CLASS_WORD = /^(клас|кл$)/;
  var STAGES = [
    { grades: [1, 2, 3, 4], alone: /^младш/, word: /^(младш|начальн)/, next: /^(клас|школ|звен|ступен)/ },
    { grades: [5, 6, 7, 8, 9], alone: null, word: /^средн/, next: /^(клас|звен)/ },
    { grades: [10, 11], alone: /^старшекласс/, word: /^старш/, next: /^(клас|школ|звен|ступен)/ }
  ];
  function schoolStage(word, next) {
    for (var k = 0; k < STAGES.length; k++) {
      var s = STAGES[k];
      if (next && s.word.test(word) && s.next.test(next)) return { grades: s.grades, words: 2 };
      if (s.alone && s.alone.test(word)) return { grades: s.grades, words: 1 };
    }
    return null;
  }
  // Where one studies (the search vocabulary's terms); after 9th grade, the first.
  var PLACES = ["колледж", "школа", "вуз"];
  // Letters that begin a word as the same sound: an unstressed «о» is heard «а», «е» and «э» «и».
  var FIRST_ALTERNATE = { "е": "эи", "э": "еи", "и": "еэ", "о": "а", "а": "о" };
  var dict = {}, loading = {};
  var vocabulary = null, audiences = [], abbreviations = {};
  var vocabularyLoading = fetch(base + "data/search-vocabulary.json")
    .then(function (r) { return r.ok ? r.json() : null; })
    .catch(function () { return null; })
    .then(function (json) {
      vocabulary = json;
      ((json && json.stop) || []).forEach(function (w) { STOP.add(w); });
      // The concepts of whom a measure is for (see `weakParts`).
      audiences = (json ? json.concepts : []).filter(function (c) { return c.audience; }).map(function (c) { return c.term; });
      // An abbreviation of several concepts («ДОД»: день открытых дверей, дополнительное образование
      // детей) has several readings; `search` shows the results of each, in turn.
      abbreviations = {};
      (json ? json.concepts : []).forEach(function (c) {
        c.abbr.forEach(function (a) { (abbreviations[skeleton(a)] = abbreviations[skeleton(a)] || []).push(c.term); });
      });
      changed();
    });

  // The concepts a word stands for as an abbreviation, or null: looked up without «э» and «ь» («oge» is «огэ»).
  function meaningsOf(word) {
    var key = skeleton(word);
    return Object.prototype.hasOwnProperty.call(abbreviations, key) ? abbreviations[key] : null;
  }

  function hex(ch) { return ch.codePointAt(0).toString(16).padStart(4, "0"); }
  function load(letter) {
    if (!letter) return Promise.resolve();
    if (!loading[letter]) {
      loading[letter] = fetch(base + "data/words/" + hex(letter) + ".json")
        .then(function (r) { return r.ok ? r.json() : {}; })
        .catch(function () { return {}; })
        .then(function (words) { dict[letter] = words; changed(); });
    }
    return loading[letter];
  }
  function fold(text) { return text.toLowerCase().replace(/ё/g, "е"); }
  // «9класс», «9кл»: a number typed against a word is two words.
  function tokens(text) {
    return fold(text).replace(/(\d)(?=[a-zа-я])|([a-zа-я])(?=\d)/g, "$1$2 ").split(/[^a-zа-я0-9']+/).filter(Boolean);
  }
  function known(word) { var d = dict[word[0]]; return !!(d && Object.prototype.hasOwnProperty.call(d, word)); }
  function lemma(word) { return known(word) ? dict[word[0]][word] : word; }
  // Adjective endings as they are transliterated («novye», «professiy», «raznyy»).
  var ENDINGS = [[/([bcdfghklmnprstvz])ye$/, "$1ые"], [/(iy|ij)$/, "ий"], [/(yy|yj|yi)$/, "ый"]];
  function translit(word) {
    if (!/^[a-z']+$/.test(word) || known(word)) return word;
    function read(table, source) {
      var w = ENDINGS.reduce(function (x, e) { return x.replace(e[0], e[1]); }, source), out = "", i = 0;
      while (i < w.length) {
        var hit = table.find(function (p) { return w.startsWith(p[0], i); });
        out += hit ? hit[1] : w[i];
        i += hit ? hit[0].length : 1;
      }
      return out;
    }
    // «ia», «iu» are «я», «ю» in passports, «иа», «иу» in «spetsialnost», «materialy»; «y» before a vowel
    // is «й» in «rayon»: the reading the site knows.
    var passport = read(TRANSLIT, word);
    if (fits(passport)) return passport;
    var others = [read(TRANSLIT.filter(function (p) { return !/^i[au]$/.test(p[0]); }), word),
                  read(TRANSLIT, word.replace(/y(?=[aeiou])/g, "й"))];
    return others.find(fits) || passport;
  }
  // A word the site knows, or spelt the same but for a soft sign or a sound.
  function fits(word) {
    if (known(word)) return true;
    if (!dict[word[0]]) return false;
    var best = nearest(word, candidates(word));
    return !!best && best.rank[0] === 0;
  }
  function unlayout(chunk) {
    return chunk.toLowerCase().split("").map(function (c) {
      var at = LATIN_KEYS.indexOf(c);
      return at < 0 ? c : RUSSIAN_KEYS[at];
    }).join("");
  }
  // A chunk of Latin keys that the site does not know but whose Russian keys make a word it knows, or a
  // short function word («yf» is «на»: the word lists have words of 3+ letters), or a misspelt word the
  // site knows when the chunk read as transliterated Russian is none («ghjajhbtyfwbz»). A chunk with
  // keys of Russian letters between its letters («ljk;yf») is typed in the layout, and so is every chunk
  // of a query whose chunks read so more often than as transliteration.
  function layout(term) {
    var chunks = term.replace(/([^\s?!])([?!]+)(?=\s|$)/g, "$1 $2").split(/(\s+)/), votes = 0;
    function latin(chunk) { return /^[a-z;',.\[\]`]+$/i.test(chunk) && !known(fold(chunk)); }
    function keyed(chunk) { return /[a-z][;,.\[\]`][a-z]|[a-z][;\[\]]$/i.test(chunk); }
    chunks.forEach(function (chunk) {
      if (!latin(chunk) || chunk.length < 2) return;
      var russian = fold(unlayout(chunk)), word = fold(chunk).replace(/[^a-z']/g, ""), ru = translit(word);
      var typed = keyed(chunk) || known(russian) || STOP.has(russian), read = known(ru) || STOP.has(ru);
      votes += typed && !read ? 1 : read && !typed ? -1 : 0;
    });
    return chunks.map(function (chunk) {
      if (!latin(chunk)) return chunk;
      var russian = fold(unlayout(chunk));
      if (votes > 0 || keyed(chunk)) return russian;
      if (votes < 0 || !/^[а-я]+$/.test(russian)) return chunk;
      if (known(russian) || STOP.has(russian)) return russian;
      var typed = correct(russian), read = /^[a-z']+$/i.test(chunk) ? correct(translit(fold(chunk))) : null;
      return typed && known(typed) && !(read && known(read)) ? russian : chunk;
    }).join("");
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
  // How a word is spelt without the letters people leave out or swap (ь, ъ; й/и/ы; э/е): a word typed
  // in Latin letters ("shkolnikov", "postupit") or without its soft sign is the site's word of that skeleton.
  function skeleton(word) { return word.replace(/[ьъ]/g, "").replace(/[йы]/g, "и").replace(/э/g, "е"); }
  // How a word sounds, as people spell what they hear: «-ться» is «-ца» («учица»), «дж» is «ж» («колеж»),
  // a doubled letter is one («класа», «професия»), an unstressed «о» is «а» and «е» is «и» («калидж»),
  // a voiced consonant is its voiceless pair («завот»), «я», «ю» after «ц», «ч», «ш», «щ», «ж» are «а», «у».
  // Only a word the site does not know is read so.
  var SOUNDS = { "о": "а", "э": "и", "е": "и", "ы": "и", "й": "и", "б": "п", "в": "ф", "г": "к", "д": "т", "ж": "ш", "з": "с" };
  var sounds = {};
  function sound(word) {
    if (!sounds[word]) {
      sounds[word] = word.replace(/[ьъ]/g, "").replace(/[тд]с/g, "ц").replace(/[сз]ч/g, "щ").replace(/д(ж)|т(ч)/g, "$1$2")
        .replace(/([цчшщж])я/g, "$1а").replace(/([цчшщж])ю/g, "$1у")
        .replace(/./g, function (c) { return SOUNDS[c] || c; }).replace(/(.)\1+/g, "$1");
    }
    return sounds[word];
  }
  function common(a, b) { var n = 0; while (n < a.length && a[n] === b[n]) n++; return n; }
  function sorted(word) { return word.split("").sort().join(""); }
  // The known words a word may be a misspelling of: of its first letter, or of one heard the same
  // («екскурсия», «икскурсия», a transliterated «ekskursiya»; «абразование»).
  function candidates(word) {
    return (word[0] + (FIRST_ALTERNATE[word[0]] || "")).split("").reduce(function (all, l) {
      return dict[l] ? all.concat(Object.keys(dict[l])) : all;
    }, []);
  }
  // The nearest known word, with how near (`rank`, smaller first), or null. Edits allowed grow with the
  // word: none up to 4 letters (only a word spelt or sounding the same, or one letter left out: «шкла»),
  // one up to 7, then two. Of as near words, a letter left out or two letters swapped first, then the
  // longest shared beginning.
  function nearest(word, keys) {
    var shape = skeleton(word), heard = sound(word);
    var limit = word.length <= 4 ? 0 : word.length <= 7 ? 1 : 2, best = null, letters = sorted(word);
    keys.forEach(function (w) {
      // A 3-letter word only without its soft sign («ден» of «den»).
      var same = skeleton(w) === shape || (word.length > 3 && sound(w) === heard);
      var left = word.length === 4 && w.length === 5 ? 1 : limit, d = same ? 0 : distance(word, w, left);
      if (d > left) return;
      var slip = w.length > word.length || sorted(w) === letters ? 0 : 1;
      var c = { word: w, rank: [d, same ? distance(word, w, 9) : d, slip, -common(word, w), w.length] };
      if (!best || better(c, best)) best = c;
    });
    function better(p, q) {
      for (var i = 0; i < p.rank.length; i++) if (p.rank[i] !== q.rank[i]) return p.rank[i] < q.rank[i];
      return p.word < q.word;
    }
    return best;
  }
  // A word the site knows in any form stays; words typed together become those words (space-separated);
  // a misspelt word becomes the nearest known word; a beginning of a known word (the reader is still
  // typing) stays; a long word no page uses ("рассказать" in a question) is dropped (null).
  function correct(word) {
    if (word.length < 3 || !/^[а-я]+$/.test(word)) return word;
    if (!dict[word[0]]) { load(word[0]); return word; }
    if (known(word)) return word;
    // A word the site does not know may be misspelt in its first vowel: those letters' lists are
    // fetched only now, so that a query of known words never waits for them.
    var other = (FIRST_ALTERNATE[word[0]] || "").split("").filter(function (l) { return !dict[l]; });
    if (other.length) { other.forEach(load); return word; }
    var keys = candidates(word), best = nearest(word, keys), parts = split(word);
    // Two words typed together win over a misspelling («дляшкольников» is no «дошкольников»), unless a
    // part is a function word of one letter or stands after a word («слухо», «школв» are misspelt).
    var two = parts ? parts.split(" ") : [], strong = two.length === 2 && !STOP.has(two[1]) &&
      (STOP.has(two[0]) ? two[0].length >= 2 && two[1].length >= 5 : true);
    if (parts && (!best || (strong && best.rank[0] > 0))) return parts;
    if (best) return best.word;
    if (keys.some(function (w) { return w.startsWith(word); })) return word;
    return split(word, 0, true) || (word.length < 5 ? word : null);
  }
  // Words typed together («деньоткрытых», «вколледж», «билетв»): the site's words and function words
  // they are made of, the fewest first, or null. `loose`: a first word the site does not know, and that
  // begins none of its words, may stand before a known one of 5+ letters, the longest
  // («позватьшкольников», «рждпрофориентация»).
  function split(word, depth, loose) {
    depth = depth || 0;
    if (depth > 2 || word.length < 4) return null;
    for (var k = 1; k < word.length; k++) {
      var at = loose ? k : word.length - k, head = word.slice(0, at), tail = word.slice(at);
      var other = loose && head.length >= 3 && tail.length >= 5 && dict[head[0]] &&
        !candidates(head).some(function (w) { return w.startsWith(head); });
      if (!(STOP.has(head) || (head.length >= 3 && known(head)) || other)) continue;
      if (!dict[tail[0]]) { load(tail[0]); continue; }
      var whole = (tail.length >= 3 && known(tail)) || (!other && STOP.has(tail));
      var rest = whole ? tail : other ? null : split(tail, depth + 1);
      if (rest) return head + " " + rest;
    }
    return null;
  }

  // Phrases (lemma lists) found in order (two-word ones in either order) in the lemma slots, at most one
  // other word between two of their words, besides question words (`stop` slots); longest first; each slot used once. `slots[i]` is a set of lemmas a word may be.
  function findPhrases(slots, entries) {
    var used = slots.map(function () { return false; }), found = [];
    var all = [];
    entries.forEach(function (entry) {
      entry.phrases.forEach(function (phrase) { all.push({ entry: entry, phrase: phrase }); });
    });
    // Russian word order is free: «учить педагогов» is also «педагогов учить».
    entries.forEach(function (entry) {
      entry.phrases.forEach(function (phrase) {
        if (phrase.length === 2) all.push({ entry: entry, phrase: [phrase[1], phrase[0]] });
      });
    });
    // The longest phrases first; of equal length, the one that starts first («онлайн-уроки о профессиях»
    // is «онлайн-уроки», not «уроки о профессиях»), then the one whose words stand closer («уроки по
    // интернету про профессии»: «уроки по интернету», words side by side once «по» is left out).
    function match(p) {
      for (var start = 0; start < slots.length; start++) {
        var at = [], i = start;
        for (var k = 0; k < p.phrase.length && i < slots.length; k++) {
          var limit = k === 0 ? i : Math.min(slots.length - 1, i + 1), hit = -1;
          for (var j = i; j <= limit; j++) {
            if (!used[j] && slots[j].has(p.phrase[k])) { hit = j; break; }
            // A question word between is no word between («профессии, которые будут нужны»).
            if (k && slots[j].stop && limit < slots.length - 1) limit++;
          }
          if (hit < 0) break;
          at.push(hit); i = hit + 1;
        }
        if (at.length === p.phrase.length) return at;
      }
      return null;
    }
    function span(at) { return at[at.length - 1] - at[0]; }
    var lengths = all.map(function (p) { return p.phrase.length; }).sort(function (a, b) { return b - a; });
    lengths.filter(function (n, i) { return lengths.indexOf(n) === i; }).forEach(function (n) {
      var group = all.filter(function (p) { return p.phrase.length === n; });
      for (;;) {
        var best = null;
        group.forEach(function (p) {
          var at = match(p);
          if (at && (!best || at[0] < best.at[0] || (at[0] === best.at[0] && span(at) < span(best.at)))) {
            best = { entry: p.entry, at: at, p: p };
          }
        });
        if (!best) break;
        best.at.forEach(function (j) { used[j] = true; });
        found.push({ entry: best.entry, at: best.at });
        group.splice(group.indexOf(best.p), 1);
      }
    });
    return { found: found, used: used };
  }

  // `reading`: which meaning an abbreviation of several concepts takes (0, the first, unless given).
  function analyze(term, reading) {
    var filters = {}, concepts = [], ranking = [], readings = 1, afterNine = false;
    function add(name, value) {
      filters[name] = filters[name] || [];
      if (filters[name].indexOf(value) < 0) filters[name].push(value);
    }
    var raw = layout(term).split(/[^A-Za-zА-Яа-яЁё0-9']+/).filter(Boolean);
    // Abbreviations are read before case is lost: «ДО» in capitals only, «спо», «ип» in any case.
    // Words typed together are split before anything is read of them («спопосле 9»: «спо после 9»).
    raw = raw.reduce(function (out, w) {
      var lower = fold(w), plain = /^[а-я]{4,}$/.test(lower) && !STOP.has(lower) && !meaningsOf(lower);
      var parts = plain ? correct(lower) : null;
      return out.concat(parts && parts.indexOf(" ") > 0 ? parts.split(" ") : [w]);
    }, []);
    var words = [];
    // «после ОГЭ», «после ЕГЭ»: the exam is when school is left, so the grade it ends («после 9 класса»).
    var EXAM_GRADES = { "оге": "9", "еге": "11" };
    raw.forEach(function (w, i) {
      var lower = fold(w);
      // «ovz», «spo»: an abbreviation in Latin letters.
      var ru = meaningsOf(lower) ? lower : translit(lower), key = skeleton(ru);
      var before = fold(translit(fold(raw[i - 1] || "")));
      if (Object.prototype.hasOwnProperty.call(EXAM_GRADES, key) && /^(после|до)$/.test(before)) {
        add("Класс", EXAM_GRADES[key]);
        if (EXAM_GRADES[key] === "9" && before === "после") afterNine = true;
        return;
      }
      var capitals = w === w.toUpperCase() && /[А-ЯA-Z]/.test(w);
      var meanings = meaningsOf(ru);
      // In lower case an abbreviation of two letters counts unless it is a function word («до», «во»).
      if (meanings && (capitals || ru.length >= 3 || !(STOP.has(ru) || (vocabulary.function_words || []).indexOf(ru) >= 0))) {
        var meaning = meanings[(reading || 0) % meanings.length];
        readings = Math.max(readings, meanings.length);
        if (concepts.indexOf(meaning) < 0) concepts.push(meaning);
        // A page that says the abbreviation itself ranks higher among those found.
        if (ranking.indexOf(ru) < 0) ranking.push(ru);
        return;
      }
      words = words.concat(tokens(w).map(translit));
    });
    // «9 калсса», «в девятом класе», «сташеклассники»: a misspelt word that reads as a grade's word is one.
    var GRADE = /клас|клаш|^(старш|младш|начальн|средн)/;
    words = words.map(function (w) {
      var c = /^[а-я]{5,}$/.test(w) && !known(w) && !ORDINAL.test(w) && correct(w);
      return c && (GRADE.test(c) || ORDINAL.test(c)) ? c : w;
    });
    // Numbers: years and grades become filters; any other number is no word to search for.
    var kept = [], skip = 0;
    function leaves(n, before) { if (n === 9 && before === "после") afterNine = true; }
    // «не хочу в 10 класс», «без 10-го класса»: school is left after the 9th grade.
    function refused(n, i) {
      if (n !== 10 || !words.slice(Math.max(0, i - 3), i).some(function (x) { return x === "не" || x === "без"; })) return false;
      add("Класс", "9");
      afterNine = true;
      return true;
    }
    words.forEach(function (w, i) {
      if (skip > 0) { skip--; return; }
      var year = /^(19|20)\d\d(г|гг|год|года|году)?$/.test(w) && parseInt(w, 10);
      var near = [words[i - 1], words[i + 1], words[i + 2]].filter(Boolean);
      if (year) { add("Год", String(year)); return; }
      if (/^\d+$/.test(w)) {
        var n = parseInt(w, 10);
        leaves(n, words[i - 1]);
        if (near.some(function (x) { return CLASS_WORD.test(x); }) && refused(n, i)) return;
        // «9 класс», «в 10-м классе»; «после 9», «до 11»: the grades school is left after.
        if (n >= 1 && n <= 11 && near.some(function (x) { return CLASS_WORD.test(x); })) add("Класс", String(n));
        else if ((n === 9 || n === 11) && /^(после|до)$/.test(words[i - 1] || "")) add("Класс", String(n));
        return;
      }
      // «девятиклассники», «девятиклашки»; «после девятки»: the 9th grade by its everyday name.
      // Doubled letters as one: «девятикласники», «одинадцатиклассники».
      var single = w.replace(/(.)\1+/g, "$1");
      var grade = GRADE_WORDS.findIndex(function (p) { return /^кла[сш]/.test(single.startsWith(p) ? single.slice(p.length) : ""); });
      if (grade < 0 && /^девятк/.test(w)) { grade = 8; leaves(9, words[i - 1]); }
      if (grade >= 0) { add("Класс", String(grade + 1)); return; }
      // «в девятом классе»; «после девятого», «до одиннадцатого»: the grade school is left after.
      var named = ORDINAL.exec(w), ordinal = named ? ORDINALS.indexOf(named[1]) : -1;
      if (ordinal >= 0) leaves(ordinal + 1, words[i - 1]);
      if (ordinal >= 0 && CLASS_WORD.test(words[i + 1] || "") && refused(ordinal + 1, i)) { skip = 1; return; }
      if (ordinal >= 0 && (CLASS_WORD.test(words[i + 1] || "") ||
          ((ordinal === 8 || ordinal === 10) && /^(после|до)$/.test(words[i - 1] || "")))) {
        add("Класс", String(ordinal + 1));
        if (CLASS_WORD.test(words[i + 1] || "")) skip = 1;
        return;
      }
      var stage = schoolStage(w, words[i + 1]);
      if (stage) { stage.grades.forEach(function (n) { add("Класс", String(n)); }); skip = stage.words - 1; return; }
      // «до декабря», «к маю»: a deadline, so any month up to it (of the calendar year, as the plans count).
      var month = vocabulary && vocabulary.months[lemma(w)];
      if (month && /^(до|к|ко)$/.test(words[i - 1] || "")) {
        var names = Object.values(vocabulary.months);
        names.slice(0, names.indexOf(month) + 1).forEach(function (m) { add("Месяц", m); });
        return;
      }
      if (/^(г|гг|год|года|году|годы|годов|х|й|го|м|ом|е)$/.test(w)) return;
      // «9-ый», «9-ти», «9-ки»: an ending typed after a number.
      if (/^[а-я]{1,3}$/.test(w) && /^\d+$/.test(words[i - 1] || "") && !CLASS_WORD.test(w) && !STOP.has(w)) return;
      if (CLASS_WORD.test(w) && [words[i - 2], words[i - 1], words[i + 1]].some(function (x) { return x && /^\d+$/.test(x); })) return;
      kept.push(w);
    });
    var FUNCTION = new Set(vocabulary ? vocabulary.function_words : []);
    // «проф ориентация»: a word typed apart, when its halves are not both the site's words nor function words.
    function part(w) { return FUNCTION.has(w) || STOP.has(w); }
    kept = kept.reduce(function (out, w) {
      var last = out[out.length - 1], whole = last + w;
      if (last && /^[а-я]+$/.test(whole) && known(whole) && !(known(last) && known(w)) && !part(last) && !part(w)) out[out.length - 1] = whole;
      else out.push(w);
      return out;
    }, []);
    var unknown = [];
    words = kept.filter(function (w) { return !FUNCTION.has(w); })
      .map(function (w) { var c = STOP.has(w) ? w : correct(w); if (c === null) unknown.push(w); return c; })
      .filter(Boolean).join(" ").split(" ").filter(function (w) { return !FUNCTION.has(w); });
    var slots = words.map(function (w) {
      var s = new Set([w, lemma(w)]);
      s.stop = STOP.has(w);
      var official = vocabulary && Object.prototype.hasOwnProperty.call(vocabulary.synonyms, lemma(w)) ? vocabulary.synonyms[lemma(w)] : [];
      official.forEach(function (o) { s.add(o); });
      return s;
    });
    if (vocabulary) {
      // A season («весной», «осенний») is its months (`seasons`, absent from an older copy of the vocabulary).
      var months = vocabulary.months, seasons = vocabulary.seasons || {};
      slots.forEach(function (s, i) {
        s.forEach(function (l) {
          var named = months[l] || seasons[l];
          if (named) { named.split(" ").forEach(function (m) { add("Месяц", m); }); slots[i] = new Set(); words[i] = null; }
        });
      });
      // A region's name, everyday name or adjective («смоленская») is a filter, with the «область» after it.
      var regions = vocabulary.regions.map(function (r) {
        var phrases = r.phrases.slice();
        r.phrases.forEach(function (p) { if (p.length > 1 && /(ский|цкий)$/.test(p[0])) phrases.push([p[0]]); });
        return { name: r.name, phrases: phrases };
      });
      var regionHits = findPhrases(slots, regions);
      regionHits.found.forEach(function (f) {
        add("Регион", f.entry.name);
        var after = f.at[f.at.length - 1] + 1;
        if (slots[after] && (slots[after].has("область") || slots[after].has("обл") || slots[after].has("край"))) regionHits.used[after] = true;
      });
      regionHits.used.forEach(function (u, i) { if (u) { words[i] = null; slots[i] = new Set(); } });
      var hits = findPhrases(slots, vocabulary.concepts);
      hits.found.sort(function (a, b) { return a.at[0] - b.at[0]; }).forEach(function (f) {
        // «после школы»: school is left, not looked for; «куда», «где» after it ask where to study next, as
        // after the 9th grade («кружки после школы» do not).
        if (f.entry.term === PLACES[1] && words[f.at[0] - 1] === "после") {
          afterNine = afterNine || words.indexOf("куда") >= 0 || words.indexOf("где") >= 0;
          return;
        }
        if (concepts.indexOf(f.entry.term) < 0) concepts.push(f.entry.term);
        // The reader's own words rank the pages their concept finds («экскурсия на завод»: those saying «завод»).
        var own = f.at.map(function (j) { return words[j]; }).join(" ");
        if (ranking.indexOf(own) < 0) ranking.push(own);
      });
      vocabulary.concepts.forEach(function (c) {
        if (concepts.indexOf(c.term) >= 0 && c.official && ranking.indexOf(c.official) < 0) ranking.push(c.official);
      });
      hits.used.forEach(function (u, i) { if (u) words[i] = null; });
      // «Куда поступать после 9 класса», «после ОГЭ», «после школы»: a question of studying further with no
      // place of study named: school is left for a college.
      if (afterNine && concepts.length && !concepts.some(function (t) { return PLACES.indexOf(t) >= 0; })) concepts.push(PLACES[0]);
    }
    var unsaid = new Set(vocabulary ? vocabulary.unsaid : []);
    words = words.filter(function (w) { return w && !STOP.has(w) && !unsaid.has(lemma(w)); }).map(function (w) {
      var as = vocabulary && vocabulary.searched_as;
      return as && Object.prototype.hasOwnProperty.call(as, lemma(w)) ? as[lemma(w)] : w;
    });
    if (filters["Класс"]) filters["Класс"].push("не указан");
    if (filters["Месяц"]) filters["Месяц"].push("не указан");
    var text = concepts.map(fold).concat(words).join(" ").split(" ").filter(function (w, i, all) {
      return w && all.indexOf(w) === i && !STOP.has(w);
    }).join(" ");
    return { words: words, concepts: concepts, filters: filters, text: text, ranking: ranking, unknown: unknown, readings: readings,
             parts: concepts.map(fold).concat(words.filter(function (w) { return text.split(" ").indexOf(w) >= 0; })) };
  }
  function rewrite(term) { return analyze(term).text; }
  function ready(term) {
    var letters = {};
    tokens(term).forEach(function (w) {
      letters[w[0]] = letters[translit(w)[0]] = 1;
    });
    term.split(/\s+/).forEach(function (chunk) { if (chunk) letters[fold(unlayout(chunk))[0]] = 1; });
    // A corrected, transliterated or split word may need a letter not asked for yet: reading the query
    // again asks for it, until no new letter is wanted.
    function settle(rounds) {
      var asked = Object.keys(loading).length;
      analyze(term).text.split(" ").filter(Boolean).forEach(function (w) { load(w[0]); });
      var all = Object.keys(loading).map(function (l) { return loading[l]; });
      return Promise.all(all).then(function () { if (rounds > 0 && Object.keys(loading).length > asked) return settle(rounds - 1); });
    }
    return Promise.all([vocabularyLoading].concat(Object.keys(letters).map(load))).then(function () { return settle(3); });
  }

  // Pagefind's API as this page uses it (search, filters, each result's data()), answered by the
  // worker the page's head starts (assets/search-worker.js): searches keep the main thread free.
  var pagefind = null, asked = [];
  function api() {
    pagefind = pagefind || window.kbStartPagefind().then(function (worker) {
      var waiting = {}, next = 1;
      worker.onmessage = function (e) {
        var call = waiting[e.data.id];
        delete waiting[e.data.id];
        if (e.data.error) call.fail(new Error(e.data.error));
        else call.ok(e.data.value);
      };
      function ask(op, args) {
        return new Promise(function (ok, fail) {
          var id = next++;
          waiting[id] = { ok: ok, fail: fail };
          worker.postMessage({ id: id, op: op, args: args });
        });
      }
      return {
        search: function (term, options) {
          return ask("search", [term, options]).then(function (found) {
            found.results.forEach(function (x) { x.data = function () { return ask("data", [x.key]); }; });
            return found;
          });
        },
        filters: function () { return ask("filters", []); },
      };
    });
    return pagefind;
  }
  // Which pages are not measures, once a visit: measures are what people look for, so a plan, region
  // or agency page ranks after them, even when its long text has every word of the query. The other
  // pages are the few, with a filter of their own (overrides/main.html): its file and the search
  // stay small on the phone.
  var otherIds = null;
  function measures(pf) {
    otherIds = otherIds || pf.search(null, { filters: { "kb-not-measure": { any: ["1"] } } })
      .then(function (r) { return new Set(r.results.map(function (x) { return x.id; })); })
      .catch(function () { return null; });
    return otherIds.then(function (others) {
      return { has: function (id) { return others !== null && !others.has(id); } };
    });
  }
  function pagefindFilters(f) {
    var out = {};
    Object.keys(f).forEach(function (name) { out[name] = { any: f[name] }; });
    return out;
  }
  function subsets(words, size) {
    if (size === 0) return [[]];
    if (words.length < size) return [];
    var first = words[0], rest = words.slice(1);
    return subsets(rest, size - 1).map(function (s) { return [first].concat(s); }).concat(subsets(rest, size));
  }
  function relax(query, chosen) {
    var a = analyze(query), words = a.text.split(" ").filter(Boolean), active = Object.assign({}, a.filters);
    if (words.length < 2 || words.length > 7) return Promise.resolve(null);
    Object.keys(chosen || {}).forEach(function (k) { if (chosen[k].length) active[k] = chosen[k]; });
    var f = pagefindFilters(active);
    return api().then(function (pf) {
      var sizes = [];
      for (var n = words.length - 1; n >= 1; n--) sizes.push(n);
      return sizes.reduce(function (found, n) {
        return found.then(function (best) {
          if (best) return best;
          var tries = subsets(words, n).map(function (s) {
            var q = s.join(" ");
            return pf.search(q, { filters: f }).then(function (r) {
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

  // Measures first (see `measures`): those with all the query's parts (a concept's term, a word)
  // together, as Pagefind ranks them; then those that have some of them: more parts first (a concept
  // counts twice: words around it are often a question's), then by their scores, each part's scaled to
  // its best page; then other pages the same way. `chosen` are the reader's filters ({name: [values]}):
  // they win over those the query implies. Filters the query implied that leave nothing are dropped,
  // the loosest reading first, the region last. `counts` is the Pagefind search of the whole query,
  // whose filter counts the page shows. A query with an abbreviation of several concepts is searched in
  // each reading, and their results are shown in turn (the best of each first).
  function search(term, chosen) {
    chosen = chosen || {};
    // Which pages are measures is asked for together with the query's own searches, not before them.
    return ready(term).then(api).then(function (pf) {
      var measure = measures(pf), first = analyze(term);
      asked = tokens(first.concepts.join(" "));
      var readings = [];
      for (var k = 0; k < first.readings; k++) readings.push(k ? analyze(term, k) : first);
      return Promise.all(readings.map(function (a) { return searchReading(pf, measure, a, chosen); })).then(function (found) {
        if (found.length === 1) return found[0];
        // Each reading's best in turn: the reader sees both meanings at the top.
        var results = [], seen = {}, longest = Math.max.apply(null, found.map(function (f) { return f.results.length; }));
        for (var i = 0; i < longest; i++) {
          found.forEach(function (f) {
            var x = f.results[i];
            if (x && !seen[x.id]) { seen[x.id] = 1; results.push(x); }
          });
        }
        var note = "запрос понят несколькими способами: " + found.map(function (f) { return "«" + f.query + "»"; }).join(", ");
        return { query: found[0].query, filters: found[0].filters, results: results,
                 note: [note].concat(found[0].note ? [found[0].note] : []).join("; "), counts: found[0].counts };
      });
    });
  }

  // `measureReady` resolves to the set of measures (see `measures`).
  function searchReading(pf, measureReady, a, chosen) {
    var active = JSON.parse(JSON.stringify(a.filters)), notes = [];
    Object.keys(chosen).forEach(function (k) { if (chosen[k].length) active[k] = chosen[k].slice(); });
    if (!a.text && !Object.keys(active).length) return { query: "", filters: {}, results: [], note: "", counts: null };
    var memo = {};
    function run(q) {
      var key = (q || "") + "|" + JSON.stringify(active);
      return (memo[key] = memo[key] || pf.search(q || null, { filters: pagefindFilters(active) }));
    }
    function scale(r) { return r.results.length ? r.results[0].score || 1 : 1; }
    // Which parts of the query most measures have: such a word says little about what is asked
    // («как регион рассказывает о профориентации в СМИ»), so a measure need not have it to rank
    // among those with all the words. A concept of whom a measure is for («экскурсия для дочки»: parents)
    // is weak next to a part that is neither. None is weak when every part would be.
    function weakParts(partRuns, measure) {
      var total = vocabulary && vocabulary.measures, weak = partRuns.map(function (r) {
        return !!total && r.results.filter(function (x) { return measure.has(x.id); }).length >= WEAK_SHARE * total;
      });
      var audience = partRuns.map(function (r, i) { return i < a.concepts.length && audiences.indexOf(a.concepts[i]) >= 0; });
      if (weak.some(function (w, i) { return !w && !audience[i]; })) weak = weak.map(function (w, i) { return w || audience[i]; });
      return weak.every(Boolean) ? weak.map(function () { return false; }) : weak;
    }
    // Measures that name the grade or month asked for, rather than naming none (a filter-only search).
    function named() {
      var strict = {};
      ["Класс", "Месяц"].forEach(function (n) {
        var values = (active[n] || []).filter(function (v) { return v !== "не указан"; });
        if (values.length && values.length < (active[n] || []).length) strict[n] = { any: values };
      });
      if (!Object.keys(strict).length) return Promise.resolve(null);
      return pf.search(null, { filters: strict }).then(function (r) {
        return new Set(r.results.map(function (x) { return x.id; }));
      });
    }
    function attempt() {
      var multi = a.parts.length > 1;
      return Promise.all([run(a.text), Promise.all(multi ? a.parts.map(run) : []), Promise.all(a.ranking.map(run)), named(),
        measureReady])
        .then(function (runs) {
          var measure = runs[4], all = runs[0].results, scored = {}, top = scale(runs[0]), weak = weakParts(runs[1], measure);
          all.forEach(function (x) { scored[x.id] = { result: x, all: 1, parts: 0, score: (x.score || 0) / top, has: 0 }; });
          runs[1].forEach(function (r, i) {
            var scaled = weak[i] ? WEAK_WEIGHT : 1, weight = (i < a.concepts.length ? 2 : 1) * scaled, best = scale(r);
            r.results.forEach(function (x) {
              var s = scored[x.id] = scored[x.id] || { result: x, all: 0, parts: 0, score: 0, has: 0 };
              if (!weak[i]) s.has++;
              if (!s.all || weak.some(Boolean)) { s.parts += weight; s.score += scaled * (x.score || 0) / best; }
            });
          });
          // With words most measures have («регион», «профориентация»), a measure with all the others counts as
          // having them all: the common words only rank (see `weakParts`).
          if (weak.some(Boolean)) {
            var strong = weak.filter(function (w) { return !w; }).length;
            Object.keys(scored).forEach(function (id) {
              var s = scored[id];
              s.all = s.has === strong ? 1 : 0;
              if (s.all) s.parts = 0;  // ranked by their scores, as those with every word are
            });
          }
          // The concept's official phrase and the reader's own words rank the measures found, and add none
          // (a plan page's long text has them all).
          runs[2].forEach(function (r) {
            var best = scale(r);
            r.results.forEach(function (x) {
              if (scored[x.id] && measure.has(x.id)) scored[x.id].score += (x.score || 0) / best;
            });
          });
          var list = Object.keys(scored).map(function (id) { return scored[id]; });
          list.forEach(function (s) {
            s.measure = measure.has(s.result.id) ? 1 : 0;
            s.named = !runs[3] || runs[3].has(s.result.id) ? 1 : 0;
          });
          list.sort(function (p, q) {
            return q.measure * q.all - p.measure * p.all || q.named - p.named || q.measure - p.measure || q.parts - p.parts ||
              q.score - p.score || (p.result.id < q.result.id ? -1 : 1);
          });
          if (!all.length && list.length) notes.push("ни одна страница не содержит всех слов запроса; показаны содержащие часть из них");
          return { results: list.map(function (s) { return s.result; }), counts: runs[0] };
        });
    }
    function loosen(found) {
      var order = ["Класс", "Месяц", "Год", "Регион"].filter(function (n) { return active[n] && !(chosen[n] || []).length; });
      if (found.results.length || !order.length || !a.text) return found;
      notes.push("без фильтра «" + order[0] + "» (с ним ничего не нашлось)");
      delete active[order[0]];
      return attempt().then(loosen);
    }
    return attempt().then(loosen).then(function (found) {
      return { query: a.text, filters: active, results: found.results, note: notes.join("; "), counts: found.counts };
    });
  }

  function escape(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  // Pagefind's excerpt is a window of words: where it starts or stops inside a sentence the reader
  // sees «…», and the first word or two of a next sentence (a table's label) are left out.
  function bounded(html) {
    if (!html) return html;
    var cut = html.replace(/([.!?;:])\s+[^\s<]+(\s+[^\s<]+)?$/, "$1");
    if (!/[.!?…»")]$/.test(cut)) cut += " …";
    return (/^[a-zа-яё]/.test(cut.replace(/<[^>]*>/g, "")) ? "… " : "") + cut;
  }
  // Words from the search vocabulary are indexed after a "⟪" mark: never shown as the plan's text.
  // A page found through them shows the plan words its concept stands for (the page's "kb-via" meta).
  function excerpt(data) {
    var via = [];
    var shown = (data.excerpt || "")
      .replace(/⟪\s*(<mark>)?([^\s<]*)(<\/mark>)?/g, function (_, open, word) {
        if (open) via.push(fold(word));
        return "";
      })
      .replace(/\s{2,}/g, " ")
      .trim();
    shown = bounded(shown);
    var entries = ((data.meta && data.meta["kb-via"]) || "").split(";").filter(Boolean).map(function (e) {
      var at = e.indexOf("=");
      return { term: tokens(e.slice(0, at)), words: e.slice(at + 1).split(" ") };
    });
    // Pagefind's excerpt of a long page may show none of the words found: then the sentences of the
    // concepts the last search asked for.
    if (!via.length && !/<mark>/.test(shown)) via = asked;
    // The marked words are indexed after the page's text: never shown.
    var content = (data.content || "").split("⟪")[0], sentences = [];
    function quote(w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
    var wanted = entries.filter(function (e) { return e.term.some(function (w) { return via.indexOf(w) >= 0; }); });
    var patterns = wanted.map(function (e) { return new RegExp(e.words.map(quote).join("[^A-Za-zА-Яа-яЁё0-9]+"), "i"); });
    // A page whose text names the concept elsewhere than where its words were read (a plan page lists
    // its measures' topics): the concept's own words, in any ending.
    if (!patterns.some(function (p) { return p.test(content); })) {
      wanted.forEach(function (e) {
        patterns.push(new RegExp(e.term.map(function (w) { return quote(w.slice(0, Math.max(4, w.length - 2))) + "[а-яё]*"; }).join("[^A-Za-zА-Яа-яЁё0-9]+"), "i"));
      });
    }
    patterns.forEach(function (pattern) {
      var m = pattern.exec(content);
      if (!m) return;
      var start = Math.max(content.lastIndexOf(". ", m.index) + 2, m.index - 120, 0);
      var end = content.indexOf(". ", m.index + m[0].length);
      end = Math.min(end < 0 ? content.length : end + 1, m.index + m[0].length + 120);
      var before = content.slice(start, m.index).replace(/^\S*\s/, start > 0 && start === m.index - 120 ? "" : "$&");
      var html = (start > 0 ? "… " : "") + escape(before) + "<mark>" + escape(m[0]) + "</mark>" +
        escape(content.slice(m.index + m[0].length, end)) + (end < content.length ? " …" : "");
      if (sentences.indexOf(html) < 0) sentences.push(html);
    });
    if (!sentences.length) return shown;
    return /<mark>/.test(shown) ? shown + " " + sentences.join(" ") : sentences.join(" ");
  }

  return { search: search, rewrite: rewrite, relax: relax, excerpt: excerpt, analyze: analyze,
           ready: ready, load: load, lemma: lemma, api: api };
};
