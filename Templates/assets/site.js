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
    // Hide the page at once, before the neutral site has loaded, and give the tab a neutral name.
    root.classList.add("exiting");
    document.title = "Loading";
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
    say("Press Shift " + left + " more time" + (left === 1 ? "" : "s") + " to leave this page.");
    timer = setTimeout(function () {
      reset("Exit this page timed out. Press Shift " + PRESSES + " times to leave.");
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
