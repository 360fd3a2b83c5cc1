// The script the preview adds to every page: reload after a good build; show the problems over
// the page after a failed one. Built with DOM calls only, so the pages' Content-Security-Policy
// (no inline scripts or style attributes) still holds.

import WaymarkModel

enum LiveReloadScript {
    static let source = """
    (function () {
      "use strict";
      var overlay = null;
      function showErrors(lines) {
        if (!overlay) {
          overlay = document.createElement("div");
          overlay.setAttribute("role", "alert");
          overlay.id = "waymark-build-errors";
          var s = overlay.style;
          s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.maxHeight = "60vh"; s.overflow = "auto";
          s.background = "#2b0b0b"; s.color = "#fff"; s.font = "14px/1.5 monospace"; s.padding = "1rem";
          s.zIndex = "2147483647"; s.whiteSpace = "pre-wrap";
          document.body.appendChild(overlay);
        }
        overlay.textContent = "Build failed: this is the last good version of the page.\\n\\n" + lines;
      }
      var source = new EventSource("/__waymark/events");
      source.addEventListener("reload", function () { window.location.reload(); });
      source.addEventListener("error", function (event) { if (event.data) showErrors(event.data); });
    })();
    """
}
