// The officer's own alerts on the console (issue 15): deadline warnings, escalations, assignments, with the unread
// count. Fetched on load, whenever the hall's event stream says an alert was written (`alert`, which names nobody),
// on every (re)connect of the stream (so nothing written while it was down is missed) and once a minute.
// Marking read goes through the JSON API. The console's own script shares the one event stream (Hall.events).
(function () {
  "use strict";
  var H = window.Hall, T = H.t;
  var box = document.getElementById("inbox");
  if (!box) return;
  var list = document.getElementById("inbox-list");
  var count = document.getElementById("inbox-unread");
  var empty = document.getElementById("inbox-empty");
  var allRead = document.getElementById("inbox-read-all");
  var pending = null;

  function item(m) {
    var li = document.createElement("li");
    li.className = "inbox-item" + (m.read ? " read" : " unread");
    li.setAttribute("data-message", m.id);
    // An alert about a page (an on-site visit) opens it; the others are words only.
    var subject = document.createElement(m.link ? "a" : "span");
    subject.className = "inbox-subject";
    subject.textContent = m.subject;
    if (m.link) subject.href = m.link;
    var time = document.createElement("small");
    time.textContent = H.clock(new Date(m.createdAt), true);
    li.appendChild(subject);
    li.appendChild(time);
    if (!m.read) {
      var mark = document.createElement("button");
      mark.type = "button";
      mark.className = "inbox-mark";
      mark.textContent = T.inboxMarkRead || "已读";
      mark.addEventListener("click", function () { H.api("POST", "/notifications/inbox/" + m.id + "/read").then(load, load); });
      li.appendChild(mark);
    }
    return li;
  }

  function render(body) {
    var unread = body.unread || 0, messages = body.messages || [];
    count.textContent = String(unread);
    count.hidden = unread === 0;
    box.classList.toggle("has-unread", unread > 0);
    allRead.disabled = unread === 0;
    list.textContent = "";
    messages.forEach(function (m) { list.appendChild(item(m)); });
    empty.hidden = messages.length > 0;
  }

  function load() {
    H.api("GET", "/notifications/inbox").then(render).catch(function () { /* offline for a moment: the next event tries again */ });
  }
  // A watch run can write many alerts at once: one fetch for the burst.
  function soon() {
    if (pending) return;
    pending = setTimeout(function () { pending = null; load(); }, 300);
  }

  allRead.addEventListener("click", function () { H.api("POST", "/notifications/inbox/read").then(load, load); });
  if (window.EventSource) {
    H.events = H.events || new EventSource("/api/v1/events");
    H.events.addEventListener("alert", soon);
    H.events.addEventListener("open", load);
  }
  load();
  setInterval(load, 60000);
})();
