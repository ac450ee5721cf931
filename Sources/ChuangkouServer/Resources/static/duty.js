// The duty leader's console: every few seconds asks for the escalations open for this leader and reloads the page
// when one appears that it does not show yet, so a window's call reaches the leader without a manual refresh (a
// resolution being typed is never lost to a reload: only a new escalation reloads).
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
    }).catch(function () { /* offline for a moment: the next check tries again */ });
  }
  setInterval(check, 3000);
})();
