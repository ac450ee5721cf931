// Officer console: window chooser, then the working view. All actions go through the JSON API with the session cookie.
(function () {
  "use strict";
  var T = window.Hall.t, LABELS = window.Hall.labels;
  var windowNumber = document.body.dataset.window;
  var message = document.getElementById("console-message");
  var current = null;

  function api(method, path, body) {
    return window.Hall.send("/api/v1" + path, {
      method: method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined
    }).then(function (r) {
      if (r.status === 204) return null;
      return r.json().then(function (json) {
        if (!r.ok) throw json.error || { message: "HTTP " + r.status };
        return json;
      });
    });
  }

  function say(text) { if (message) message.textContent = text || ""; }
  function fail(error) {
    var lang = document.documentElement.lang;
    say(lang === "en" ? (error.messageEnglish || error.message) : (error.messageChinese || error.message));
  }

  document.querySelectorAll("button.choice[data-window]").forEach(function (b) {
    b.addEventListener("click", function () {
      api("POST", "/windows/" + b.dataset.window + "/sign-in").then(function () { location.reload(); }).catch(function (e) { alert(e.message); });
    });
  });
  if (!windowNumber) return;

  function render(queue) {
    var w = queue.window;
    current = w.currentTicket;
    document.getElementById("window-status").textContent = LABELS.window[w.status] || w.status;
    document.getElementById("current-ticket").textContent = current ? current.number : T.none;
    document.getElementById("current-status").textContent = current ? (LABELS.ticket[current.status] || current.status) : "";
    // The intake form for the called ticket (受理登记).
    var openCase = document.getElementById("open-case");
    openCase.hidden = !current;
    if (current) openCase.href = "/cases/new?ticket=" + current.id;
    var list = document.getElementById("queue-list");
    list.textContent = "";
    if (queue.waiting.length === 0) {
      var empty = document.createElement("li");
      empty.className = "empty";
      empty.textContent = T.emptyQueue;
      list.appendChild(empty);
    }
    queue.waiting.forEach(function (t) {
      var li = document.createElement("li");
      li.textContent = t.number + (t.greenChannel ? " ★" : "") + " ";
      var call = document.createElement("button");
      call.type = "button";
      call.textContent = T.callThis;
      call.addEventListener("click", function () {
        var reason = prompt(T.reason);
        if (!reason) return;
        act(api("POST", "/windows/" + windowNumber + "/call", { ticket: t.id, reason: reason }));
      });
      li.appendChild(call);
      list.appendChild(li);
    });
  }

  function refresh() {
    return api("GET", "/windows/" + windowNumber + "/queue").then(render).catch(fail);
  }

  function act(promise) {
    return promise.then(function (result) { say(""); return result; }).catch(fail).then(refresh);
  }

  function onCurrent(action, body) {
    if (!current) return say(T.none);
    act(api("POST", "/tickets/" + current.id + "/" + action, body));
  }

  document.getElementById("call-next").addEventListener("click", function () {
    api("POST", "/windows/" + windowNumber + "/call-next").then(function (t) {
      say(t ? "" : T.nothingWaiting);
    }).catch(fail).then(refresh);
  });
  document.getElementById("recall").addEventListener("click", function () { onCurrent("recall"); });
  document.getElementById("start").addEventListener("click", function () { onCurrent("start"); });
  document.getElementById("finish").addEventListener("click", function () { onCurrent("finish"); });
  document.getElementById("no-show").addEventListener("click", function () { onCurrent("no-show"); });
  document.getElementById("transfer").addEventListener("click", function () {
    onCurrent("transfer", { business: document.getElementById("transfer-business").value });
  });
  document.getElementById("pause").addEventListener("click", function () { act(api("POST", "/windows/" + windowNumber + "/pause")); });
  document.getElementById("resume").addEventListener("click", function () { act(api("POST", "/windows/" + windowNumber + "/resume")); });
  document.getElementById("leave").addEventListener("click", function () {
    api("POST", "/windows/" + windowNumber + "/sign-out").then(function () { location.reload(); }).catch(fail);
  });

  if (window.EventSource) {
    var s = new EventSource("/api/v1/events");
    s.addEventListener("ticket", refresh);
    s.addEventListener("call", refresh);
    s.addEventListener("window", refresh);
  }
  refresh();
})();
