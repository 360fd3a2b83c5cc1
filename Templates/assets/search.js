// Search, entirely in the browser: the page's index files are fetched from this site and searched
// here. What is typed is never put in the address, never stored and never sent anywhere.
//
// How a query is matched (README, "Search"):
// - a young person's own words find the site's (search-words.yml: "pics" finds "images");
// - each word is found as typed, as a plural or singular, as the start of a word (the last word
//   may be half typed), or, if none of that finds anything, with one letter wrong (two for long
//   words): then the page says "Did you mean" with the corrected words;
// - a word in a title counts most, then a heading, then the text; pages that have more of the
//   words come first; the reader's own level comes first, other levels below with their names;
// - each result shows a short passage around the first match, the matched words marked. The
//   passage is built from text nodes: nothing from the index is ever inserted as markup.
// - the whole site's search (no level of its own) also searches every tier's young people's pages,
//   shows each module and level once with a link to each age's version, says whom each result is
//   for, and puts first the pages of whoever seems to be asking: words that say so in
//   search-words.yml (`who:`, "my son" for parents), a young person's words, or "I", "me", "my".
(function () {
  "use strict";
  var box = document.querySelector("[data-search]");
  if (!box || !window.fetch || !window.Promise) return;
  var form = box.querySelector("form");
  var input = box.querySelector("input");
  var list = box.querySelector("[data-search-results]");
  var others = box.querySelector("[data-search-others]");
  var othersTitle = box.querySelector("[data-search-others-title]");
  var status = box.querySelector("[data-search-status]");
  var suggestion = box.querySelector("[data-search-suggestion]");
  var root = box.getAttribute("data-root") || "";
  var level = box.getAttribute("data-level") || "";
  var more = (box.getAttribute("data-more") || "").split(" ").filter(function (u) { return u; });
  var wholeSite = !level && more.length > 0;
  var tierLabels = {};
  var entries = null;
  var levels = {};
  var groups = [];
  var vocabulary = [];
  var known = Object.create(null);
  form.hidden = false;

  // Words too common to tell pages apart, and the words of a question ("how do I ...").
  var STOP = {};
  ("a an and are am as at be but by can could do does did doing for from get gets got had has have he her him his how i " +
   "if im i'm in into is it it's its just me my myself of on or our she so some someone somebody something that the their " +
   "them they this to too us was we were what when where which who why will with would you your you're want wants wanted " +
   "keep keeps kept should not don't dont").split(" ").forEach(function (w) { STOP[w] = true; });

  function normal(text) { return text.toLowerCase().replace(/\u2019/g, "'"); }

  function tokens(text) {
    return normal(text).split(/[^\p{L}\p{N}']+/u).map(function (w) { return w.replace(/^'+|'+$/g, ""); })
      .filter(function (w) { return w.length > 0; });
  }

  function prepare(entry) {
    entry.text = normal(entry.x || "");
    entry.titleWords = {};
    entry.headWords = {};
    entry.allWords = {};
    tokens(entry.t).forEach(function (w) { entry.titleWords[w] = true; entry.allWords[w] = true; });
    tokens(entry.h).forEach(function (w) { entry.headWords[w] = true; entry.allWords[w] = true; });
    tokens(entry.s + " " + entry.x).forEach(function (w) { entry.allWords[w] = true; });
    Object.keys(entry.allWords).forEach(function (w) {
      if (!known[w]) { known[w] = true; vocabulary.push(w); }
    });
    return entry;
  }

  // Edit distance, giving up past `limit`; a swap of two letters counts as one.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var previous2 = null, previous = [], current;
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      current = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (previous2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2] + 1);
        current.push(value);
        if (value < best) best = value;
      }
      if (best > limit) return limit + 1;
      previous2 = previous;
      previous = current;
    }
    return previous[b.length];
  }

  // The forms of a word the site may use: as typed, plural or singular.
  function forms(word) {
    var list = [word, word + "s", word + "es"];
    if (/ies$/.test(word)) list.push(word.slice(0, -3) + "y");
    if (/es$/.test(word)) list.push(word.slice(0, -2));
    if (/s$/.test(word)) list.push(word.slice(0, -1));
    return list.filter(function (w) { return known[w]; });
  }

  // A term: the words that count as it, each with how well it matches (1 as typed, 0.8 the start
  // of a word, 0.5 close), and the words as typed, for "Did you mean".
  function terms(query) {
    var text = " " + tokens(query).join(" ") + " ";
    var result = [];
    var used = {};
    groups.forEach(function (group) {
      var said = group.y.filter(function (phrase) { return text.indexOf(" " + phrase + " ") >= 0; });
      if (!said.length) return;
      // Words that only say who is asking are not looked for in the pages.
      if (group.w && !group.o.length) return;
      said.forEach(function (phrase) { phrase.split(" ").forEach(function (w) { used[w] = true; }); });
      var words = [];
      group.o.forEach(function (w) { forms(w).concat(known[w] ? [w] : []).forEach(function (f) { words.push({ word: f, weight: 1 }); }); });
      if (words.length) result.push({ typed: said[0], words: words, exact: true });
    });
    var typed = tokens(query);
    typed.forEach(function (word, index) {
      if (used[word] || (STOP[word] && typed.length > 1)) return;
      var last = index === typed.length - 1;
      var words = forms(word).map(function (w) { return { word: w, weight: 1 }; });
      if (last && word.length >= 2) {
        for (var i = 0; i < vocabulary.length && words.length < 40; i++) {
          var v = vocabulary[i];
          if (v.length > word.length && v.indexOf(word) === 0) words.push({ word: v, weight: 0.8 });
        }
      }
      if (words.length) { result.push({ typed: word, words: words, exact: true }); return; }
      var limit = word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
      var close = [];
      if (limit) {
        vocabulary.forEach(function (v) {
          var d = distance(word, v, limit);
          if (d <= limit) close.push({ word: v, weight: 0.5, d: d });
        });
      }
      close.sort(function (a, b) { return a.d - b.d || (a.word < b.word ? -1 : 1); });
      result.push({ typed: word, words: close.slice(0, 8), exact: false, best: close.length ? close[0].word : null });
    });
    return result;
  }

  function score(entry, query) {
    var total = 0, matched = 0, words = [];
    query.forEach(function (term) {
      var best = 0;
      term.words.forEach(function (m) {
        var w = m.word;
        var s = entry.titleWords[w] ? 6 : entry.headWords[w] ? 3 : entry.allWords[w] ? 1 : 0;
        if (s) { words.push(w); if (s * m.weight > best) best = s * m.weight; }
      });
      if (best) { matched += 1; total += best; }
    });
    return { matched: matched, score: total, words: words };
  }

  function isWordAt(text, index, length) {
    var before = index > 0 ? text.charAt(index - 1) : " ";
    var after = text.charAt(index + length) || " ";
    return !/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after);
  }

  // Appends `text` to `parent`, with every whole-word use of `words` in a <mark>.
  function marked(parent, text, words) {
    var lower = normal(text);
    var at = 0;
    while (at < text.length) {
      var next = -1, length = 0;
      words.forEach(function (w) {
        var i = lower.indexOf(w, at);
        while (i >= 0 && !isWordAt(lower, i, w.length)) i = lower.indexOf(w, i + 1);
        if (i >= 0 && (next < 0 || i < next || (i === next && w.length > length))) { next = i; length = w.length; }
      });
      if (next < 0) break;
      if (next > at) parent.appendChild(document.createTextNode(text.slice(at, next)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + length);
      parent.appendChild(mark);
      at = next + length;
    }
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  // A short passage of the page's text around the first of `words`.
  function passage(entry, words) {
    var first = -1;
    words.forEach(function (w) {
      var i = entry.text.indexOf(w);
      while (i >= 0 && !isWordAt(entry.text, i, w.length)) i = entry.text.indexOf(w, i + 1);
      if (i >= 0 && (first < 0 || i < first)) first = i;
    });
    if (first < 0) return entry.s;
    var start = Math.max(0, first - 70), end = Math.min(entry.x.length, first + 150);
    while (start > 0 && entry.x.charAt(start - 1) !== " ") start -= 1;
    while (end < entry.x.length && entry.x.charAt(end) !== " ") end += 1;
    return (start > 0 ? "\u2026 " : "") + entry.x.slice(start, end).trim() + (end < entry.x.length ? " \u2026" : "");
  }

  // Whom a page is for, from its address: young-people, parents, facilitators, or "" (everyone).
  function audience(entry) {
    if (/^young-people\//.test(entry.u)) return "young-people";
    if (/^parents-and-carers\//.test(entry.u)) return "parents";
    if (/^facilitators\//.test(entry.u)) return "facilitators";
    return "";
  }

  // A young person's page: its level, tier and module, from `young-people/LEVEL/TIER/MODULE/`.
  function variant(entry) {
    var parts = entry.u.split("/");
    return parts[0] === "young-people" && parts.length >= 5 && entry.l ? { level: parts[1], tier: parts[2], module: parts[3] } : null;
  }

  // Who seems to be asking: words that say so (search-words.yml `who:`), then a young person's
  // own words or "I", "me", "my" about themselves.
  function asker(query) {
    var text = " " + tokens(query).join(" ") + " ";
    var found = "";
    groups.forEach(function (group) {
      if (found || !group.w) return;
      if (group.y.some(function (phrase) { return text.indexOf(" " + phrase + " ") >= 0; })) found = group.w;
    });
    if (found) return found;
    var young = groups.some(function (group) {
      return !group.w && group.y.some(function (phrase) { return text.indexOf(" " + phrase + " ") >= 0; });
    });
    return young || /\s(i|im|i'm|me|my|myself)\s/.test(text) ? "young-people" : "";
  }

  function forLabel(hit) {
    var who = audience(hit.entry);
    if (who === "young-people") {
      var v = variant(hit.entry);
      return waymarkText("search_for_young") + (v && levels[v.level] ? ", " + levels[v.level] : "");
    }
    if (who === "parents") return waymarkText("search_for_parents");
    if (who === "facilitators") return waymarkText("search_for_facilitators");
    return waymarkText("search_for_everyone");
  }

  function item(hit, label) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = root + hit.entry.u;
    link.textContent = hit.entry.t;
    li.appendChild(link);
    if (label) {
      var tag = document.createElement("span");
      tag.className = "search-level";
      tag.textContent = " (" + label + ")";
      li.appendChild(tag);
    }
    if (wholeSite) {
      var whom = document.createElement("span");
      whom.className = "search-for";
      whom.textContent = forLabel(hit);
      li.appendChild(whom);
      if (hit.ages && hit.ages.length > 1) {
        // Straight to each age's version of this module and level, not a chooser.
        var ages = document.createElement("span");
        ages.className = "search-ages";
        hit.ages.forEach(function (age, n) {
          if (n > 0) ages.appendChild(document.createTextNode(" \u00b7 "));
          var a = document.createElement("a");
          a.href = root + age.u;
          a.textContent = tierLabels[age.tier] || age.tier;
          ages.appendChild(a);
        });
        li.appendChild(ages);
      }
    }
    var text = passage(hit.entry, hit.words);
    if (text) {
      var p = document.createElement("p");
      p.className = "search-passage";
      marked(p, text, hit.words);
      li.appendChild(p);
    }
    return li;
  }

  function search(query) {
    var found = [];
    for (var i = 0; i < entries.length; i++) {
      var s = score(entries[i], query);
      if (s.matched > 0) found.push({ entry: entries[i], matched: s.matched, score: s.score, words: s.words, order: i });
    }
    found.sort(function (a, b) { return b.matched - a.matched || b.score - a.score || a.order - b.order; });
    return found;
  }

  function show() {
    if (!entries) return;
    list.textContent = "";
    others.textContent = "";
    othersTitle.hidden = true;
    suggestion.hidden = true;
    suggestion.textContent = "";
    var query = terms(input.value);
    if (!query.length) { status.textContent = ""; return; }
    var exact = query.filter(function (t) { return t.exact; });
    var found = exact.length ? search(exact) : [];
    if (!found.length) {
      // Nothing uses the words as typed: try the words closest to them, and say so.
      found = search(query);
      var corrected = query.map(function (t) { return t.exact ? t.typed : (t.best || t.typed); });
      if (found.length && query.some(function (t) { return !t.exact && t.best; })) {
        suggestion.appendChild(document.createTextNode(waymarkText("search_did_you_mean") + " "));
        var word = document.createElement("strong");
        word.textContent = corrected.join(" ");
        suggestion.appendChild(word);
        suggestion.hidden = false;
      }
    }
    if (wholeSite) found = forWholeSite(found, asker(input.value));
    var mine = [], rest = [];
    found.forEach(function (hit) {
      if (level && hit.entry.l && hit.entry.l !== level) rest.push(hit); else mine.push(hit);
    });
    mine.slice(0, 20).forEach(function (hit) { list.appendChild(item(hit, "")); });
    rest.slice(0, 10).forEach(function (hit) { others.appendChild(item(hit, levels[hit.entry.l] || hit.entry.l)); });
    othersTitle.hidden = rest.length === 0;
    status.textContent = found.length === 0 ? waymarkText("search_none")
      : waymarkText(found.length === 1 ? "search_one" : "search_other", found.length);
  }

  // The whole site's results: each module and level once (its best age's version, with links to
  // every age's), and the asker's pages first.
  function forWholeSite(found, who) {
    var best = {}, kept = [];
    found.forEach(function (hit) {
      var v = variant(hit.entry);
      if (!v) { kept.push(hit); return; }
      var key = v.module + "/" + v.level;
      if (best[key]) return;
      best[key] = hit;
      hit.ages = entries.filter(function (e) {
        var w = variant(e);
        return w && w.module === v.module && w.level === v.level;
      }).map(function (e) { return { u: e.u, tier: variant(e).tier }; })
        .sort(function (a, b) { return a.tier < b.tier ? -1 : a.tier > b.tier ? 1 : 0; });
      kept.push(hit);
    });
    if (!who) return kept;
    var first = kept.filter(function (hit) { return audience(hit.entry) === who; });
    return first.concat(kept.filter(function (hit) { return audience(hit.entry) !== who; }));
  }

  function load(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); show(); });
  input.addEventListener("input", show);
  var shared = box.getAttribute("data-shared");
  (box.getAttribute("data-tiers") || "").split("|").forEach(function (pair) {
    var at = pair.indexOf("=");
    if (at > 0) tierLabels[pair.slice(0, at)] = pair.slice(at + 1);
  });
  Promise.all([load(box.getAttribute("data-index")), shared ? load(shared) : Promise.resolve({ entries: [] })]
    .concat(more.map(load)))
    .then(function (indexes) {
      var own = indexes[0], common = indexes[1];
      levels = own.levels || {};
      groups = (own.words || []).map(function (g) {
        return { o: g.o.map(normal), w: g.w || "", y: g.y.map(function (phrase) { return tokens(phrase).join(" "); }) };
      });
      var all = own.entries.concat(common.entries);
      if (wholeSite) {
        // Each age's versions replace the modules' overviews, which only lead to a chooser.
        all = all.filter(function (e) { return !(audience(e) === "young-people" && !e.l); });
        indexes.slice(2).forEach(function (index) { all = all.concat(index.entries); });
      }
      entries = all.map(prepare);
      show();
    })
    .catch(function () { status.textContent = waymarkText("search_broken"); });
})();
