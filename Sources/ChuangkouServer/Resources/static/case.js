// The case pages: each form posts JSON to /api/v1 with the console's session cookie and reloads (or opens the case).
(function () {
  "use strict";
  // The page's words, from the page's JSON data (hall.js).
  var T = window.Hall.t;
  var message = document.getElementById("case-message");
  function say(text) { if (message) message.textContent = text; }
  function api(method, path, body) {
    return window.Hall.send("/api/v1" + path, {
      method: method,
      headers: { "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (json) {
        if (!r.ok) throw new Error((json.error && json.error.message) || ((T.failed || "") + " " + r.status));
        return json;
      });
    });
  }
  function on(id, handler) {
    var form = document.getElementById(id);
    if (!form) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      say("");
      handler(form).then(function (result) {
        if (result && result.id && id === "case-new") { location.href = "/cases/" + result.id; return; }
        if (result && result.issued && result.issued.length) { sessionStorage.setItem("issued", JSON.stringify(result.issued)); }
        location.reload();
      }).catch(function (error) { say(error.message); });
    });
  }
  function value(form, name) { var field = form.elements[name]; return field ? field.value.trim() : ""; }

  // New case: choosing the business reloads the form with its fields, keeping the ticket.
  var business = document.getElementById("business");
  if (business) {
    business.addEventListener("change", function () {
      var ticket = business.form.dataset.ticket, inquiry = business.form.dataset.inquiry, visit = business.form.dataset.visit;
      location.search = "?business=" + encodeURIComponent(business.value) + (ticket ? "&ticket=" + encodeURIComponent(ticket) : "") +
        (inquiry ? "&inquiry=" + encodeURIComponent(inquiry) : "") + (visit ? "&visit=" + encodeURIComponent(visit) : "");
    });
  }
  var kind = document.getElementById("applicant-kind");
  function showKind() {
    if (!kind) return;
    document.querySelectorAll(".person-only").forEach(function (e) { e.hidden = kind.value !== "person"; });
    document.querySelectorAll(".organisation-only").forEach(function (e) { e.hidden = kind.value !== "organisation"; });
  }
  if (kind) { kind.addEventListener("change", showKind); showKind(); }
  on("case-new", function (form) {
    var applicant = { kind: value(form, "kind"), name: value(form, "name") };
    if (applicant.kind === "person") {
      applicant.idNumber = value(form, "idNumber");
      applicant.phone = value(form, "phone");
    } else {
      applicant.creditCode = value(form, "creditCode");
      applicant.legalRepresentative = value(form, "legalRepresentative");
      applicant.agent = { name: value(form, "agentName"), idNumber: value(form, "agentIdNumber"), phone: value(form, "agentPhone"),
        authorisationSeen: form.elements.authorisationSeen.checked };
    }
    var fields = {};
    form.querySelectorAll(".business-field").forEach(function (input) { fields[input.name] = input.value.trim(); });
    var body = { business: value(form, "business"), applicant: applicant, fields: fields };
    if (form.dataset.ticket) body.ticket = form.dataset.ticket;
    if (form.dataset.inquiry) body.inquiry = form.dataset.inquiry;
    if (form.dataset.visit) body.visit = form.dataset.visit;
    return api("POST", "/cases", body);
  });

  // The case.
  var id = document.body.dataset.case;
  if (!id) return;
  document.querySelectorAll("#checklist tr[data-index]").forEach(function (row) {
    var state = row.querySelector(".m-state");
    var shown = row.querySelector("td[class^=state-]");
    if (state && shown) state.value = shown.className.replace("state-", "") === "unchecked" ? "provided" : shown.className.replace("state-", "");
  });
  on("checklist", function (form) {
    var items = [];
    var unexplained = null;
    form.querySelectorAll("tr[data-index]").forEach(function (row) {
      var item = { index: Number(row.dataset.index), state: row.querySelector(".m-state").value,
        originals: Number(row.querySelector(".m-originals").value), copies: Number(row.querySelector(".m-copies").value),
        reason: row.querySelector(".m-reason").value.trim() };
      // A defect must be described, and a material that does not apply needs the reason why (it will be on no notice).
      if ((item.state === "defective" || item.state === "notApplicable") && !item.reason && unexplained === null) unexplained = item.index + 1;
      items.push(item);
    });
    if (unexplained !== null) return Promise.reject(new Error((T.reasonNeeded || "") + " #" + unexplained));
    return api("PUT", "/cases/" + id + "/checklist", { items: items });
  });
  on("intake", function (form) {
    var body = { commitmentSigned: form.elements.commitmentSigned.checked };
    if (value(form, "supplementDue")) body.supplementDue = value(form, "supplementDue");
    return api("POST", "/cases/" + id + "/intake", body);
  });
  on("refuse", function (form) {
    var basis = value(form, "legalBasis");
    return api("POST", "/cases/" + id + "/intake", { refuse: { reason: value(form, "reason"), legalBasis: basis ? [basis] : [] } });
  });
  on("supplements", function (form) {
    var items = [];
    form.querySelectorAll("input[name=item]:checked").forEach(function (box) { items.push(Number(box.value)); });
    return api("POST", "/cases/" + id + "/supplements", { items: items });
  });
  on("request-item", function (form) {
    return api("POST", "/cases/" + id + "/requests", { index: Number(value(form, "number")) - 1 });
  });
  on("correction", function (form) {
    return api("POST", "/cases/" + id + "/corrections",
      { items: [{ index: Number(value(form, "number")) - 1, problem: "missing" }], reason: value(form, "reason") });
  });
  on("step", function (form) {
    return api("POST", "/cases/" + id + "/steps/" + form.dataset.position,
      { opinion: value(form, "opinion"), approve: form.elements.approve.checked });
  });
  on("decision", function (form) {
    var body = { grant: form.querySelector("input[name=grant]:checked").value === "true" };
    if (value(form, "reason")) body.reason = value(form, "reason");
    return api("POST", "/cases/" + id + "/decision", body);
  });
  on("delivery", function (form) {
    var body = { method: value(form, "method"), address: value(form, "address") || undefined,
      mobilityImpaired: form.elements.mobilityImpaired.checked };
    if (body.method === "proxy") body.proxy = { name: value(form, "proxyName"), idNumber: value(form, "proxyIdNumber") };
    return api("POST", "/cases/" + id + "/delivery", body);
  });
})();
