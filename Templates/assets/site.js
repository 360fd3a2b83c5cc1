// Exit this page, with JavaScript. Without it, the exit control is still a plain link.
// Nothing here stores anything or talks to any server.
(function () {
  "use strict";
  var link = document.querySelector("[data-exit]");
  if (!link) return;
  var status = document.querySelector("[data-exit-status]");
  var hint = document.querySelector("[data-exit-hint]");
  if (hint) hint.hidden = false;

  function leave(event) {
    if (event) event.preventDefault();
    // Hide the page at once, before the next one loads.
    document.documentElement.classList.add("exiting");
    document.body.style.visibility = "hidden";
    document.title = "Loading";
    // replace(): the page is not kept as a step Back leads to.
    window.location.replace(link.href);
  }
  link.addEventListener("click", leave);

  // Shift pressed three times, on its own, within a few seconds.
  var presses = 0;
  var timer = null;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.ctrlKey || event.altKey || event.metaKey || event.repeat) {
      if (event.key !== "Shift") presses = 0;
      return;
    }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () {
      presses = 0;
      if (status) status.textContent = "";
    }, 5000);
    if (presses >= 3) {
      presses = 0;
      if (status) status.textContent = "Leaving this page.";
      leave();
    } else if (status) {
      status.textContent = "Press Shift " + (3 - presses) + " more time" + (3 - presses === 1 ? "" : "s") + " to leave this page.";
    }
  });

  // Coming back with Back from the neutral site: show the page again, not a blank screen.
  window.addEventListener("pageshow", function () {
    document.documentElement.classList.remove("exiting");
    document.body.style.visibility = "";
  });
})();
