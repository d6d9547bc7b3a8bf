// Polls the import's progress endpoint and moves the bar; reloads the page when the import is over
// (the page without JavaScript refreshes itself instead).
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box) return;
  var bar = box.querySelector("progress");
  var text = document.getElementById("import-progress-text");
  var status = document.getElementById("import-status");

  function poll() {
    fetch(box.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (job) {
        if (job.finished) { window.location.reload(); return; }
        bar.value = job.percent;
        bar.textContent = job.percent + "%";
        text.textContent = "Đã nhập " + job.done + "/" + job.total + " dòng.";
        status.textContent = job.status_display;
        window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
