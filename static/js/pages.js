/* FNE Ateliers — the few behaviours of the facilitators' and coordinators' pages. They live in
   this file, not in inline <script> blocks, because the Content-Security-Policy runs only
   scripts served by the site itself. Each one is keyed to markup that only its pages have. */
(function () {
  "use strict";

  // Deleting asks first (data-confirm holds the question); without JavaScript the button
  // deletes directly.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });

  // A form that takes a few seconds to send and check (a large census file) says so while
  // the page waits: data-progress holds the sentence, data-progress-label the bar's name.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var text = form.getAttribute("data-progress");
    var status = form.querySelector("[data-progress-status]");
    if (!text || !status || event.defaultPrevented) { return; }
    var bar = document.createElement("progress");
    bar.setAttribute("aria-label", form.getAttribute("data-progress-label") || text);
    status.textContent = text + " ";
    status.appendChild(bar);
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = true; }
  });

  // Print buttons (an inline onclick would be refused by the policy).
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) { window.print(); }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    // After htmx adds a cost or funding row, put the keyboard focus in its first field.
    var target = event.detail.target;
    if (target.classList.contains("line-rows")) {
      var rows = target.querySelectorAll(".line-row");
      var field = rows.length && rows[rows.length - 1].querySelector("input:not([type=hidden]), select, textarea");
      if (field) { field.focus(); }
      return;
    }
    // After a step is moved, keep the keyboard focus on the button that was pressed (or its
    // twin when it became disabled at the top or bottom of the list).
    var moved = document.querySelector("[data-moved]:not([disabled])") || document.querySelector("[data-moved]");
    if (moved) { moved.focus(); }
  });
})();
