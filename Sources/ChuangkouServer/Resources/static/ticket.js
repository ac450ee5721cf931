// Citizen's ticket page: reload when the hall's state changes, so position and calls show without tapping.
(function () {
  "use strict";
  var pending = null;
  function reload() {
    if (pending) return;
    pending = setTimeout(function () { location.reload(); }, 1500);
  }
  if (window.EventSource) {
    var s = new EventSource("/api/v1/events");
    s.addEventListener("call", reload);
    s.addEventListener("ticket", reload);
  }
  setInterval(function () { location.reload(); }, 60000);
})();
