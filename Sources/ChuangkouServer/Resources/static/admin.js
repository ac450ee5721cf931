// Admin: upload an officer's public photo (四公开) straight to the API; the session cookie authenticates.
(function () {
  "use strict";
  document.querySelectorAll("input[data-upload]").forEach(function (input) {
    input.addEventListener("change", function () {
      var file = input.files[0];
      var badge = input.getAttribute("data-upload");
      var message = document.querySelector('[data-message="' + badge + '"]');
      if (!file) return;
      window.Hall.send("/api/v1/officers/" + badge + "/photo", { method: "PUT", headers: { "Content-Type": file.type }, body: file })
        .then(function (r) {
          if (r.status === 204) { location.reload(); return; }
          return r.json().then(function (body) { message.textContent = body.error.message; });
        })
        .catch(function () { message.textContent = "上传失败 / Upload failed"; });
    });
  });
})();
