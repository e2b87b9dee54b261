/* Figures: a base plus a patch (widgets/offline/patches.py), static figures, and the profile.
 *
 * The profile of a self-diagnostic is the one figure computed in the browser. Its empty base
 * comes from widgets.figures.profile.profile_figure; profileUpdates() reproduces
 * profile_trace_updates and profile_layout_updates of that module, and the parity test
 * compares both outputs for the same answers.
 */
(function () {
  "use strict";
  const P = (window.Parcours = window.Parcours || {});
  const SCORE_MAX = 100;
  const NO_ANSWER = "sans réponse";
  /* widgets.figures.toolbar.plotly_config, written ahead of this script by the export: one
   * button (« Télécharger l'image »), French words, no logo nor external link. */
  const CONFIG = window.PARCOURS_PLOTLY_CONFIG || { responsive: true, displaylogo: false };

  const clone = (value) => JSON.parse(JSON.stringify(value));
  const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

  /* apply_patch of widgets/offline/patches.py. */
  P.patched = function (base, patch, pool) {
    let result = clone(base);
    for (const [path, raw] of patch) {
      let value = isObject(raw) && Object.keys(raw).length === 1 && "$p" in raw ? pool[raw.$p] : raw;
      if (!path.length) {
        result = clone(value);
        continue;
      }
      let parent = result;
      for (const key of path.slice(0, -1)) parent = parent[key];
      const last = path[path.length - 1];
      if (isObject(value) && value.$del === 1 && Object.keys(value).length === 1) delete parent[last];
      else parent[last] = clone(value);
    }
    return result;
  };

  P.draw = function (element, figure) {
    P.withPlotly((Plotly) => {
      Plotly.react(element, figure.data || [], figure.layout || {}, CONFIG);
      element.dataset.drawn = "1";
    });
  };

  /* A figure with a phone version (widgets.figures.fit) draws that one on a narrow page. */
  const PHONE_WIDTH = (P.PHONE_WIDTH = 560);
  P.mountFigure = function (element) {
    const read = (name) => {
      const holder = element.parentElement.querySelector(`script.${name}`);
      return holder ? JSON.parse(holder.textContent) : null;
    };
    const figure = read("figure-data");
    const phone = read("figure-phone");
    const pick = () => (phone && element.clientWidth < PHONE_WIDTH ? phone : figure);
    P.whenVisible(element, () => {
      let shown = pick();
      P.draw(element, shown);
      if (phone) {
        window.addEventListener("resize", () => {
          if (pick() !== shown) P.draw(element, (shown = pick()));
        });
      }
    });
  };

  /* -- the profile (widgets/figures/profile.py) -------------------------------------------- */

  function captionAnnotation(text, offset, width) {
    const wrapped = text
      .split("\n")
      .filter((line) => line)
      .map((line) => P.wrapText(line, width))
      .join("<br>");
    return {
      name: "caption",
      text: wrapped,
      xref: "paper",
      yref: "paper",
      x: 0,
      y: 0,
      xanchor: "left",
      yanchor: "top",
      yshift: -offset,
      align: "left",
      showarrow: false,
      font: { size: 20, color: "#333333" },
    };
  }
  const captionMargin = (annotation) =>
    Math.trunc(-annotation.yshift + (annotation.text.split("<br>").length) * 28 + 24);

  const number = (value) =>
    typeof value === "number" && Number.isFinite(value) ? value : null;
  const scoreText = (score) => (score === null ? NO_ANSWER : `${P.formatNumber(score, 0)} / ${SCORE_MAX}`);

  function axisLabels(result, profile) {
    const labels = [];
    for (const axis of result.axes) {
      let label = profile.labels[axis.axis][axis.score === null ? 1 : 0];
      while (labels.includes(label)) label += "\u200b";
      labels.push(label);
    }
    return labels;
  }

  function resultHover(result) {
    return result.axes.map((axis) => {
      if (axis.score === null) return `<b>${P.plain(axis.label)}</b><br>Aucune réponse sur cet axe`;
      const answers = `${axis.answered} réponse${axis.answered > 1 ? "s" : ""} sur ${axis.total}`;
      const stage = axis.stage ? `<br>Palier\u00a0: ${P.plain(axis.stage)}` : "";
      return `<b>${P.plain(axis.label)}</b><br>Votre score\u00a0: ${scoreText(axis.score)}${stage}<br>${answers}`;
    });
  }

  function trace(style, scores, labels, hover, name) {
    if (style === "radar") {
      return {
        r: scores.concat([scores[0]]),
        theta: labels.concat([labels[0]]),
        hovertext: hover.concat([hover[0]]),
        name,
        visible: true,
      };
    }
    return {
      x: scores.slice(),
      y: labels.slice(),
      text: scores.map((s) => (s === null ? "" : P.formatNumber(s, 0))),
      hovertext: hover,
      name,
      visible: true,
    };
  }

  const hidden = (style) =>
    style === "radar"
      ? { r: [], theta: [], hovertext: [], name: "", visible: false }
      : { x: [], y: [], text: [], hovertext: [], name: "", visible: false };

  /* [trace updates, layout updates] for a result and optional overlays {axis: score}. */
  P.profileUpdates = function (result, profile, options) {
    const opts = options || {};
    const style = profile.style;
    const names = profile.names;
    const labels = axisLabels(result, profile);
    const own = result.axes.map((axis) => axis.score);
    const traces = [trace(style, own, labels, resultHover(result), names.result)];
    const shown = [names.result];
    for (const [role, overlay, label] of [
      ["earlier", opts.earlier, opts.earlierLabel],
      ["group", opts.group, opts.groupLabel],
    ]) {
      if (overlay === null || overlay === undefined) {
        traces.push(hidden(style));
        continue;
      }
      const name = label || names[role];
      shown.push(name);
      const scores = result.axes.map((axis) => number(overlay[axis.axis]));
      const hover = result.axes.map(
        (axis, i) => `<b>${P.plain(axis.label)}</b><br>${P.plain(name)}\u00a0: ${scoreText(scores[i])}`
      );
      traces.push(trace(style, scores, labels, hover, P.plain(name)));
    }
    const lines = [
      "Score de chaque axe\u00a0: moyenne de vos réponses, ramenée de 0 (bas de l'échelle) " +
        `à ${SCORE_MAX} (haut de l'échelle).`,
    ];
    if (result.partial) {
      lines.push(
        `Profil calculé sur ${result.answered} réponses sur ${result.total}\u00a0: ` +
          "les questions sans réponse ne comptent pas."
      );
    }
    const empty = result.axes.filter((axis) => axis.score === null).map((axis) => axis.label);
    if (empty.length) lines.push(`Aucune réponse, donc pas de score, pour\u00a0: ${P.joinFr(empty)}.`);
    const annotation = captionAnnotation(lines.join("\n"), 90, 80);
    const count = result.partial ? `${result.answered} réponses sur ${result.total}` : `${result.total} réponses`;
    const subtitle = [opts.title, `score de 0 à ${SCORE_MAX} par axe`, count].filter((part) => part).join(" · ");
    const layout = {
      title: { text: "Votre profil", subtitle: { text: P.wrapText(subtitle, 70, 2) } },
      annotations: [annotation],
      margin: { b: captionMargin(annotation) },
      showlegend: shown.length > 1,
      meta: {
        kind: "profile",
        style,
        bank_id: result.bank_id,
        bank_version: result.bank_version,
        title: opts.title === undefined ? null : opts.title,
        axes: result.axes.map((axis) => axis.axis),
        labels: result.axes.map((axis) => axis.label),
        scores: own,
        stages: result.axes.map((axis) => axis.stage),
        answered: result.answered,
        total: result.total,
        partial: result.partial,
        overlays: shown.slice(1),
        earlier: opts.earlier !== null && opts.earlier !== undefined,
        group: opts.group !== null && opts.group !== undefined,
      },
    };
    return [traces, layout];
  };

  /* plotly.py's update(): objects merged key by key, anything else (and meta) replaced. */
  function merge(target, update) {
    for (const [key, value] of Object.entries(update)) {
      if (isObject(value) && isObject(target[key]) && key !== "meta") merge(target[key], value);
      else target[key] = clone(value);
    }
    return target;
  }

  P.profileFigure = function (result, profile, options) {
    const [traces, layout] = P.profileUpdates(result, profile, options);
    const figure = clone(profile.base);
    figure.data.forEach((data, index) => merge(data, traces[index]));
    merge(figure.layout, layout);
    return figure;
  };

  /* widgets.figures.profile.describe_profile. */
  P.describeProfile = function (figure) {
    const meta = figure.layout.meta;
    const parts = meta.labels.map((label, i) =>
      meta.scores[i] !== null ? `${label} ${P.formatNumber(meta.scores[i], 0)}` : `${label} ${NO_ANSWER}`
    );
    const name = meta.title ? ` «\u00a0${meta.title}\u00a0»` : "";
    let text = `Profil${name} sur ${parts.length} axes, de 0 à ${SCORE_MAX}\u00a0: ${P.joinFr(parts)}`;
    if (meta.partial) text += `\u00a0; calculé sur ${meta.answered} réponses sur ${meta.total}`;
    if (meta.overlays.length) text += `\u00a0; comparé à\u00a0: ${P.joinFr(meta.overlays)}`;
    return text + ".";
  };
})();
