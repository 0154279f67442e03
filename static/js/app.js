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

  // htmx does not swap in an error answer, so a failed rating, tick, note or bookmark would
  // change nothing on the page: say so beside the form the user acted in. Nothing is swapped
  // out, so what they typed stays in place for another try.
  var FAILED_CLASS = "request-failed";

  function failureNote(event) {
    var source = event.detail.elt;
    var anchor = source && (source.closest("form") || source);
    if (!anchor || !anchor.parentNode) return null;
    var note = anchor.nextElementSibling;
    if (!note || !note.classList.contains(FAILED_CLASS)) {
      note = document.createElement("p");
      note.className = FAILED_CLASS;
      note.setAttribute("role", "alert");
      anchor.insertAdjacentElement("afterend", note);
    }
    return note;
  }

  function explain(status) {
    if (status === 503) return "The site is busy, so this was not saved. Try again in a few seconds.";
    if (status === 403) return "Your session has ended, so this was not saved. Reload the page (what you typed is still here: copy it first) and try again.";
    if (status === 429) return "Too many requests in a short time, so this was not saved. Wait a minute and try again.";
    if (status >= 500) return "Something went wrong on our side, so this may not have been saved. Try again.";
    return "This could not be saved (error " + status + "). Check it and try again.";
  }

  function report(event, text) {
    var note = failureNote(event);
    if (note) note.textContent = text;
  }

  document.addEventListener("htmx:responseError", function (event) {
    report(event, explain(event.detail.xhr.status));
  });
  document.addEventListener("htmx:sendError", function (event) {
    report(event, "No connection to the site, so this was not saved. Check your connection and try again.");
  });
  document.addEventListener("htmx:timeout", function (event) {
    report(event, "The site took too long to answer, so this may not have been saved. Try again.");
  });
  // Each new try starts without the last one's message.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var source = event.detail.elt;
    var anchor = source && (source.closest("form") || source);
    var note = anchor && anchor.nextElementSibling;
    if (note && note.classList.contains(FAILED_CLASS)) note.remove();
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
