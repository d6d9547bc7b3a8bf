// Small page behaviours bound from data attributes. They live in a static file rather than in
// onchange/onclick attributes because the Content-Security-Policy refuses inline handlers.
(function () {
  "use strict";
  // A select that sends its form when changed (the sort order of a listing).
  document.querySelectorAll("select[data-auto-submit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // A link that prints the page (the order confirmation).
  document.querySelectorAll("[data-print]").forEach(function (link) {
    link.addEventListener("click", function (event) { event.preventDefault(); window.print(); });
  });
  // A "cancel" link that goes back to the previous page (Oscar's account forms).
  document.querySelectorAll("a[data-history-back]").forEach(function (link) {
    link.addEventListener("click", function (event) { event.preventDefault(); window.history.go(-1); });
  });
})();
