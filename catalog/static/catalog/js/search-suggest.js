// Suggestions under the header search box, from /search/suggest (products, producers, GIs).
// Plain JS, served locally: the box still works as an ordinary form without it.
(function () {
  "use strict";
  var input = document.getElementById("id_q");
  if (!input || !window.fetch) { return; }
  var list = document.createElement("ul");
  list.id = "search-suggestions";
  list.className = "search-suggestions list-unstyled";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  input.setAttribute("autocomplete", "off");
  input.setAttribute("aria-controls", list.id);
  input.parentNode.appendChild(list);
  var kinds = { product: "", producer: "Nhà sản xuất: ", gi: "Chỉ dẫn địa lý: " };
  var timer = null, last = "";

  function show(items) {
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = item.url;
      a.textContent = (kinds[item.kind] || "") + item.label;
      li.setAttribute("role", "option");
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) { show([]); return; }
    timer = setTimeout(function () {
      if (q === last) { return; }
      last = q;
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (data.q === input.value.trim()) { show(data.suggestions); } })
        .catch(function () { show([]); });
    }, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { show([]); }
  });
  document.addEventListener("click", function (event) {
    if (!list.contains(event.target) && event.target !== input) { show([]); }
  });
})();
