// Kiosk: take a ticket with one tap, show it ready to print, then reset for the next citizen.
(function () {
  "use strict";
  var green = document.getElementById("green-channel");
  var slip = document.getElementById("ticket");
  var errorBox = document.getElementById("kiosk-error");
  var resetTimer = null;

  function show(ticket, name) {
    document.getElementById("ticket-number").textContent = ticket.number;
    document.getElementById("ticket-business").textContent = name;
    document.getElementById("ticket-position").textContent = ticket.position == null ? "-" : String(ticket.position - 1);
    document.getElementById("ticket-wait").textContent =
      ticket.estimatedWaitMinutes == null ? T.noEstimate : ticket.estimatedWaitMinutes + " " + T.minutes;
    document.getElementById("ticket-time").textContent = new Date(ticket.issuedAt).toLocaleString();
    var link = document.getElementById("ticket-link");
    link.href = "/tickets/" + ticket.id;
    link.textContent = location.origin + "/tickets/" + ticket.id;
    slip.hidden = false;
    clearTimeout(resetTimer);
    resetTimer = setTimeout(close, 30000);
  }

  function close() {
    slip.hidden = true;
    green.value = "";
  }

  document.querySelectorAll("button[data-business]").forEach(function (button) {
    button.addEventListener("click", function () {
      errorBox.hidden = true;
      button.disabled = true;
      fetch("/api/v1/tickets", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ business: button.dataset.business, greenChannel: green.value || null })
      }).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      }).then(function (ticket) {
        show(ticket, button.querySelector(".name").textContent);
        refreshCounts();
      }).catch(function () {
        errorBox.hidden = false;
      }).finally(function () {
        button.disabled = false;
      });
    });
  });

  function refreshCounts() {
    fetch("/api/v1/businesses").then(function (r) { return r.json(); }).then(function (body) {
      body.businesses.forEach(function (b) {
        var el = document.querySelector('[data-waiting="' + b.code + '"]');
        if (el) el.textContent = b.waiting;
      });
    }).catch(function () {});
  }

  document.getElementById("print-ticket").addEventListener("click", function () { window.print(); });
  document.getElementById("close-ticket").addEventListener("click", close);
  if (window.EventSource) {
    new EventSource("/api/v1/events").onmessage = refreshCounts;
  }
  setInterval(refreshCounts, 30000);
})();
