/* Co-writing a project sheet (live/templates/live/cowrite.html, live/cowrite_socket.py).

Each field autosaves over the group's WebSocket a moment after typing stops; one save per field
is in flight at a time. What is typed is kept in localStorage until the server has it, so a
phone offline (or reloaded) loses nothing: back online, the snapshot arrives and every field
still pending is sent again, on the version it was started from (the server merges, or shows
a conflict with both texts). Pushes of the others' writes replace a field only when this phone
has nothing pending in it. Without JavaScript, each field is a plain form. */
(function () {
  "use strict";
  var root = document.getElementById("cowrite");
  if (!root) return;
  var labels = root.dataset;
  var presence = document.getElementById("cowrite-presence");
  var connection = document.getElementById("cowrite-connection");
  var storeKey = "cowrite:" + root.dataset.session + ":" + root.dataset.group + ":";
  var fields = {};
  var socket = null;
  var retry = 500;
  var seq = 0;
  var presenceTimer = null;

  function store(name) {
    try { return JSON.parse(localStorage.getItem(storeKey + name) || "null"); } catch (e) { return null; }
  }
  function keep(field) {
    try {
      localStorage.setItem(storeKey + field.name, JSON.stringify({ text: field.input.value, version: field.base }));
    } catch (e) { /* private mode: the page's own buffer still holds it */ }
  }
  function forget(field) {
    try { localStorage.removeItem(storeKey + field.name); } catch (e) { /* ignore */ }
  }
  function status(field, text, isError) {
    field.status.textContent = "";
    var span = document.createElement("span");
    if (isError) span.className = "error";
    span.textContent = text;
    field.status.appendChild(span);
  }
  function open() { return socket && socket.readyState === WebSocket.OPEN; }

  function send(field) {
    if (field.inFlight || !open() || !field.pending) return;
    var text = field.input.value;
    field.inFlight = { seq: ++seq, text: text };
    field.pending = false;
    socket.send(JSON.stringify({ type: "save", name: field.name, text: text, version: field.base, seq: field.inFlight.seq }));
  }

  function changed(field) {
    field.pending = true;
    keep(field);
    status(field, labels.labelPending);
    clearTimeout(field.timer);
    field.timer = setTimeout(function () { send(field); }, 700);
    var now = Date.now();
    if (open() && now - field.typingSent > 2000) {
      field.typingSent = now;
      socket.send(JSON.stringify({ type: "typing", name: field.name }));
    }
  }

  function onReply(message) {
    var field = fields[message.name];
    if (!field) return;
    var sent = field.inFlight;
    field.inFlight = null;
    if (message.type === "saved") {
      field.base = message.version;
      field.form.elements.version.value = message.version;
      field.conflict.hidden = true;
      var typedSince = sent && field.input.value !== sent.text;
      if (message.merged && !typedSince) field.input.value = message.text;
      if (!typedSince) { forget(field); field.pending = false; field.sentText = field.input.value; }
      else keep(field);
      status(field, message.merged ? labels.labelMerged : labels.labelSaved);
      if (typedSince) send(field);
    } else if (message.type === "conflict") {
      field.base = message.version;
      field.theirs = message.theirs;
      field.form.elements.version.value = message.version;
      field.pending = true;
      keep(field);
      field.conflict.hidden = false;
      field.conflict.querySelector(".cowrite-conflict__theirs").textContent = message.theirs;
      field.conflict.querySelector(".cowrite-conflict__actions").hidden = false;
      status(field, message.error, true);
    } else {
      field.pending = true;
      keep(field);
      status(field, message.error, true);
    }
  }

  function applyStored(name, text, version, by) {
    var field = fields[name];
    if (!field || version <= field.base) return;
    if (field.pending || field.inFlight) return; // our text wins until the server has seen it
    field.input.value = text;
    field.base = version;
    field.sentText = text;
    field.form.elements.version.value = version;
    if (by) status(field, labels.labelUpdated + " " + by);
  }

  function onMessage(event) {
    var message;
    try { message = JSON.parse(event.data); } catch (e) { return; }
    if (message.type === "snapshot") {
      Object.keys(fields).forEach(function (name) {
        var stored = message.fields[name] || { text: "", version: 0 };
        var field = fields[name];
        if (field.pending) { field.inFlight = null; send(field); }
        else applyStored(name, stored.text, stored.version, "");
      });
    } else if (message.type === "fields") {
      message.fields.forEach(function (f) { if (!f.mine) applyStored(f.name, f.text, f.version, f.by); });
    } else if (message.type === "presence") {
      presence.textContent = message.text;
      clearTimeout(presenceTimer);
      presenceTimer = setTimeout(function () { presence.textContent = ""; }, 4000);
    } else if (message.name) {
      onReply(message);
    }
  }

  function showConnection(online) {
    connection.hidden = false;
    connection.textContent = online ? labels.labelOnline : labels.labelOffline;
    connection.dataset.state = online ? "open" : "closed";
  }

  var reconnectTimer = null;
  function connect() {
    clearTimeout(reconnectTimer);
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var current = new WebSocket(scheme + location.host + root.dataset.ws);
    socket = current;
    current.addEventListener("open", function () { retry = 500; showConnection(true); });
    current.addEventListener("message", onMessage);
    current.addEventListener("close", function (event) {
      if (socket !== current) return; // an older socket, replaced
      showConnection(false);
      Object.keys(fields).forEach(function (name) {
        if (fields[name].inFlight) { fields[name].inFlight = null; fields[name].pending = true; }
      });
      if (event.code === 4403 || event.code === 4404) return;
      reconnectTimer = setTimeout(connect, retry);
      retry = Math.min(retry * 2, 5000);
    });
  }

  Array.prototype.forEach.call(root.querySelectorAll("form.cowrite-field"), function (form) {
    var field = {
      name: form.dataset.name,
      form: form,
      input: form.elements.text,
      status: form.querySelector(".cowrite-field__status"),
      conflict: form.querySelector(".cowrite-conflict"),
      base: parseInt(form.dataset.version, 10) || 0,
      pending: false,
      inFlight: null,
      typingSent: 0,
      theirs: ""
    };
    field.sentText = field.input.value;
    fields[field.name] = field;
    var kept = store(field.name);
    if (kept && kept.text !== field.input.value) {
      field.input.value = kept.text; // typed here, never received by the server
      field.base = kept.version;
      field.pending = true;
      status(field, labels.labelPending);
    } else if (kept) {
      forget(field);
    }
    field.input.addEventListener("input", function () { changed(field); });
    form.addEventListener("submit", function (event) {
      // No socket but a network (WebSockets filtered): the plain form posts it. Offline, the
      // text stays here and leaves with the connection.
      if (!open() && navigator.onLine) return;
      event.preventDefault();
      field.pending = true;
      keep(field);
      send(field);
    });
    form.addEventListener("click", function (event) {
      var choice = event.target.getAttribute && event.target.getAttribute("data-resolve");
      if (!choice) return;
      if (choice === "theirs") field.input.value = field.theirs;
      else if (choice === "both") field.input.value = field.theirs + "\n" + field.input.value;
      field.conflict.hidden = true;
      field.pending = true;
      keep(field);
      send(field);
      field.input.focus();
    });
  });
  // The browser knows it lost the network before the socket does: stop sending into the void
  // (what is typed stays pending, kept here), and reconnect as soon as it is back.
  window.addEventListener("offline", function () { if (socket) socket.close(); });
  window.addEventListener("online", function () { if (!open()) { retry = 500; connect(); } });
  setInterval(function () { if (open()) socket.send(JSON.stringify({ type: "ping" })); }, 25000);
  connect();
})();
