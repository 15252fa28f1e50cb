/* FNE Ateliers — the projector's stage, as reveal.js lays out its slides: every view is drawn
   on one fixed 1920 × 1080 canvas, scaled by one transform to the window and centred
   (letterboxed on 4:3 or ultra-wide screens). Nobody scrolls a projector.
   What does not fit is first adapted by the server (a layout using the width, pages, "+ N
   autres"); this file only does the last, measured step: it shrinks the step's type, from
   44 px down to a 32 px floor (body text at 1080 lines), until the step fits. */
(function () {
  "use strict";

  var WIDTH = 1920;
  var HEIGHT = 1080;
  var BASE = 44;   // px, the stage's body text
  var FLOOR = 32;  // px, never smaller: legible from the back of the room

  var stage = document.getElementById("stage");
  if (!stage) { return; }

  function layout() {
    var scale = Math.min(window.innerWidth / WIDTH, window.innerHeight / HEIGHT);
    var left = (window.innerWidth - WIDTH * scale) / 2;
    var top = (window.innerHeight - HEIGHT * scale) / 2;
    stage.style.transform = "translate(" + left + "px, " + top + "px) scale(" + scale + ")";
  }

  function overflows(el) {
    return el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
  }

  // The largest size (in half pixels) at which the step fits, found by halving the range.
  function fit() {
    var area = document.getElementById("screen-stage");
    if (!area) { return; }
    area.style.fontSize = BASE + "px";
    area.removeAttribute("data-fit");
    if (!overflows(area)) { return; }
    var low = FLOOR * 2;
    var high = BASE * 2;
    while (high - low > 1) {
      var middle = Math.floor((low + high) / 2);
      area.style.fontSize = middle / 2 + "px";
      if (overflows(area)) { high = middle; } else { low = middle; }
    }
    area.style.fontSize = low / 2 + "px";
    area.setAttribute("data-fit", String(low / 2));
  }

  var pending = false;
  function refresh() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      layout();
      fit();
      // Which window the stage was last laid out for (the browser tests wait for it).
      stage.setAttribute("data-laid-out", window.innerWidth + "x" + window.innerHeight);
    });
  }

  window.addEventListener("resize", refresh);
  // Pushes swap parts of the stage by id: fit again once they are in.
  document.body.addEventListener("htmx:oobAfterSwap", refresh);
  document.body.addEventListener("htmx:wsAfterMessage", refresh);
  if (document.fonts && document.fonts.ready) { document.fonts.ready.then(refresh); }
  refresh();
})();
