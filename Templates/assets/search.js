// Search, entirely in the browser: the page's index file is fetched from this site and searched
// here. What is typed is never put in the address, never stored and never sent anywhere.
(function () {
  "use strict";
  var box = document.querySelector("[data-search]");
  if (!box || !window.fetch) return;
  var form = box.querySelector("form");
  var input = box.querySelector("input");
  var list = box.querySelector("[data-search-results]");
  var status = box.querySelector("[data-search-status]");
  var root = box.getAttribute("data-root") || "";
  var level = box.getAttribute("data-level") || "";
  var entries = null;
  form.hidden = false;

  function words(text) {
    return text.toLowerCase().replace(/\u2019/g, "'").split(/[^a-z0-9']+/).filter(function (w) { return w.length > 1; });
  }

  function score(entry, query) {
    var total = 0;
    var title = " " + words(entry.t).join(" ") + " ";
    var text = " " + entry.h + " " + entry.s.toLowerCase() + " " + entry.w + " ";
    for (var i = 0; i < query.length; i++) {
      var q = query[i];
      var last = i === query.length - 1;
      // The last word may be half typed: match the start of words.
      var whole = " " + q + " ";
      var start = " " + q;
      var found = 0;
      if (title.indexOf(whole) >= 0) found = 6; else if (last && title.indexOf(start) >= 0) found = 4;
      if (!found && (" " + entry.h + " ").indexOf(whole) >= 0) found = 3;
      if (!found && text.indexOf(whole) >= 0) found = 1; else if (!found && last && text.indexOf(start) >= 0) found = 1;
      if (!found) return 0;
      total += found;
    }
    // The reader's own level first.
    if (level && entry.l === level) total += 2;
    return total;
  }

  function show() {
    if (!entries) return;
    var query = words(input.value);
    list.textContent = "";
    if (!query.length) { status.textContent = ""; return; }
    var found = [];
    for (var i = 0; i < entries.length; i++) {
      var s = score(entries[i], query);
      if (s > 0) found.push({ entry: entries[i], score: s, order: i });
    }
    found.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    found.slice(0, 20).forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + hit.entry.u;
      link.textContent = hit.entry.t;
      item.appendChild(link);
      if (hit.entry.s) {
        var summary = document.createElement("p");
        summary.textContent = hit.entry.s;
        item.appendChild(summary);
      }
      list.appendChild(item);
    });
    status.textContent = found.length === 0 ? waymarkText("search_none")
      : waymarkText(found.length === 1 ? "search_one" : "search_other", found.length);
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); show(); });
  input.addEventListener("input", show);
  fetch(box.getAttribute("data-index"), { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) { entries = data; show(); })
    .catch(function () { status.textContent = waymarkText("search_broken"); });
})();
