/* The fragility explorer without a kernel (widgets/offline/explorer.py precomputed every
 * selection): the same four controls as widgets/ui/indices.py; a change rebuilds the figure of
 * the selection from its view's base and patch and redraws it with Plotly.react. */
(function () {
  "use strict";
  const P = (window.Parcours = window.Parcours || {});
  const E = (text) => P.escape(text);
  let instances = 0;

  /* selection_key of widgets/offline/explorer.py. */
  P.selectionKey = function (state) {
    if (state.view === "radar") return `radar|${state.region}|${state.compare}`;
    if (state.view === "map") return `map|${state.indicator}`;
    return `ranking|${state.indicator}|${state.region}`;
  };

  /* The figure of a selection: the page column's, or the phone's (fitted to 360 px: numbered
   * radar axes, the map's colour bar under it) when ``phone`` is true. */
  P.explorerFigure = function (data, state, phone) {
    const selection = data.selections[P.selectionKey(state)];
    if (phone && data.phone_bases) {
      return [P.patched(data.phone_bases[state.view], selection.phone, data.pool), selection];
    }
    return [P.patched(data.bases[state.view], selection.patch, data.pool), selection];
  };

  const options = (pairs, value) =>
    pairs
      .map(([label, code]) => `<option value="${E(code)}"${code === value ? " selected" : ""}>${E(label)}</option>`)
      .join("");

  P.mountExplorer = function (element) {
    const data = P.data().indices;
    const state = Object.assign({}, data.defaults, JSON.parse(element.dataset.options || "{}"));
    const id = `explorateur${++instances}`;
    const tips = { radar: "Profil de la région", map: "Carte des régions", ranking: "Régions classées" };
    const views = data.controls.views
      .map(
        ([label, code]) =>
          `<button type="button" data-view="${E(code)}" title="${E(tips[code] || label)}" aria-pressed="${code === state.view}">${E(label)}</button>`
      )
      .join("");
    element.innerHTML =
      `<div class="controles">` +
      `<label for="${id}-region">Région\u00a0:</label><select id="${id}-region" data-control="region">${options(data.controls.regions, state.region)}</select>` +
      `<span class="comparer"><label for="${id}-compare">Comparer avec\u00a0:</label>` +
      `<select id="${id}-compare" data-control="compare">${options(data.controls.comparisons, state.compare)}</select></span></div>` +
      `<div class="controles vues" role="group" aria-label="Vue">Vue\u00a0: ${views}</div>` +
      `<div class="controles indicateur"><label for="${id}-indicator">Indicateur\u00a0:</label>` +
      `<select id="${id}-indicator" data-control="indicator">${options(data.controls.indicators, state.indicator)}</select></div>` +
      `<div class="statut"></div><div class="figure-plotly figure-explorateur" role="figure"></div><div class="alt"></div>`;
    const $ = (selector) => element.querySelector(selector);
    const figure = $(".figure-explorateur");
    let visible = false;
    let phone = null;
    const narrow = () => figure.clientWidth < P.PHONE_WIDTH;

    function render() {
      $(".comparer").hidden = state.view !== "radar";
      $(".indicateur").hidden = state.view === "radar";
      element.querySelectorAll("[data-view]").forEach((button) => {
        button.setAttribute("aria-pressed", String(button.dataset.view === state.view));
      });
      if (visible) phone = narrow();
      const [built, selection] = P.explorerFigure(data, state, phone);
      $(".statut").innerHTML = selection.status;
      $(".alt").innerHTML = selection.alt;
      figure.setAttribute("aria-label", $(".alt").textContent);
      element.dataset.selection = P.selectionKey(state);
      if (visible) P.draw(figure, built);
    }

    element.addEventListener("change", (event) => {
      const control = event.target.dataset.control;
      if (!control) return;
      state[control] = event.target.value;
      render();
    });
    element.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-view]");
      if (!button) return;
      state.view = button.dataset.view;
      render();
    });
    render();
    P.whenVisible(figure, () => {
      visible = true;
      render();
      /* A phone turned sideways, a window narrowed: the other version once past the width. */
      window.addEventListener("resize", () => {
        if (narrow() !== phone) render();
      });
    });
  };
})();
