// Officer console: the window chooser, then the working view. Buttons are enabled only when they apply, each has a
// key (shown on it), and reasons are asked in the page. Everything goes through the JSON API with the session cookie.
(function () {
  "use strict";
  var H = window.Hall, T = H.t, LABELS = H.labels;
  var windowNumber = document.body.dataset.window;
  var recallsNeeded = Number(document.body.dataset.recallsBeforeNoShow || 0);
  var message = document.getElementById("console-message");
  var current = null, windowStatus = null, busy = false;

  function say(text) { if (message) message.textContent = text || ""; }
  function fail(error) { say(H.message(error)); }
  function format(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (_, key) { return values[key] == null ? "" : values[key]; });
  }

  document.querySelectorAll("button.choice[data-window]").forEach(function (b) {
    b.addEventListener("click", function () {
      H.api("POST", "/windows/" + b.dataset.window + "/sign-in").then(function () { location.reload(); }).catch(fail);
    });
  });
  if (!windowNumber) return;

  var names = {};
  document.querySelectorAll("#transfer-business option").forEach(function (o) { names[o.value] = o.textContent; });
  function $(id) { return document.getElementById(id); }

  function minutesSince(iso) { return Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60000)); }

  // Which actions apply now: the window's state and the current ticket's.
  function applicable() {
    var open = windowStatus === "open";
    var status = current ? current.status : null;
    // A green channel the citizen declared on their phone is checked before service starts.
    var unchecked = !!current && current.greenChannelCheck === "declared";
    return {
      "call-next": open && !current,
      "start": status === "called" && !unchecked,
      "finish-and-call": status === "serving" && open,
      "recall": status === "called",
      "finish": status === "serving",
      "no-show": status === "called" && current.recalls >= recallsNeeded,
      "transfer": status === "called",
      "pause": open && !current,
      "resume": windowStatus === "paused",
      "leave": !current
    };
  }

  function render(queue) {
    var w = queue.window;
    current = w.currentTicket;
    windowStatus = w.status;
    $("window-status").textContent = LABELS.window[w.status] || w.status;
    $("current-ticket").textContent = current ? current.number : T.none;
    $("current-status").textContent = current ? (LABELS.ticket[current.status] || current.status) : "";
    $("current-status").dataset.status = current ? current.status : "";
    $("current-business").textContent = current ? (names[current.business] || current.business) : "";
    $("current-green").hidden = !(current && current.greenChannel);
    $("current-green").textContent = current && current.greenChannel ? T.greenMark + "：" + (LABELS.green[current.greenChannel] || "") +
      (current.greenChannelCheck ? "（" + T.declaredMark + "）" : "") : "";
    $("green-check").hidden = !(current && current.status === "called" && current.greenChannelCheck === "declared");
    $("green-confirm").disabled = $("green-decline").disabled = busy;
    $("current-waited").textContent = current ? format(T.issuedAgo, { n: minutesSince(current.issuedAt) }) +
      (current.recalls ? " · " + format(T.recalled, { n: current.recalls }) : "") : "";
    // The intake form for the called ticket (受理登记).
    var openCase = $("open-case");
    openCase.hidden = !current;
    if (current) openCase.href = "/cases/new?ticket=" + current.id;
    // The escalation form names the window and, when one is called, its ticket (避免僵局).
    var escalate = $("escalate");
    if (escalate) escalate.href = "/escalate?window=" + escalate.getAttribute("data-window") + (current ? "&ticket=" + current.id : "");
    var can = applicable();
    Object.keys(can).forEach(function (id) { $(id).disabled = busy || !can[id]; });
    $("pause").hidden = windowStatus === "paused";
    $("resume").hidden = windowStatus !== "paused";
    if (!can.transfer) $("transfer-form").hidden = true;
    renderQueue(queue.waiting);
  }

  function renderQueue(waiting) {
    var list = $("queue-list");
    list.textContent = "";
    $("queue-count").textContent = String(waiting.length);
    if (waiting.length === 0) {
      var empty = document.createElement("li");
      empty.className = "empty";
      empty.textContent = T.emptyQueue;
      list.appendChild(empty);
    }
    waiting.forEach(function (t) {
      var li = document.createElement("li");
      li.className = "queue-item" + (t.greenChannel ? " is-green" : "");
      var number = document.createElement("b");
      number.className = "q-number";
      number.textContent = t.number;
      var info = document.createElement("span");
      info.className = "q-info";
      info.textContent = (names[t.business] || t.business) + " · " + format(T.waited, { n: minutesSince(t.issuedAt) });
      li.append(number, info);
      if (t.greenChannel) {
        var green = document.createElement("span");
        green.className = "q-green";
        green.textContent = T.greenMark + "：" + (LABELS.green[t.greenChannel] || t.greenChannel) +
          (t.greenChannelCheck === "declared" ? "（" + T.declaredMark + "）" : "");
        li.appendChild(green);
      }
      var call = document.createElement("button");
      call.type = "button";
      call.className = "q-call";
      call.textContent = T.callThis;
      call.disabled = !(windowStatus === "open" && !current);
      call.addEventListener("click", function () { askReason(t); });
      li.appendChild(call);
      list.appendChild(li);
    });
  }

  // The day's handovers to and from this window (转交回执), newest first: what went where, and what came in.
  function renderReceipts(body) {
    var list = $("handover-list"), items = (body && body.handovers) || [];
    list.textContent = "";
    $("handover-receipts").hidden = items.length === 0;
    items.forEach(function (h) {
      var incoming = String(h.toWindow) === String(windowNumber);
      var li = document.createElement("li");
      li.className = incoming ? "handover-line incoming" : "handover-line outgoing";
      li.dataset.handover = h.id;
      li.textContent = format(incoming ? T.receivedFrom : T.handedTo, {
        time: H.clock(new Date(h.at)),
        number: h.ticketNumber,
        window: incoming ? h.fromWindow : h.toWindow,
        name: incoming ? h.fromName : h.toName,
        badge: incoming ? h.fromOfficer : h.toOfficer
      });
      list.appendChild(li);
    });
  }

  function refresh() {
    H.api("GET", "/windows/" + windowNumber + "/handovers").then(renderReceipts).catch(function () { /* shown again next time */ });
    return H.api("GET", "/windows/" + windowNumber + "/queue").then(render).catch(fail);
  }

  // One action at a time: buttons are disabled until the answer (and the refreshed state) is back.
  function act(promise, after) {
    busy = true;
    document.querySelectorAll(".actions button").forEach(function (b) { b.disabled = true; });
    return promise.then(function (result) { say(after ? after(result) : ""); }).catch(fail).then(function () {
      busy = false;
      return refresh();
    });
  }
  function onCurrent(action, body) {
    if (!current) return;
    act(H.api("POST", "/tickets/" + current.id + "/" + action, body));
  }
  function calledText(t) { return t ? format(T.calledNow, { number: t.number }) : T.nothingWaiting; }

  var handlers = {
    "call-next": function () { act(H.api("POST", "/windows/" + windowNumber + "/call-next"), calledText); },
    "start": function () { onCurrent("start"); },
    "finish-and-call": function () {
      if (!current) return;
      act(H.api("POST", "/tickets/" + current.id + "/finish-and-call-next"), function (r) { return calledText(r && r.called); });
    },
    "recall": function () { onCurrent("recall"); },
    "finish": function () { onCurrent("finish"); },
    "no-show": function () { onCurrent("no-show"); },
    "transfer": function () { $("transfer-form").hidden = false; $("transfer-business").focus(); },
    "pause": function () { act(H.api("POST", "/windows/" + windowNumber + "/pause")); },
    "resume": function () { act(H.api("POST", "/windows/" + windowNumber + "/resume")); },
    "leave": function () {
      H.api("POST", "/windows/" + windowNumber + "/sign-out").then(function () { location.reload(); }).catch(fail);
    }
  };
  Object.keys(handlers).forEach(function (id) {
    $(id).addEventListener("click", function () { if (!$(id).disabled) handlers[id](); });
  });

  $("green-confirm").addEventListener("click", function () { onCurrent("green-channel/confirm"); });
  $("green-decline").addEventListener("click", function () {
    if (!current) return;
    var number = current.number;
    act(H.api("POST", "/tickets/" + current.id + "/green-channel/decline"), function () { return format(T.greenDeclinedNow, { number: number }); });
  });

  $("transfer-form").addEventListener("submit", function (event) {
    event.preventDefault();
    $("transfer-form").hidden = true;
    onCurrent("transfer", { business: $("transfer-business").value });
  });

  // Calling out of turn needs a reason, kept for supervisors: asked in the page, never with prompt().
  var chosen = null;
  function askReason(ticket) {
    chosen = ticket;
    $("out-of-turn-number").textContent = ticket.number;
    $("out-of-turn-reason").value = "";
    $("out-of-turn-form").hidden = false;
    $("out-of-turn-reason").focus();
  }
  $("out-of-turn-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var reason = $("out-of-turn-reason").value.trim();
    if (!reason) { say(T.reasonNeeded); $("out-of-turn-reason").focus(); return; }
    $("out-of-turn-form").hidden = true;
    act(H.api("POST", "/windows/" + windowNumber + "/call", { ticket: chosen.id, reason: reason }), calledText);
  });
  document.querySelectorAll(".inline-panel .cancel").forEach(function (b) {
    b.addEventListener("click", function () { b.closest("form").hidden = true; });
  });

  // Keys: the letter on each button, unless the officer is typing in a field.
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select") {
      if (event.key === "Escape") event.target.closest("form").hidden = true;
      return;
    }
    var key = event.key.toLowerCase();
    var button = Array.prototype.filter.call(document.querySelectorAll(".actions button[data-key]"), function (b) {
      return b.dataset.key === key && !b.disabled && !b.hidden;
    })[0];
    if (!button) return;
    event.preventDefault();
    button.click();
  });

  if (window.EventSource) {
    // One stream per page, shared with the inbox (inbox.js).
    var s = H.events || (H.events = new EventSource("/api/v1/events"));
    s.addEventListener("ticket", refresh);
    s.addEventListener("call", refresh);
    s.addEventListener("window", refresh);
  }
  refresh();
  setInterval(refresh, 60000);
})();
