// Dependent selects: choosing a province loads its communes and wards from the places endpoint.
// Used by every form with a `[data-communes-url]` block holding a province and a commune select.
// Without this script the forms still work: the server lists the chosen province's communes and
// refuses a commune from another province with a clear message.
(function () {
    "use strict";
    document.querySelectorAll("[data-communes-url]").forEach(function (place) {
        var province = place.querySelector("select[name$=province]");
        var commune = place.querySelector("select[name$=commune]");
        if (!province || !commune) { return; }
        var placeholder = commune.options.length ? commune.options[0].text : "";

        function fill(communes, keep) {
            commune.options.length = 0;
            commune.add(new Option(placeholder, ""));
            communes.forEach(function (item) {
                commune.add(new Option(item.name, String(item.code), false, String(item.code) === keep));
            });
            commune.disabled = false;
        }

        province.addEventListener("change", function () {
            var keep = commune.value;
            if (!province.value) { fill([], ""); return; }
            commune.disabled = true;
            var url = place.getAttribute("data-communes-url") + "?tinh=" + encodeURIComponent(province.value);
            fetch(url, { headers: { "Accept": "application/json" } })
                .then(function (response) {
                    if (!response.ok) { throw new Error(response.status); }
                    return response.json();
                })
                .then(function (data) { fill(data.communes, keep); })
                // On a network error leave the list as it was: the server still checks the pair.
                .catch(function () { commune.disabled = false; });
        });
    });
})();
