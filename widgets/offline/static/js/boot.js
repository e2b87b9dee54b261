/* Start every interactive part of the page. Scripts are deferred, so the page is parsed;
 * a part that fails shows a French sentence in its place and the others still start. */
(function () {
  "use strict";
  const P = (window.Parcours = window.Parcours || {});
  const MOUNTS = {
    figure: P.mountFigure,
    quiz: P.mountQuiz,
    activity: P.mountActivity,
    actors: P.mountActorsMap,
    diagnostic: P.mountDiagnostic,
    results: P.mountResults,
    progress: P.mountProgress,
    explorer: P.mountExplorer,
  };

  P.start = function (root) {
    (root || document).querySelectorAll("[data-parcours]").forEach((element) => {
      const mount = MOUNTS[element.dataset.parcours];
      if (!mount || element.dataset.started) return;
      element.dataset.started = "1";
      try {
        mount(element);
      } catch (error) {
        console.error("parcours:", element.dataset.parcours, error);
        element.insertAdjacentHTML(
          "beforeend",
          P.notice("Cette partie n'a pas pu s'afficher dans ce navigateur. Les autres parties de la page restent utilisables.", false)
        );
      }
    });
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => P.start());
  else P.start();
})();
