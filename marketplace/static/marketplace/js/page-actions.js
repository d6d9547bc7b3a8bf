// Small page behaviours bound from data attributes. They live in a static file rather than in
// onchange/onclick attributes because the Content-Security-Policy refuses inline handlers.
(function () {
  "use strict";
  // Included by several templates of one page: bind once.
  if (window.marketplacePageActions) { return; }
  window.marketplacePageActions = true;
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
  // Oscar's photo widget: a chosen photo's preview hides the upload button (load and error do not
  // bubble, so they are caught on the way down, which also covers forms added later).
  document.addEventListener("load", function (event) {
    var button = event.target.dataset && document.getElementById(event.target.dataset.uploadButton || "");
    if (button) { button.style.display = "none"; }
  }, true);
  document.addEventListener("error", function (event) {
    var target = event.target;
    var button = target.dataset && document.getElementById(target.dataset.uploadButton || "");
    if (button && target.getAttribute("src")) {
      button.style.display = "";
      window.alert(target.dataset.uploadError);
    }
  }, true);
})();
