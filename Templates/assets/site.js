// The words these scripts say or show come from the page (partials/script-strings.mustache), so
// they are in the page's language; {n} is replaced by a number.
function waymarkText(key, n) {
  "use strict";
  var item = document.querySelector("[data-strings] [data-key='" + key + "']");
  var text = item ? item.textContent : key;
  return n === undefined ? text : text.split("{n}").join(String(n));
}

// Exit this page, with JavaScript. Without it, the exit control is still a plain link.
// Nothing here stores anything or talks to any server. The Content-Security-Policy allows no
// inline script or style, so the page is hidden with a class (see .exiting in site.css).
(function () {
  "use strict";
  var link = document.querySelector("[data-exit]");
  if (!link) return;
  var root = document.documentElement;
  var status = document.querySelector("[data-exit-status]");
  var hint = document.querySelector("[data-exit-hint]");
  var title = document.title;
  if (hint) hint.hidden = false;

  var PRESSES = 3;
  var WINDOW_MS = 5000; // the presses must come within a few seconds of each other
  var presses = 0;
  var timer = null;
  // True while Shift is down and no other key has been pressed with it. A Shift that is part of
  // a combination (Shift+A to type a capital letter, Ctrl+Shift+T, ...) does not count.
  var shiftAlone = false;

  function say(text) {
    if (status) status.textContent = text;
  }

  function reset(message) {
    presses = 0;
    clearTimeout(timer);
    timer = null;
    say(message || "");
  }

  function leave(event) {
    if (event) event.preventDefault();
    reset();
    // Stop reading aloud at once (Reading help's Listen).
    if (window.speechSynthesis) window.speechSynthesis.cancel();
    // Hide the page at once, before the neutral site has loaded, and give the tab a neutral name.
    root.classList.add("exiting");
    document.title = waymarkText("loading");
    // A normal navigation, as the link makes without JavaScript. Back returns to this page, and
    // pageshow (below) shows it again. Nothing is erased from history: the cover your tracks
    // page says so, and how to cover them.
    window.location.href = link.href;
  }
  link.addEventListener("click", leave);

  function modified(event) {
    return event.ctrlKey || event.altKey || event.metaKey;
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) shiftAlone = !modified(event);
      return;
    }
    // Any other key: a Shift held now is part of a combination, and the count starts again.
    shiftAlone = false;
    if (presses > 0) reset();
  }, true);

  // A press counts when Shift is let go: only then is it known that no other key came with it.
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    var alone = shiftAlone && !modified(event);
    shiftAlone = false;
    if (!alone) return;
    presses += 1;
    clearTimeout(timer);
    if (presses >= PRESSES) {
      leave();
      return;
    }
    var left = PRESSES - presses;
    say(waymarkText(left === 1 ? "exit_more_one" : "exit_more_other", left));
    timer = setTimeout(function () {
      reset(waymarkText("exit_timed_out", PRESSES));
    }, WINDOW_MS);
  }, true);

  // The window lost focus (another app or tab): a Shift let go elsewhere is not seen, so start again.
  window.addEventListener("blur", function () {
    shiftAlone = false;
    if (presses > 0) reset();
  });

  // Coming back with Back (from the back/forward cache): show the page again, not a blank screen.
  window.addEventListener("pageshow", function () {
    root.classList.remove("exiting");
    document.title = title;
    reset();
  });
})();

// Reading help: Listen to this page, bigger text and an easier-to-read style. Without JavaScript
// it stays hidden. Settings last for this page only, and nothing is kept in the browser, unless
// the reader ticks "Remember my settings on this device"; unticking it removes what was kept.
(function () {
  "use strict";
  var area = document.querySelector("[data-reading-help]");
  if (!area) return;
  var root = document.documentElement;
  var SIZES = [100, 125, 150, 175, 200]; // per cent of the browser's own text size
  var state = { size: 0, readable: false };

  function find(selector) { return area.querySelector(selector); }
  var toggle = find("[data-reading-toggle]");
  var tools = find("[data-reading-tools]");
  var smaller = find("[data-text-smaller]");
  var bigger = find("[data-text-bigger]");
  var sizeValue = find("[data-text-size-value]");
  var readable = find("[data-readable]");
  var remember = find("[data-reading-remember]");
  var status = find("[data-reading-status]");
  var listen = find("[data-listen]");
  var stop = find("[data-listen-stop]");
  var bar = document.querySelector(".exit-bar");

  function say(text) {
    // The same words twice in a row are announced again.
    status.textContent = status.textContent === text ? text + "\u00a0" : text;
  }

  // --- Remembering: the only place the site keeps anything, and only when the box is ticked ---
  // storage: begin
  var KEY = "waymark-reading";
  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  function recall() {
    var s = store();
    if (!s) return null;
    try { return JSON.parse(s.getItem(KEY)); } catch (e) { return null; }
  }
  function keep() {
    var s = store();
    try { if (s) s.setItem(KEY, JSON.stringify(state)); } catch (e) { /* storage full or refused */ }
  }
  function forget() {
    var s = store();
    try { if (s) s.removeItem(KEY); } catch (e) { /* nothing to remove */ }
  }
  // storage: end

  // --- Text size and style ---
  function apply() {
    SIZES.forEach(function (size) { root.classList.remove("text-size-" + size); });
    if (state.size > 0) root.classList.add("text-size-" + SIZES[state.size]);
    root.classList.toggle("readable", state.readable);
    sizeValue.textContent = SIZES[state.size] + "%";
    smaller.setAttribute("aria-disabled", String(state.size === 0));
    bigger.setAttribute("aria-disabled", String(state.size === SIZES.length - 1));
    readable.setAttribute("aria-pressed", String(state.readable));
    if (remember && remember.checked) keep();
    fitLayout();
  }

  function resize(step) {
    var next = state.size + step;
    if (next < 0 || next >= SIZES.length) {
      say(waymarkText(step > 0 ? "size_biggest" : "size_normal"));
      return;
    }
    state.size = next;
    apply();
    say(waymarkText("size_now", SIZES[state.size]));
  }
  smaller.addEventListener("click", function () { resize(-1); });
  bigger.addEventListener("click", function () { resize(1); });
  readable.addEventListener("click", function () {
    state.readable = !state.readable;
    apply();
    say(waymarkText(state.readable ? "easier_on" : "easier_off"));
  });

  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    tools.hidden = !open;
    fitLayout();
  });
  // Escape in the open tools closes them and goes back to the button that opened them.
  tools.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    toggle.setAttribute("aria-expanded", "false");
    tools.hidden = true;
    toggle.focus();
    fitLayout();
  });

  if (remember) {
    var kept = recall();
    // Ticked only when something is kept (not because the browser restored the box's state).
    remember.checked = false;
    if (kept && typeof kept === "object") {
      var size = Number(kept.size);
      if (size >= 0 && size < SIZES.length && Math.floor(size) === size) state.size = size;
      state.readable = kept.readable === true;
      remember.checked = true;
    }
    if (!store()) find("[data-reading-remember-row]").hidden = true;
    remember.addEventListener("change", function () {
      if (remember.checked) {
        keep();
        say(waymarkText("remember_on"));
      } else {
        forget();
        say(waymarkText("remember_off"));
      }
    });
  }

  // --- Layout that depends on sizes only known in the browser ---
  // Room above anything focused or scrolled to, so that the sticky exit bar never covers it
  // (WCAG 2.4.11); and a table too wide for the screen can be scrolled with the keyboard.
  function fitLayout() {
    if (bar) root.style.scrollPaddingTop = Math.ceil(bar.getBoundingClientRect().height + 16) + "px";
    Array.prototype.forEach.call(document.querySelectorAll(".table-wrap"), function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", waymarkText("table_scroll"));
      } else if (wrap.getAttribute("tabindex") === "0") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  var waiting = false;
  window.addEventListener("resize", function () {
    if (waiting) return;
    waiting = true;
    window.requestAnimationFrame(function () { waiting = false; fitLayout(); });
  });

  // --- Listen to this page: the browser reads the main content aloud, block by block ---
  var synth = window.speechSynthesis;
  var canSpeak = !!synth && typeof synth.speak === "function" && typeof window.SpeechSynthesisUtterance === "function";
  var BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, caption, figcaption, pre";
  var session = 0;
  var reading = null;

  function shown(element) {
    return element.getClientRects().length > 0 && !element.closest("nav, [hidden], [aria-hidden='true'], .visually-hidden");
  }

  // The text of a block without the blocks inside it, which are read on their own.
  function ownText(element) {
    var copy = element.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(BLOCKS), function (inner) { inner.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function blocks() {
    var main = document.getElementById("main");
    if (!main) return [];
    var found = [];
    Array.prototype.forEach.call(main.querySelectorAll(BLOCKS), function (element) {
      if (!shown(element)) return;
      var text = ownText(element);
      if (text) found.push({ element: element, text: text });
    });
    return found;
  }

  // A voice on this device, in the page's language, when there is one: the text is not sent to
  // a speech service on the internet. Otherwise the browser's own choice.
  function voice() {
    var voices = synth.getVoices ? synth.getVoices() : [];
    var lang = (root.lang || "en-GB").toLowerCase();
    var local = voices.filter(function (v) { return v.localService; });
    function match(list, prefix) {
      return list.filter(function (v) { return (v.lang || "").toLowerCase().replace("_", "-").indexOf(prefix) === 0; })[0];
    }
    return match(local, lang) || match(local, lang.split("-")[0]) || null;
  }

  function mark(element) {
    if (reading) reading.classList.remove("reading-now");
    reading = element;
    if (!element) return;
    element.classList.add("reading-now");
    var box = element.getBoundingClientRect();
    var top = bar ? bar.getBoundingClientRect().bottom : 0;
    if (box.top < top || box.bottom > window.innerHeight) element.scrollIntoView({ block: "nearest" });
  }

  function speaking(on) {
    var focused = document.activeElement;
    listen.hidden = on;
    stop.hidden = !on;
    // The button just pressed has gone: its partner takes its place, and the focus.
    if (on && focused === listen) stop.focus();
    if (!on && focused === stop) listen.focus();
  }

  function finish() {
    session += 1;
    mark(null);
    speaking(false);
  }

  function start() {
    // (Some browsers drop what is spoken straight after a cancel, so cancel only if needed.)
    if (synth.speaking || synth.pending) synth.cancel();
    var list = blocks();
    if (!list.length) return;
    session += 1;
    var id = session;
    var chosen = voice();
    speaking(true);
    list.forEach(function (block, i) {
      var utterance = new window.SpeechSynthesisUtterance(block.text);
      utterance.lang = root.lang || "en-GB";
      if (chosen) utterance.voice = chosen;
      utterance.rate = 0.95;
      utterance.onstart = function () { if (id === session) mark(block.element); };
      utterance.onend = function () { if (id === session && i === list.length - 1) finish(); };
      utterance.onerror = function (event) {
        if (id === session && event.error !== "interrupted" && event.error !== "canceled") finish();
      };
      synth.speak(utterance);
    });
  }

  function halt() {
    if (canSpeak) synth.cancel();
    finish();
  }

  if (canSpeak) {
    listen.addEventListener("click", start);
    stop.addEventListener("click", function () { halt(); say(waymarkText("stopped_reading")); });
    window.addEventListener("pagehide", halt);
  } else {
    listen.hidden = true;
    stop.hidden = true;
  }
  // Back from the back/forward cache: nothing is being read.
  window.addEventListener("pageshow", function () { if (canSpeak && session > 0) halt(); });

  area.hidden = false;
  apply();
})();

// Folded parts (`::: more`): a link to a heading in one opens it, and printing shows them all,
// then folds again the ones the reader had closed. Without scripts they open with a tap.
(function () {
  "use strict";
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var part = target && target.closest("details.more");
    if (part) part.open = true;
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details.more, details.activity"), function (d) { return !d.open; });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();

// The group-room view: one slide at a time, for a screen in the room. Arrow keys, Page Up and
// Down, Home and End, or the buttons; keys pressed in an activity's answers stay with the answers.
// Without scripts every slide shows, one after another. Nothing is kept: no storage, no address.
(function () {
  "use strict";
  var room = document.querySelector("[data-room]");
  if (!room) return;
  var slides = room.querySelectorAll("[data-slide]");
  var nav = room.querySelector(".room-nav");
  var count = room.querySelector("[data-room-count]");
  var current = 0;
  function show(index, focus) {
    current = Math.max(0, Math.min(slides.length - 1, index));
    for (var i = 0; i < slides.length; i++) slides[i].hidden = i !== current;
    count.textContent = count.getAttribute("data-text").split("{n}").join(String(current + 1))
      .split("{total}").join(String(slides.length));
    room.querySelector("[data-room-prev]").disabled = current === 0;
    room.querySelector("[data-room-next]").disabled = current === slides.length - 1;
    if (focus) slides[current].focus();
  }
  room.classList.add("room-live");
  nav.hidden = false;
  room.querySelector("[data-room-prev]").addEventListener("click", function () { show(current - 1, false); });
  room.querySelector("[data-room-next]").addEventListener("click", function () { show(current + 1, false); });
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target && target.closest && target.closest("input, button, select, textarea, summary, a")) return;
    var moves = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 };
    if (event.key in moves) { show(current + moves[event.key], true); event.preventDefault(); }
    else if (event.key === "Home") { show(0, true); event.preventDefault(); }
    else if (event.key === "End") { show(slides.length - 1, true); event.preventDefault(); }
  });
  show(0, false);
})();

// Choices made in an activity, and a paused breathing guide, are not brought back when the reader
// returns to the page with Back (a browser keeps form state for that): someone else at the device
// should not see what was chosen.
window.addEventListener("pageshow", function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll(".activity-pick, .breathe-pause"), function (input) {
    input.checked = false;
  });
});
