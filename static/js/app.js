// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // Keys 1-4 press the matching rating button once the key points are visible.
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.tagName === "TEXTAREA" || target.tagName === "INPUT" || target.tagName === "SELECT" || target.isContentEditable)) return;
    var button = document.querySelector('[data-rating-key="' + event.key + '"]');
    if (button && !button.closest("[hidden]") && !button.disabled) {
      event.preventDefault();
      button.click();
    }
  });
})();

// A running clock beside a timed question; without this file the page says when it started.
(function () {
  "use strict";
  var clock = document.querySelector("[data-timer-start]");
  if (!clock) return;
  var start = Date.parse(clock.getAttribute("data-timer-start"));
  var limit = parseInt(clock.getAttribute("data-timer-limit"), 10);
  function show(seconds) {
    return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  }
  function tick() {
    if (!clock.isConnected) return;
    var elapsed = Math.max(0, Math.round((Date.now() - start) / 1000));
    clock.textContent = show(elapsed) + " of " + show(limit) + (elapsed > limit ? " (over time)" : "");
    window.setTimeout(tick, 1000);
  }
  tick();
})();
