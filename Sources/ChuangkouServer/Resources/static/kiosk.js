// Kiosk (portrait touch screen): green-channel choice, one tap on a business, the ticket printed at once on the
// 80 mm slip (no dialog where Chromium runs with --kiosk-printing), live waiting counts, and a reset when idle.
(function () {
  "use strict";
  var H = window.Hall, T = H.t;
  var SLIP_MS = 20000, IDLE_MS = 45000;
  var slip = document.getElementById("ticket");
  var errorBox = document.getElementById("kiosk-error");
  var qr = document.getElementById("ticket-qr");
  var toggles = Array.prototype.slice.call(document.querySelectorAll("button[data-green]"));
  var green = "";
  var slipTimer = null, idleTimer = null;

  function format(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (_, key) { return values[key] == null ? "" : values[key]; });
  }

  function choose(value) {
    green = value;
    toggles.forEach(function (t) { t.setAttribute("aria-checked", String(t.dataset.green === value)); });
  }
  toggles.forEach(function (t) { t.addEventListener("click", function () { choose(t.dataset.green); }); });

  // The next citizen finds the kiosk as it starts: no reason chosen, no ticket open.
  function reset() {
    clearTimeout(slipTimer);
    slip.hidden = true;
    errorBox.hidden = true;
    choose("");
  }
  function touched() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(reset, IDLE_MS);
  }
  ["pointerdown", "keydown"].forEach(function (kind) { document.addEventListener(kind, touched); });

  function show(ticket, name, greenLabel) {
    document.getElementById("ticket-number").textContent = ticket.number;
    document.getElementById("ticket-business").textContent = name;
    var greenLine = document.getElementById("ticket-green");
    greenLine.hidden = !ticket.greenChannel;
    greenLine.textContent = ticket.greenChannel ? T.greenMark + "：" + greenLabel : "";
    document.getElementById("ticket-ahead").textContent = ticket.position == null ? "" : format(T.ahead, { n: ticket.position - 1 });
    document.getElementById("ticket-wait").textContent =
      ticket.estimatedWaitMinutes == null ? T.noEstimate : ticket.estimatedWaitMinutes + " " + T.minutes;
    document.getElementById("ticket-time").textContent = H.clock(new Date(ticket.issuedAt), true);
    document.getElementById("print-state").textContent = T.printing;
    slip.hidden = false;
    // Print as soon as the QR code is drawn; a failed image must not hold the ticket back.
    var printed = false;
    function printNow() {
      if (printed) return;
      printed = true;
      window.print();
      document.getElementById("print-state").textContent = T.printed;
    }
    qr.onload = printNow;
    qr.onerror = printNow;
    qr.src = "/tickets/" + ticket.id + "/qr.svg";
    // The same address in words, for a phone that cannot scan: the ticket page, and its rating once finished.
    document.getElementById("ticket-link").textContent = (document.body.dataset.publicBase || "") + "/tickets/" + ticket.id;
    setTimeout(printNow, 3000);
    clearTimeout(slipTimer);
    slipTimer = setTimeout(reset, SLIP_MS);
  }

  document.querySelectorAll("button[data-business]").forEach(function (button) {
    button.addEventListener("click", function () {
      errorBox.hidden = true;
      button.disabled = true;
      var chosen = toggles.filter(function (t) { return t.dataset.green === green; })[0];
      H.api("POST", "/tickets", { business: button.dataset.business, greenChannel: green || null }).then(function (ticket) {
        show(ticket, button.querySelector(".name").textContent, chosen ? chosen.textContent : "");
        refreshCounts();
      }).catch(function () {
        errorBox.hidden = false;
      }).finally(function () {
        button.disabled = false;
      });
    });
  });

  var countTimer = null;
  function refreshCounts() {
    H.api("GET", "/businesses").then(function (body) {
      body.businesses.forEach(function (b) {
        var el = document.querySelector('[data-waiting="' + b.code + '"]');
        if (el) el.textContent = b.waiting;
      });
    }).catch(function () {});
  }
  // Many events can arrive at once (a busy hall): one count request per half second is enough.
  function soon() {
    if (countTimer) return;
    countTimer = setTimeout(function () { countTimer = null; refreshCounts(); }, 500);
  }

  document.getElementById("print-ticket").addEventListener("click", function () { window.print(); });
  document.getElementById("close-ticket").addEventListener("click", reset);
  if (window.EventSource) {
    // The hall sends named events (event: ticket / call / window), which onmessage would never see.
    var source = new EventSource("/api/v1/events");
    ["ticket", "call", "window"].forEach(function (kind) { source.addEventListener(kind, soon); });
    source.onopen = soon;
  }
  setInterval(refreshCounts, 60000);

  function tick() { document.getElementById("clock").textContent = H.clock(new Date(), false); }
  tick();
  setInterval(tick, 10000);
  touched();
})();
