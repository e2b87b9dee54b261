/* One idea per screen: a dashboard's sections (a level-2 heading starts one) become screens
 * shown one at a time, named in a tab bar at the top (arrow keys, Home/End; Page Down / Page Up
 * anywhere outside a form control). What comes before the first section is the first screen,
 * named by the page's title. A dashboard without sections is one screen, left as it is. */
(function () {
  "use strict";
  /* Where the content of a screen ends: the bottom of its last shown child. Not the screen's
   * own box: #rendered_cells is as high as the window, whatever it holds. */
  function contentBottom(screen) {
    var bottom = 0;
    Array.prototype.forEach.call(screen.children, function (child) {
      var box = child.getBoundingClientRect();
      if (box.height > 0) bottom = Math.max(bottom, box.bottom);
    });
    return bottom;
  }
  /* Each figure on screen takes the height left under what precedes it and above what
   * follows it in its screen, so a screen never scrolls (the widget redraws on resize). */
  var MIN_HEIGHT = 480;
  function fill() {
    var zoom = ZOOM;
    document.querySelectorAll(".js-plotly-plot").forEach(function (gd) {
      if (gd.offsetParent === null) return;
      var screen = gd.closest(".parcours-screen") || document.getElementById("rendered_cells");
      var box = gd.getBoundingClientRect();
      var after = Math.max(0, contentBottom(screen) - box.bottom);
      /* Where the figure starts with the page scrolled to its top: a figure scrolled up to the
       * top of the window (the live panel's results) has not gained the room it sees then. */
      var root = document.getElementById("rendered_cells");
      var top = box.top + (root ? root.scrollTop * zoom : 0);
      var height = Math.floor((window.innerHeight - top - after) / zoom - 16);
      if (height < MIN_HEIGHT) {
        /* Below the fold of a page that scrolls anyway (the live panel's results): the figure
         * keeps the height its builder gave it, rather than a squeezed one. */
        if (gd.style.height) { gd.style.height = ""; }
        gd.dataset.screenHeight = "own";
        return;
      }
      if (Math.abs(box.height / zoom - height) > 2) gd.style.height = height + "px";
      gd.dataset.screenHeight = String(height); /* the height it is being drawn at (tests wait) */
      if (!gd.parcoursFill && gd.on) {
        gd.parcoursFill = true;
        gd.on("plotly_afterplot", function () {
          var css = parseFloat(gd.style.height);
          if (css && gd._fullLayout && Math.abs(gd._fullLayout.height - css) > 2 && gd._responsiveChartHandler) {
            gd._responsiveChartHandler();
          }
        });
      }
    });
  }
  /* A dashboard is laid out for 1920×1080; a smaller projector (1366×768, the same shape)
   * shows that same screen scaled down (a CSS transform, which plotly.js measures and hovers
   * through; CSS zoom it does not), instead of a screen that no longer fits. Voilà's page
   * scrolls inside #rendered_cells, sized by JupyterLab's layout: it gets the size that,
   * scaled, fills the window. */
  var ZOOM = 1;
  function scale() {
    var root = document.getElementById("rendered_cells");
    if (!root) return;
    ZOOM = Math.min(1, window.innerWidth / 1920, window.innerHeight / 1080);
    if (ZOOM > 0.99) ZOOM = 1;
    root.style.transformOrigin = "0 0";
    root.style.transform = ZOOM < 1 ? "scale(" + ZOOM + ")" : "";
    if (ZOOM < 1) {
      root.style.width = window.innerWidth / ZOOM + "px";
      root.style.height = window.innerHeight / ZOOM + "px";
    }
  }
  scale();
  var pending = 0;
  function later() { clearTimeout(pending); pending = setTimeout(function () { scale(); fill(); }, 60); }
  window.addEventListener("resize", later);
  new MutationObserver(later).observe(document.body, { childList: true, subtree: true });

  function setUp() {
    var cells = Array.prototype.slice.call(document.querySelectorAll("#rendered_cells div[cell-index]"));
    var screens = [];
    cells.forEach(function (cell) {
      var heading = cell.querySelector(".jp-RenderedMarkdown h2");
      if (heading || !screens.length) {
        var h1 = cell.querySelector(".jp-RenderedMarkdown h1");
        var name = heading || h1;
        screens.push({ label: name ? name.textContent.replace(/¶$/, "").trim() : "Accueil", cells: [] });
      }
      screens[screens.length - 1].cells.push(cell);
    });
    if (screens.length < 2) return;
    var bar = document.createElement("div");
    bar.className = "parcours-screens";
    bar.setAttribute("role", "tablist");
    bar.setAttribute("aria-label", "Écrans du tableau de bord");
    var tabs = screens.map(function (screen, index) {
      var tab = document.createElement("button");
      tab.type = "button";
      tab.id = "parcours-ecran-" + index;
      tab.setAttribute("role", "tab");
      tab.textContent = screen.label;
      var panel = document.createElement("section");
      panel.className = "parcours-screen";
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      screen.cells[0].parentNode.insertBefore(panel, screen.cells[0]);
      screen.cells.forEach(function (cell) { panel.appendChild(cell); });
      screen.panel = panel;
      tab.addEventListener("click", function () { show(index, false); });
      bar.appendChild(tab);
      return tab;
    });
    var current = 0;
    function show(index, focus) {
      current = (index + screens.length) % screens.length;
      screens.forEach(function (screen, i) {
        screen.panel.hidden = i !== current;
        tabs[i].setAttribute("aria-selected", String(i === current));
        tabs[i].tabIndex = i === current ? 0 : -1;
      });
      if (focus) tabs[current].focus();
      window.scrollTo(0, 0);
      fill();
    }
    bar.addEventListener("keydown", function (event) {
      var moves = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: screens.length - 1 };
      if (event.key in moves) { event.preventDefault(); show(moves[event.key], true); }
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      if (target.closest && target.closest("input, select, textarea, [contenteditable]")) return;
      if (event.key === "PageDown") { event.preventDefault(); show(current + 1, false); }
      if (event.key === "PageUp") { event.preventDefault(); show(current - 1, false); }
    });
    var first = screens[0].panel;
    first.parentNode.insertBefore(bar, first);
    document.body.classList.add("parcours-has-screens");
    show(0, false);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
