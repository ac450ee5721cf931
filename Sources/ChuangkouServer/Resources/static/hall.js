// Shared by every page. Pages carry their data as JSON (#page-data) and their CSRF token in a meta tag, so no page
// needs inline code under `Content-Security-Policy: script-src 'self'`.
(function () {
  "use strict";
  var data = {};
  try { data = JSON.parse(document.getElementById("page-data").textContent) || {}; } catch (e) { data = {}; }
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute("content") : "";

  // fetch() with the session cookie and, on anything that changes state, the X-CSRF-Token header.
  function send(url, options) {
    options = options || {};
    var method = (options.method || "GET").toUpperCase();
    var headers = options.headers || {};
    if (method !== "GET" && method !== "HEAD" && csrf) headers["X-CSRF-Token"] = csrf;
    options.headers = headers;
    options.credentials = "same-origin";
    return fetch(url, options);
  }

  // The JSON API: resolves with the body (null for 204), rejects with the API's error object.
  function api(method, path, body) {
    var options = { method: method };
    if (body !== undefined) {
      options.headers = { "Content-Type": "application/json" };
      options.body = JSON.stringify(body);
    }
    return send("/api/v1" + path, options).then(function (r) {
      if (r.status === 204) return null;
      return r.json().catch(function () { return {}; }).then(function (json) {
        if (!r.ok) throw json.error || { message: "HTTP " + r.status };
        return json;
      });
    });
  }

  // The API's message in the page's language.
  function message(error) {
    if (!error) return "";
    if (data.lang === "en") return error.messageEnglish || error.message || "";
    return error.messageChinese || error.message || "";
  }

  // Hall time, whatever zone the device is set to.
  function clock(date, withDate) {
    var options = { timeZone: data.timeZone, hour12: false, hour: "2-digit", minute: "2-digit" };
    if (withDate) { options.year = "numeric"; options.month = "2-digit"; options.day = "2-digit"; }
    try { return date.toLocaleString(data.lang || "zh-CN", options); } catch (e) { return date.toLocaleString(); }
  }

  // Every form that posts carries the token too (server-rendered forms have it already; this covers added ones).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!csrf || !form || (form.method || "").toLowerCase() !== "post" || form.elements.csrf_token) return;
    var field = document.createElement("input");
    field.type = "hidden";
    field.name = "csrf_token";
    field.value = csrf;
    form.appendChild(field);
  }, true);

  // Print buttons: <button data-print>.
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-print]") : null;
    if (target) window.print();
  });

  window.Hall = { data: data, t: data.t || {}, labels: data.labels || {}, csrf: csrf, send: send, api: api, message: message, clock: clock };
})();
