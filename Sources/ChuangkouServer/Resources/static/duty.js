// The duty leader's console: listens to the hall's event stream and, when a window calls a leader (an `escalation`
// event), asks for the escalations open for this leader and reloads the page if one appears that it does not show yet.
// A resolution being typed is never lost to a reload: only a new escalation reloads. On (re)connecting it checks once,
// so an escalation made while the stream was down is not missed; a slow check every minute repairs anything else.
(function () {
  "use strict";
  var H = window.Hall;
  function shown() {
    var ids = {};
    document.querySelectorAll("[data-incident]").forEach(function (el) { ids[el.getAttribute("data-incident")] = true; });
    return ids;
  }
  function check() {
    H.api("GET", "/incidents?open=true&mine=true").then(function (body) {
      var ids = shown();
      var fresh = (body.incidents || []).some(function (incident) { return !ids[incident.id]; });
      if (fresh) window.location.reload();
    }).catch(function () { /* offline for a moment: the next event or check tries again */ });
  }
  if (window.EventSource) {
    var source = new EventSource("/api/v1/events");
    source.addEventListener("escalation", function (e) {
      var event = {};
      try { event = JSON.parse(e.data); } catch (err) { event = {}; }
      if (event.action === "escalate") check();
    });
    source.onopen = check;
  }
  setInterval(check, 60000);
})();
