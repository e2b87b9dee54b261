// parcours: when the server goes away (a restart, a crash, a laptop put to sleep), say so in
// French on the shared screen and, once the server answers again without this page's kernel,
// reload the page. The live panel shows the session it had (its code is carried in the
// address as ?session=CODE, read by widgets.ui.live.session_in_url), with the answers stored
// meanwhile; other dashboards simply start again.
(function () {
  "use strict";
  var node = document.getElementById("jupyter-config-data");
  var config = node ? JSON.parse(node.textContent || "{}") : {};
  if (!config.kernelId) { return; }
  var INTERVAL_MS = 2000;
  var url = (config.baseUrl || "/") + "api/kernels/" + encodeURIComponent(config.kernelId);
  var token = new URLSearchParams(window.location.search).get("token");
  var headers = token ? { Authorization: "token " + token } : {};
  var banner = null;
  var reloading = false;

  function say(text) {
    if (!banner) {
      banner = document.createElement("div");
      banner.className = "parcours-connection";
      banner.setAttribute("role", "status");
      banner.setAttribute("aria-live", "assertive");
      document.body.appendChild(banner);
    }
    banner.textContent = text;
    banner.hidden = !text;
  }

  function reload() {
    reloading = true;
    say("Le serveur a redémarré : rechargement du tableau de bord…");
    var params = new URLSearchParams(window.location.search);
    var shown = document.querySelector("[data-live-code]");
    if (shown) { params.set("session", shown.getAttribute("data-live-code")); }
    var query = params.toString();
    window.location.replace(window.location.pathname + (query ? "?" + query : ""));
  }

  function check() {
    if (reloading) { return; }
    fetch(url, { headers: headers, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.ok) { say(""); return; }
        // 404: the server no longer knows this page's kernel; 401/403: it no longer knows
        // this browser's login (a new server). Anything else is a passing failure.
        if ([401, 403, 404].indexOf(response.status) >= 0) { reload(); return; }
        say("Le serveur ne répond pas normalement — nouvel essai toutes les 2 secondes…");
      })
      .catch(function () {
        say("Connexion au serveur perdue — nouvel essai toutes les 2 secondes…");
      });
  }

  // Leaving the page (closed, reloaded, another address) shuts its kernel down (Voilà's unload
  // request): the check must not take that for a lost server and start a navigation of its own.
  window.addEventListener("beforeunload", function () { reloading = true; });
  window.addEventListener("pageshow", function (event) { if (event.persisted) { reloading = false; } });

  window.setInterval(check, INTERVAL_MS);
})();
