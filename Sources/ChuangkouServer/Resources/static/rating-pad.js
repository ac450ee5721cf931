// The rating pad (评价器) at one window: the officer card until the window finishes a ticket, then, live from the
// hall's events, that ticket's rating — the five faces, the optional indicators and comment, a thank-you — and back
// to the card. The ticket comes from the pad-only route, which offers only this window's unrated ticket.
(function () {
  "use strict";
  var H = window.Hall, T = H.t;
  var windowNumber = Number(document.body.dataset.window);
  var FACES_IDLE_MS = 90000, DETAILS_IDLE_MS = 45000, THANKS_MS = 6000;
  var card = document.getElementById("pad-card");
  var form = document.getElementById("pad-form");
  var faces = document.getElementById("pad-faces");
  var details = document.getElementById("pad-details");
  var thanks = document.getElementById("pad-thanks");
  var errorBox = document.getElementById("pad-error");
  var submit = document.getElementById("pad-submit");
  var ticket = null, idleTimer = null, sending = false;

  function format(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (_, key) { return values[key] == null ? "" : values[key]; });
  }
  function show(section) {
    card.hidden = section !== card;
    form.hidden = section !== faces && section !== details;
    faces.hidden = section !== faces;
    details.hidden = section !== details;
    thanks.hidden = section !== thanks;
    document.body.dataset.step = section.id.replace("pad-", "");
  }
  function idle(ms, action) {
    clearTimeout(idleTimer);
    idleTimer = ms ? setTimeout(action, ms) : null;
  }

  // A ticket left unrated (the citizen walked away) is not offered again: they may still rate from their phone.
  var dismissed = {};
  function toCard() {
    if (ticket) dismissed[ticket.id] = true;
    ticket = null;
    form.reset();
    errorBox.hidden = true;
    idle(0);
    show(card);
  }

  // A ticket to rate: the faces, with its number and business so the citizen knows it is theirs.
  function offer(t) {
    if (!t || dismissed[t.id] || (ticket && ticket.id === t.id)) return;
    ticket = t;
    form.reset();
    errorBox.hidden = true;
    document.getElementById("pad-ticket").textContent =
      format(T.ticketLine, { number: t.number, business: H.data.lang === "en" ? t.businessNameEnglish : t.businessName });
    show(faces);
    idle(FACES_IDLE_MS, toCard);
  }
  function check() {
    H.api("GET", "/windows/" + windowNumber + "/rating-ticket").then(function (body) {
      if (body && body.ticket) offer(body.ticket);
    }).catch(function () {});
  }

  function level() {
    var chosen = form.querySelector('input[name="level"]:checked');
    return chosen ? Number(chosen.value) : null;
  }
  // One tap on a face moves on to the optional details; a citizen who walks away still has their face counted.
  faces.addEventListener("change", function (event) {
    if (event.target.name !== "level") return;
    show(details);
    idle(DETAILS_IDLE_MS, send);
  });
  details.addEventListener("input", function () { idle(DETAILS_IDLE_MS, send); });
  details.addEventListener("change", function () { idle(DETAILS_IDLE_MS, send); });
  document.getElementById("pad-back").addEventListener("click", function () {
    show(faces);
    idle(FACES_IDLE_MS, toCard);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); send(); });

  function send() {
    var chosen = level();
    if (!ticket || chosen == null || sending) return;
    var body = { level: chosen, indicators: {} };
    ["overall", "efficiency", "competence", "attitude"].forEach(function (key) {
      var score = form.querySelector('input[name="' + key + '"]:checked');
      if (score) body.indicators[key] = Number(score.value);
    });
    var comment = form.elements.comment.value.trim();
    var contact = form.elements.contact.value.trim();
    if (comment) body.comment = comment;
    if (contact) body.contact = contact;
    sending = true;
    submit.disabled = true;
    idle(0);
    H.api("POST", "/tickets/" + ticket.id + "/rating", body).then(function () {
      done(chosen <= 2);
    }).catch(function (error) {
      // Rated already (from the phone, say) or too late: nothing to keep; anything else can be tried again.
      if (error && (error.code === "rating.already-rated" || error.code === "rating.too-late" || error.code === "rating.not-this-window")) {
        done(false);
        return;
      }
      errorBox.textContent = (H.message(error) || T.padError);
      errorBox.hidden = false;
      idle(DETAILS_IDLE_MS, toCard);
    }).then(function () {
      sending = false;
      submit.disabled = false;
    });
  }
  function done(bad) {
    document.getElementById("pad-thanks-bad").hidden = !bad;
    ticket = null;
    show(thanks);
    idle(THANKS_MS, toCard);
  }

  // The officer card follows the window: who signed in, with their photo.
  function refreshCard() {
    H.api("GET", "/windows").then(function (body) {
      var w = (body.windows || []).filter(function (x) { return x.number === windowNumber; })[0];
      var officer = w && w.officer;
      document.getElementById("pad-name").textContent = officer ? officer.name : T.noOfficer;
      document.getElementById("pad-badge").textContent = officer ? officer.badge : "";
      document.getElementById("pad-badge-line").hidden = !officer;
      document.getElementById("pad-post").textContent = officer ? (officer.post || "") : "";
      var photo = document.getElementById("pad-photo");
      var url = officer && officer.photo ? officer.photo : null;
      if (url && photo.tagName === "IMG") { photo.src = url; return; }
      var replacement = document.createElement(url ? "img" : "div");
      replacement.className = "photo";
      replacement.id = "pad-photo";
      if (url) { replacement.src = url; replacement.alt = ""; } else { replacement.textContent = officer ? officer.name.charAt(0) : ""; }
      photo.parentNode.replaceChild(replacement, photo);
    }).catch(function () {});
  }

  function onEvent(e) {
    var event = {};
    try { event = JSON.parse(e.data); } catch (err) { return; }
    if (event.window !== windowNumber) return;
    if (event.kind === "window") { refreshCard(); return; }
    if (event.kind === "ticket" && event.action === "finish") check();
  }
  if (window.EventSource) {
    var source = new EventSource("/api/v1/events");
    ["ticket", "window"].forEach(function (kind) { source.addEventListener(kind, onEvent); });
    // After a dropped connection, a ticket finished meanwhile is still offered.
    source.onopen = check;
  }
  // A pad that slept or lost its stream looks once in a while anyway.
  setInterval(function () { if (!ticket) check(); }, 30000);
  show(card);
  check();
})();
