/* FNE Ateliers — the live pages' behaviour around their WebSocket: say whether we are
   connected, fall back to plain HTTP when the socket is down, keep the connection counted
   (heartbeat), keep what is being typed across redraws, count the timer down, and the
   projector's keyboard keys. The projector and the régie get their socket from htmx's ws
   extension; the phone, which loads no htmx (its whole first load is 40 KB at most), from the
   few lines of phoneSocket below, which do what the extension does for it. */
(function () {
  "use strict";

  var root = document.getElementById("live");
  if (!root) { return; }
  var role = root.getAttribute("data-live-role");

  // The phone page also answers a POST (joining, a refused answer): put its own address in
  // the address bar, so that reloading shows the page again instead of posting anew.
  var pageUrl = root.getAttribute("data-page-url");
  if (pageUrl && window.history && history.replaceState && window.location.pathname !== pageUrl) {
    history.replaceState(null, "", pageUrl);
  }
  var viaHtmx = Boolean(window.htmx);
  var socket = null;      // something with send(text), once open
  var isOpen = false;
  var everOpened = false;
  var downSince = Date.now();
  var heartbeat = null;
  var pendingAck = {};    // activity id -> timer waiting for the acknowledgement
  var ACK_TIMEOUT = 6000;
  var HEARTBEAT = 25000;
  var TEXT = {
    connecting: "Connexion…",
    open: "Connecté",
    closed: "Connexion perdue : reconnexion…",
    sending: "Envoi…",
    queued: "Hors connexion : votre réponse partira dès le retour du réseau.",
    offline: "Hors connexion"
  };
  // The browser knows at once when the network is gone; the socket may take a minute to
  // notice. Meanwhile nothing may say « Connecté » or « Envoi… ».
  var networkDown = navigator.onLine === false;

  // Reconnect with full jitter (so a restarted server is not hit by every phone at once),
  // but never wait more than 8 s: a phone back from a tunnel should not wait a minute.
  function reconnectDelay(retryCount) {
    return 250 + Math.random() * 1000 * Math.pow(2, Math.min(retryCount, 3));
  }
  if (viaHtmx) { htmx.config.wsReconnectDelay = reconnectDelay; }

  function setConnection(state) {
    var el = document.getElementById("connection");
    if (!el) { return; }
    el.hidden = false;
    if (networkDown) { state = "closed"; }
    el.setAttribute("data-state", state);
    var text = el.querySelector(".connection__text");
    if (text) { text.textContent = networkDown ? TEXT.offline : TEXT[state]; }
  }
  setConnection("connecting");
  window.addEventListener("offline", function () {
    networkDown = true;
    setConnection("closed");
  });
  window.addEventListener("online", function () {
    networkDown = false;
    setConnection(isOpen ? "open" : "closed");
  });

  function onConnecting() {
    if (!isOpen) { setConnection("connecting"); }
  }
  function onOpen(sender) {
    socket = sender;
    isOpen = true;
    everOpened = true;
    setConnection("open");
    if (role === "phone") {
      clearInterval(heartbeat);
      heartbeat = setInterval(function () {
        if (isOpen && socket) { socket.send(JSON.stringify({ type: "ping" })); }
      }, HEARTBEAT);
    }
  }
  function onClose() {
    if (isOpen) { downSince = Date.now(); }
    isOpen = false;
    setConnection("closed");
  }

  // An answer goes over the socket when it is open; otherwise the form is posted as a plain
  // form (cancelling wsConfigSend lets the browser submit it). Same id, so never a duplicate.
  // A socket that never opened is blocked (a proxy): the form goes by plain HTTP at once.
  // A socket that dropped (offline, a restarting server) comes back: the message waits in a
  // queue and goes on reconnection; if no acknowledgement comes in time, the same answer
  // (same id, so never twice) is posted over HTTP.
  document.addEventListener("submit", function (evt) {
    var form = evt.target;
    if (form.hasAttribute("ws-send") && !isOpen && !everOpened && navigator.onLine !== false) {
      evt.stopImmediatePropagation();  // not for the socket: the browser posts the form itself
    }
  }, true);

  function beforeSend(form) {
    var activity = form.querySelector("input[name=activity]");
    if (!activity) { return; }
    showSending(activity.value, isOpen && !networkDown ? TEXT.sending : TEXT.queued);
    waitForAck(activity.value, form);
  }

  function showSending(id, text) {
    var ack = document.getElementById("phone-ack-" + id);
    if (ack) { ack.innerHTML = '<p class="sending">' + text + "</p>"; }
  }

  function waitForAck(id, form) {
    clearTimeout(pendingAck[id]);
    pendingAck[id] = setTimeout(function () {
      if (!document.body.contains(form)) { return; }
      if (navigator.onLine === false) { waitForAck(id, form); return; }
      postForm(form, id);
    }, ACK_TIMEOUT);
  }

  function postForm(form, id) {
    if (!window.fetch) { HTMLFormElement.prototype.submit.call(form); return; }
    showSending(id, TEXT.sending);
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (response) {
        if (response.redirected) { window.location.assign(response.url); return null; }
        if (response.status >= 500) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
        if (html === null) { return; }
        // Refused (a closed question, a too long text): show the page's verdict in place.
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("phone-stage");
        var current = document.getElementById("phone-stage");
        if (fresh && current) {
          current.replaceWith(fresh);
          if (viaHtmx) { htmx.process(fresh); }
        }
      })
      .catch(function () {
        showSending(id, TEXT.queued);
        waitForAck(id, form);  // the server is unreachable: try again a bit later
      });
  }

  function afterMessage() {
    Object.keys(pendingAck).forEach(function (id) {
      var ack = document.getElementById("phone-ack-" + id);
      if (ack && !ack.querySelector(".sending")) {
        clearTimeout(pendingAck[id]);
        delete pendingAck[id];
      }
    });
    startTimer();
    focusNewStep();
  }

  // Pushes redraw whole parts of the page. What someone was typing or choosing there and had
  // not sent yet (an answer on a phone while the facilitator shows the results; a timer's
  // duration or a number of votes in the control view), and the focused field, survive the
  // swap, as long as the part still shows the same step. Such parts carry data-keep-typed.
  var kept = null;
  function isDirtyField(f) {
    if (f.type === "hidden" || !(f.name || f.id)) { return false; }
    if (f.type === "checkbox" || f.type === "radio") { return f.checked !== f.defaultChecked; }
    if (f.tagName === "SELECT") {
      var option = f.options[f.selectedIndex];
      return Boolean(option) && !option.defaultSelected;
    }
    return f.value !== f.defaultValue;
  }
  function fieldKey(f) {
    var choice = f.type === "checkbox" || f.type === "radio";
    return (f.id || f.name) + (choice ? "=" + f.value : "");
  }
  // What the focused control is, so that the same control has the focus after a redraw:
  // a field by its name, a button by what its form does (the control view's buttons are
  // forms with a hidden action), or by data-focus-key where a button's action changes with
  // the redraw (« Ouvrir » becomes « Fermer les réponses »).
  function focusKey(el) {
    var key = el.getAttribute("data-focus-key");
    if (key) { return key; }
    if (el.tagName === "BUTTON") {
      var parts = [];
      if (el.form) {
        Array.prototype.forEach.call(el.form.querySelectorAll("input[type=hidden]"), function (i) {
          if (i.name !== "csrfmiddlewaretoken") { parts.push(i.name + "=" + i.value); }
        });
      }
      parts.push((el.name || "") + "=" + (el.value || ""));
      return parts.join("&");
    }
    if (el.tagName === "A") { return "link:" + el.getAttribute("href"); }
    return el.id || el.name ? fieldKey(el) : null;
  }
  function fieldsIn(root) {
    return Array.prototype.slice.call(root.querySelectorAll("input, select, textarea"));
  }
  function keepTyped(target) {
    kept = null;
    // Only parts that say so: an answer's acknowledgement may redraw a form on purpose.
    if (!target || !target.id || !target.hasAttribute("data-keep-typed")) { return; }
    var changed = fieldsIn(target).filter(isDirtyField);
    var active = document.activeElement;
    var focus = active && target.contains(active) ? focusKey(active) : null;
    if (!changed.length && !focus) { return; }
    kept = {
      id: target.id,
      step: target.getAttribute("data-step"),
      focus: focus,
      fields: changed.map(function (f) {
        return { key: fieldKey(f), value: f.value, checked: f.checked };
      })
    };
  }
  function restoreTyped() {
    var k = kept;
    kept = null;
    var target = k && document.getElementById(k.id);
    if (!target || target.getAttribute("data-step") !== k.step) { return; }
    var byKey = {};
    fieldsIn(target).forEach(function (f) { byKey[fieldKey(f)] = f; });
    k.fields.forEach(function (saved) {
      var f = byKey[saved.key];
      if (!f) { return; }
      if (f.type === "checkbox" || f.type === "radio") { f.checked = saved.checked; }
      else { f.value = saved.value; }
    });
    if (!k.focus) { return; }
    var same = Array.prototype.filter.call(
      target.querySelectorAll(FOCUSABLE),
      function (el) { return focusKey(el) === k.focus; }
    );
    var focus = same.filter(function (el) { return !el.disabled; })[0];
    // The control is there but disabled now (« Suivante » on the last step): the focus goes
    // to the nearest control still usable (« Précédente »), not to the page's start.
    if (!focus && same[0]) { focus = nearestEnabled(same[0], target); }
    if (focus && document.activeElement !== focus) { focus.focus(); }
  }
  var FOCUSABLE = "button, input:not([type=hidden]), select, textarea, a[href]";
  function nearestEnabled(el, root) {
    for (var up = el.parentElement; up && root.contains(up); up = up.parentElement) {
      var found = Array.prototype.filter.call(
        up.querySelectorAll(FOCUSABLE), function (c) { return !c.disabled; }
      )[0];
      if (found) { return found; }
    }
    return null;
  }

  if (viaHtmx) {
    document.body.addEventListener("htmx:wsConnecting", onConnecting);
    document.body.addEventListener("htmx:wsOpen", function (evt) { onOpen(evt.detail.socketWrapper); });
    document.body.addEventListener("htmx:wsClose", onClose);
    document.body.addEventListener("htmx:wsConfigSend", function (evt) { beforeSend(evt.target); });
    document.body.addEventListener("htmx:oobBeforeSwap", function (evt) { keepTyped(evt.detail.target); });
    document.body.addEventListener("htmx:oobAfterSwap", restoreTyped);
    document.body.addEventListener("htmx:wsAfterMessage", afterMessage);
    document.body.addEventListener("htmx:afterSwap", startTimer);
    // The control view's buttons post with htmx and expect the socket to bring the new panel;
    // without a socket, reload to see it.
    document.body.addEventListener("htmx:afterRequest", function (evt) {
      if (role === "control" && !isOpen && evt.detail.successful) { window.location.reload(); }
    });
  } else {
    phoneSocket();
  }

  // The phone's socket, as htmx's ws extension would hold it: connect to #live's ws-connect,
  // reconnect with the jittered back-off above (not after the server's own refusals, codes
  // 4000 and up, nor a normal close), keep what is sent while down for the reconnection,
  // send a form marked ws-send as the JSON object of its fields (a list for a repeated name:
  // live/consumers.py read_answer), and swap each top-level element of a message for the
  // element of the same id: whole (hx-swap-oob="true") or its content ("innerHTML").
  function phoneSocket() {
    var path = root.getAttribute("ws-connect");
    var url = /^wss?:/.test(path) ? path
      : (location.protocol === "https:" ? "wss://" : "ws://") + location.host + path;
    var ws = null;
    var retries = 0;
    var queue = [];
    var sender = {
      send: function (text) { if (isOpen) { ws.send(text); } else { queue.push(text); } }
    };
    function connect() {
      onConnecting();
      try {
        ws = new WebSocket(url);
      } catch (err) {  // refused before it starts (a blocking proxy, a browser setting)
        onClose();
        setTimeout(connect, reconnectDelay(retries++));
        return;
      }
      ws.onopen = function () {
        retries = 0;
        onOpen(sender);
        while (queue.length && isOpen) { ws.send(queue.shift()); }
      };
      ws.onmessage = function (evt) { swapParts(evt.data); afterMessage(); };
      ws.onclose = function (evt) {
        onClose();
        if (evt.code !== 1000 && evt.code < 4000) { setTimeout(connect, reconnectDelay(retries++)); }
      };
    }
    keepStylesheets(root);
    document.addEventListener("submit", function (evt) {
      var form = evt.target;
      if (!form.hasAttribute("ws-send")) { return; }
      evt.preventDefault();
      beforeSend(form);
      sender.send(JSON.stringify(formFields(form)));
    });
    connect();
  }

  function formFields(form) {
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      if (!Object.prototype.hasOwnProperty.call(fields, name)) { fields[name] = value; }
      else if (Array.isArray(fields[name])) { fields[name].push(value); }
      else { fields[name] = [fields[name], value]; }
    });
    return fields;
  }

  // The phone's stage links its kind's stylesheet (live/_phone.html). Copied into the head,
  // once per address, the stylesheets outlive the redraws: a step redrawn never goes unstyled
  // while its stylesheet would be applied again, and a step of another kind brings its own.
  function keepStylesheets(container) {
    var links = container.querySelectorAll("link[rel=stylesheet]");
    Array.prototype.forEach.call(links, function (link) {
      var href = link.getAttribute("href");
      var known = Array.prototype.some.call(
        document.head.querySelectorAll("link[rel=stylesheet]"),
        function (kept) { return kept.getAttribute("href") === href; }
      );
      if (!known) { document.head.appendChild(link.cloneNode(false)); }
      if (container !== root) { link.parentNode.removeChild(link); }
    });
  }

  function swapParts(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    keepStylesheets(template.content);
    Array.prototype.slice.call(template.content.children).forEach(function (part) {
      var target = part.id ? document.getElementById(part.id) : null;
      if (!target) { return; }
      var how = part.getAttribute("hx-swap-oob") || "true";
      part.removeAttribute("hx-swap-oob");
      keepTyped(target);
      if (how === "innerHTML") {
        target.textContent = "";
        while (part.firstChild) { target.appendChild(part.firstChild); }
      } else {
        target.replaceWith(part);
      }
      restoreTyped();
    });
  }

  // A phone that cannot keep its socket (a proxy blocking WebSockets) reloads the page now
  // and then, unless its user is writing an answer.
  function isWriting() {
    var active = document.activeElement;
    if (active && active.form) { return true; }
    var stageEl = document.getElementById("phone-stage");
    return Boolean(stageEl) && fieldsIn(stageEl).some(isDirtyField);
  }
  if (role === "phone") {
    setInterval(function () {
      if (!isOpen && Date.now() - downSince > 15000 && !isWriting()) { window.location.reload(); }
    }, 5000);
  }

  // When the facilitator moves to another step, the phone's focus goes to its title.
  var shownStep = null;
  function focusNewStep() {
    if (role !== "phone") { return; }
    var stageEl = document.getElementById("phone-stage");
    var heading = document.querySelector("#phone-stage h1");
    var key = stageEl ? stageEl.getAttribute("data-step") : null;
    if (shownStep !== null && key !== shownStep && heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
    shownStep = key;
  }
  focusNewStep();

  // The timer counts down locally towards a deadline taken from what the server said was
  // left when it rendered. Messages that do not redraw the timer leave its element, and so its
  // deadline, alone (re-reading data-remaining-ms then restarted the countdown on every push);
  // a newer render of the same running timer may only bring the deadline closer, so the
  // display never goes back up.
  var timerTick = null;
  var timerShown = null;
  function startTimer() {
    var el = document.getElementById("screen-timer");
    clearTimeout(timerTick);
    if (!el || el.getAttribute("data-running") !== "1") { timerShown = null; return; }
    var key = el.getAttribute("data-timer-key") || "";
    if (el.fneDeadline === undefined) {
      var deadline = Date.now() + parseInt(el.getAttribute("data-remaining-ms") || "0", 10);
      if (timerShown && timerShown.key === key) {
        deadline = Math.min(deadline, timerShown.deadline);
      }
      el.fneDeadline = deadline;
    }
    timerShown = { key: key, deadline: el.fneDeadline };
    var value = el.querySelector("[data-timer-value]");
    function tick() {
      var leftMs = Math.max(0, el.fneDeadline - Date.now());
      var left = Math.ceil(leftMs / 1000);
      if (value) { value.textContent = String(left); }
      el.classList.toggle("timer--ending", left <= 5);
      if (left === 0) { el.classList.add("timer--done"); return; }
      // Wake just after the next whole second, when the figure changes.
      timerTick = setTimeout(tick, (leftMs % 1000 || 1000) + 15);
    }
    tick();
  }
  startTimer();

  // The clock of the presenter view (the laptop's own time, to the minute).
  var clocks = document.querySelectorAll("[data-clock]");
  function showTime() {
    var now = new Date();
    var text = String(now.getHours()).padStart(2, "0") + ":" + String(now.getMinutes()).padStart(2, "0");
    Array.prototype.forEach.call(clocks, function (el) { el.textContent = text; });
  }
  if (clocks.length) { showTime(); setInterval(showTime, 10000); }

  // « ? » lists the keyboard shortcuts (projector, régie, presenter view), unless one is typing.
  var shortcuts = document.getElementById("shortcuts");
  if (shortcuts && shortcuts.showModal) {
    document.addEventListener("keydown", function (evt) {
      if (evt.key !== "?" || evt.ctrlKey || evt.metaKey || evt.altKey) { return; }
      var active = document.activeElement;
      if (active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName))) { return; }
      evt.preventDefault();
      if (shortcuts.open) { shortcuts.close(); } else { shortcuts.showModal(); }
    });
  }

  // The projector opened by a facilitator: presenter remote and keyboard drive the session.
  var controlUrl = root.getAttribute("data-control-url");
  if (role === "screen" && controlUrl) {
    var KEYS = {
      // Forward and back step through the results' pages, then the steps.
      ArrowRight: "forward", PageDown: "forward", " ": "forward",
      ArrowLeft: "back", PageUp: "back", ArrowDown: "page_next", ArrowUp: "page_previous",
      o: "toggle_open", r: "toggle_reveal", m: "timer_toggle", c: "toggle_join",
      j: "toggle_join_full"
    };
    var csrf = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
    document.addEventListener("keydown", function (evt) {
      if (evt.ctrlKey || evt.metaKey || evt.altKey) { return; }
      if (shortcuts && shortcuts.open) { return; }
      var action = KEYS[evt.key];
      if (!action) { return; }
      evt.preventDefault();
      var body = new URLSearchParams({ action: action });
      fetch(controlUrl, {
        method: "POST",
        body: body,
        headers: { "X-CSRFToken": csrf, "HX-Request": "true" },
        credentials: "same-origin"
      });
    });
  }
})();
