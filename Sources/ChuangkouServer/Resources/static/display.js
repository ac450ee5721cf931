// Public display: follows the hall's event stream, updates window cards and recent calls, and speaks each call.
(function () {
  "use strict";
  var soundOn = false;
  var soundButton = document.getElementById("enable-sound");
  var offline = document.getElementById("offline");

  // Browsers only allow speech after a user gesture; a wall display is tapped once when switched on.
  soundButton.addEventListener("click", function () {
    soundOn = true;
    soundButton.hidden = true;
    speak("语音播报已开启");
  });

  function speak(text) {
    if (!soundOn || !window.speechSynthesis) return;
    var u = new SpeechSynthesisUtterance(text);
    u.lang = "zh-CN";
    u.rate = 0.9;
    window.speechSynthesis.speak(u);
  }

  function refreshWindows() {
    return fetch("/api/v1/windows").then(function (r) { return r.json(); }).then(function (body) {
      body.windows.forEach(function (w) {
        var card = document.querySelector('.window-card[data-window="' + w.number + '"]');
        if (!card) return;
        card.className = "window-card status-" + w.status;
        card.querySelector(".window-status").textContent = LABELS.window[w.status] || w.status;
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
    var name = document.createElement("span");
    name.className = "officer-name";
    name.textContent = officer.name;
    var badge = document.createElement("span");
    badge.className = "officer-badge";
    badge.textContent = officer.badge;
    element.appendChild(name);
    element.appendChild(document.createTextNode(" · " + T.badge + " "));
    element.appendChild(badge);
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
    return fetch("/api/v1/calls/latest").then(function (r) { return r.json(); }).then(function (body) {
      var list = document.getElementById("latest-calls");
      list.textContent = "";
      body.calls.slice(0, 8).forEach(function (t) {
        var li = document.createElement("li");
        var b = document.createElement("b");
        b.textContent = t.number;
        li.appendChild(b);
        li.appendChild(document.createTextNode(" → " + t.window + "号" + T.window));
        list.appendChild(li);
      });
    });
  }

  function refresh() {
    return Promise.all([refreshWindows(), refreshCalls()]).catch(function () {});
  }

  function connect() {
    var source = new EventSource("/api/v1/events");
    source.addEventListener("call", function (e) {
      var event = JSON.parse(e.data);
      refresh().then(function () {
        var card = document.querySelector('.window-card[data-window="' + event.window + '"]');
        if (card) {
          card.classList.add("flash");
          setTimeout(function () { card.classList.remove("flash"); }, 4000);
        }
      });
      if (event.announcement) {
        speak(event.announcement);
        speak(event.announcement);
      }
    });
    source.addEventListener("ticket", refresh);
    source.addEventListener("window", refresh);
    source.onopen = function () { offline.hidden = true; refresh(); };
    source.onerror = function () { offline.hidden = false; };
  }

  function tick() {
    var options = { timeZone: HALL.timeZone, hour12: false, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" };
    try {
      document.getElementById("clock").textContent = new Date().toLocaleString(HALL.lang, options);
    } catch (e) {
      document.getElementById("clock").textContent = new Date().toLocaleString();
    }
  }
  tick();
  setInterval(tick, 1000);
  // The stream drives updates; a slow poll repairs anything missed while reconnecting.
  setInterval(refresh, 60000);
  connect();
})();
