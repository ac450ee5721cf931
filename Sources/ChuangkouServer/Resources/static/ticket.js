// The citizen's ticket page: updates in place from the hall's events (never reloads), and turns into a large
// “请到3号窗口” banner when this ticket is called.
(function () {
  "use strict";
  var H = window.Hall, T = H.t;
  var id = document.body.dataset.ticket, number = document.body.dataset.number;
  var business = null;
  var pending = null;

  function format(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (_, key) { return values[key] == null ? "" : values[key]; });
  }

  function render(t) {
    business = t.business;
    var status = document.getElementById("ticket-status");
    status.textContent = (H.labels.ticket && H.labels.ticket[t.status]) || t.status;
    status.dataset.status = t.status;
    var waiting = t.status === "waiting";
    document.getElementById("waiting-info").hidden = !waiting;
    if (waiting && t.position != null) {
      document.getElementById("ticket-ahead").textContent = format(T.ahead, { n: t.position - 1 });
      document.getElementById("ticket-wait").textContent =
        t.estimatedWaitMinutes == null ? T.noEstimate : t.estimatedWaitMinutes + " " + T.minutes;
    }
    var called = (t.status === "called" || t.status === "serving") && t.window != null;
    var banner = document.getElementById("called-banner");
    if (called && banner.hidden && navigator.vibrate) navigator.vibrate([300, 150, 300]);
    banner.hidden = !called;
    if (called) document.getElementById("called-text").textContent = format(T.goTo, { n: t.window });
    document.body.classList.toggle("is-called", called);
    document.getElementById("updated-at").textContent = H.clock(new Date(), false);
    offerRating(t.status);
  }

  // 一次一评: once the ticket is finished the faces appear in place, unless it was rated already (on the pad, say).
  var ratingForm = document.getElementById("rating-form");
  var ratingAsked = false;
  function offerRating(status) {
    if (!ratingForm || status !== "finished" || !ratingForm.hidden || ratingAsked || document.getElementById("rating-thanks")) return;
    ratingAsked = true;
    H.api("GET", "/tickets/" + id + "/rating").then(function (r) {
      if (r && r.rated === false) ratingForm.hidden = false;
    }).catch(function () { ratingAsked = false; });
  }

  function refresh() {
    pending = null;
    H.api("GET", "/tickets/" + id).then(render).catch(function () {});
  }
  function soon(delay) {
    if (pending) return;
    pending = setTimeout(refresh, delay);
  }

  // Only what can move this ticket: its own events at once, its business's and the windows' a moment later.
  function onEvent(e) {
    var event = {};
    try { event = JSON.parse(e.data); } catch (err) { return; }
    if (event.ticketNumber === number) { clearTimeout(pending); pending = null; refresh(); return; }
    if (event.kind === "window" || !business || event.business === business) soon(800);
  }
  if (window.EventSource) {
    var source = new EventSource("/api/v1/events");
    ["call", "ticket", "window"].forEach(function (kind) { source.addEventListener(kind, onEvent); });
    source.onopen = function () { soon(100); };
  }
  // A phone that slept may have missed events: check once a minute anyway.
  setInterval(refresh, 60000);
  refresh();
})();
