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
