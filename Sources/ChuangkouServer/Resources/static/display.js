// Wall display: follows the hall's event stream, shows each call as a banner with a chime and speech for a few
// seconds, then the board of windows (叫号中 / 办理中 / 空闲 / 暂停 / 未开放) and the recent calls.
(function () {
  "use strict";
  var H = window.Hall, T = H.t;
  var SOUND_KEY = "chuangkou.display.sound";
  var BANNER_MS = 9000;
  var banner = document.getElementById("call-banner");
  var bannerText = document.getElementById("call-banner-text");
  var offline = document.getElementById("offline");
  var arm = document.getElementById("sound-arm");
  var armButton = document.getElementById("enable-sound");
  var resumeHint = document.getElementById("sound-resume");

  function format(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (_, key) { return values[key] == null ? "" : values[key]; });
  }
  function windowName(n) { return format(T.windowName, { n: n }); }

  // --- Sound: armed once per device (stored), or by ?sound=on for a browser started with autoplay allowed. ---------
  var params = new URLSearchParams(location.search);
  if (params.get("sound") === "on") localStorage.setItem(SOUND_KEY, "on");
  if (params.get("sound") === "off") localStorage.removeItem(SOUND_KEY);
  var armed = localStorage.getItem(SOUND_KEY) === "on";
  var audio = null;

  function startAudio() {
    if (!audio && (window.AudioContext || window.webkitAudioContext)) {
      audio = new (window.AudioContext || window.webkitAudioContext)();
      audio.onstatechange = showSoundState;
    }
    if (audio && audio.state === "suspended") audio.resume().catch(function () {});
    showSoundState();
  }
  // Without a gesture since the reload the browser may hold sound back: any touch or key brings it back.
  function showSoundState() {
    arm.hidden = armed && !(audio && audio.state === "suspended");
    armButton.hidden = armed;
    resumeHint.hidden = !armed || !(audio && audio.state === "suspended");
  }
  armButton.addEventListener("click", function () {
    armed = true;
    localStorage.setItem(SOUND_KEY, "on");
    startAudio();
    chime();
  });
  ["pointerdown", "keydown"].forEach(function (kind) {
    document.addEventListener(kind, function () { if (armed) startAudio(); });
  });
  if (armed) startAudio(); else showSoundState();

  // A two-note chime made here (no sound file to ship or fetch).
  function chime() {
    if (!armed || !audio || audio.state !== "running") return;
    [[659.25, 0], [523.25, 0.45]].forEach(function (note) {
      var osc = audio.createOscillator(), gain = audio.createGain(), at = audio.currentTime + note[1];
      osc.frequency.value = note[0];
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.4, at + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.9);
      osc.connect(gain).connect(audio.destination);
      osc.start(at);
      osc.stop(at + 1);
    });
  }
  function speak(text) {
    if (!armed || !text || !window.speechSynthesis) return;
    var u = new SpeechSynthesisUtterance(text);
    u.lang = "zh-CN";
    u.rate = 0.9;
    window.speechSynthesis.speak(u);
  }

  // --- The call banner: one call at a time, each for BANNER_MS (shorter when more are queued). ------------------
  var pending = [], showing = null, bannerTimer = null, shownAt = 0;
  function announce(event) {
    pending.push(event);
    if (!showing) return nextBanner();
    // A call is waiting: the one on screen keeps at most half its time.
    clearTimeout(bannerTimer);
    bannerTimer = setTimeout(nextBanner, Math.max(0, shownAt + BANNER_MS / 2 - Date.now()));
  }
  function nextBanner() {
    clearTimeout(bannerTimer);
    showing = pending.shift() || null;
    document.body.classList.toggle("calling", !!showing);
    banner.hidden = !showing;
    if (!showing) return;
    shownAt = Date.now();
    bannerText.textContent = "";
    var parts = format(T.banner, { number: "\u0000", window: "\u0001" }).split(/(\u0000|\u0001)/);
    parts.forEach(function (part) {
      if (part === "\u0000" || part === "\u0001") {
        var b = document.createElement("b");
        b.textContent = part === "\u0000" ? showing.ticketNumber : showing.window;
        bannerText.appendChild(b);
      } else if (part) {
        bannerText.appendChild(document.createTextNode(part));
      }
    });
    chime();
    setTimeout(function () { speak(showing && showing.announcement); speak(showing && showing.announcement); }, 900);
    bannerTimer = setTimeout(nextBanner, pending.length ? BANNER_MS / 2 : BANNER_MS);
  }

  // --- The board. --------------------------------------------------------------------------------------------------
  // Same rule as the server's DisplayState: the ticket's state wins over the window's.
  function stateOf(w) {
    if (w.currentTicket && w.currentTicket.status === "called") return "called";
    if (w.currentTicket && w.currentTicket.status === "serving") return "serving";
    if (w.status === "open") return "idle";
    return w.status;
  }
  function stateLabel(state) { return T["state_" + state] || state; }

  function refreshWindows() {
    return H.api("GET", "/windows").then(function (body) {
      body.windows.forEach(function (w) {
        var card = document.querySelector('.window-card[data-window="' + w.number + '"]');
        if (!card) return;
        var state = stateOf(w);
        card.className = "window-card state-" + state;
        card.dataset.state = state;
        card.querySelector(".window-state").textContent = stateLabel(state);
        card.querySelector(".current-ticket").textContent = w.currentTicket ? w.currentTicket.number : "";
        renderOfficer(card.querySelector(".officer"), w.officer);
        card.querySelector(".post").textContent = w.officer ? w.officer.post : "";
        setPhoto(card, w.officer);
      });
    });
  }

  // Same markup as the server renders: name and badge in their own spans.
  function renderOfficer(element, officer) {
    element.textContent = "";
    if (!officer) return;
    [["officer-name", officer.name], ["officer-badge-label", T.badge], ["officer-badge", officer.badge]].forEach(function (p, i) {
      if (i) element.appendChild(document.createTextNode(" "));
      var span = document.createElement("span");
      span.className = p[0];
      span.textContent = p[1];
      element.appendChild(span);
    });
  }

  // The officer's photo when one was uploaded, otherwise the first character of the name.
  function setPhoto(card, officer) {
    var old = card.querySelector(".photo");
    var next;
    if (officer && officer.photo) {
      if (old.tagName === "IMG" && old.getAttribute("src") === officer.photo) return;
      next = document.createElement("img");
      next.src = officer.photo;
      next.alt = "";
    } else {
      next = document.createElement("div");
      next.setAttribute("aria-hidden", "true");
      next.textContent = officer ? officer.name.charAt(0) : "";
    }
    next.className = "photo";
    old.replaceWith(next);
  }

  function refreshCalls() {
    return H.api("GET", "/calls/latest").then(function (body) {
      var list = document.getElementById("latest-calls");
      list.textContent = "";
      body.calls.slice(0, 6).forEach(function (t) {
        var li = document.createElement("li");
        var b = document.createElement("b");
        b.textContent = t.number;
        var arrow = document.createElement("span");
        arrow.className = "arrow";
        arrow.setAttribute("aria-hidden", "true");
        arrow.textContent = "→";
        var to = document.createElement("span");
        to.className = "to";
        to.textContent = windowName(t.window);
        li.append(b);
        if (t.appointment) {
          var mark = document.createElement("span");
          mark.className = "appointment-mark";
          mark.textContent = T.appointment;
          li.append(" ", mark);
        }
        li.append(" ", arrow, " ", to);
        list.appendChild(li);
      });
    });
  }

  function refresh() {
    return Promise.all([refreshWindows(), refreshCalls()]).catch(function () {});
  }

  function setOffline(isOffline) {
    offline.hidden = !isOffline;
    document.body.classList.toggle("is-offline", isOffline);
  }

  function connect() {
    var source = new EventSource("/api/v1/events");
    source.addEventListener("call", function (e) {
      var event = JSON.parse(e.data);
      if (event.ticketNumber && event.window) announce(event);
      refresh();
    });
    source.addEventListener("ticket", refresh);
    source.addEventListener("window", refresh);
    source.onopen = function () { setOffline(false); refresh(); };
    source.onerror = function () { setOffline(true); };
  }

  function tick() {
    document.getElementById("clock").textContent = H.clock(new Date(), true);
  }
  tick();
  setInterval(tick, 1000);
  // The stream drives updates; a slow poll repairs anything missed while reconnecting.
  setInterval(refresh, 60000);
  connect();
  window.ChuangkouDisplay = { announce: announce };
})();
