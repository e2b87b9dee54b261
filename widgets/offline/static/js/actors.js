/* The actors map (widgets/ui/actors.py without a kernel): add actors by profile, link them with
 * two lists and a button, remove one; drawn as SVG (widgets/actors.py layout, the geometry of
 * widgets/templates/actors.svg.j2) and saved in this browser as a record of kind "activity". */
(function () {
  "use strict";
  const P = (window.Parcours = window.Parcours || {});
  const E = (text) => P.escape(text);
  const SHORT = ["Collectivités / institutions", "Acteurs économiques", "Associations", "Académiques"];
  let instances = 0;

  /* widgets.actors.map_answers and map_meta. */
  P.actorsAnswers = function (map) {
    const answers = {};
    map.actors.forEach((actor, i) => {
      answers[`acteur_${i + 1}`] = actor.name;
      answers[`acteur_${i + 1}_profil`] = actor.profile;
    });
    map.links.forEach(([a, b], i) => {
      answers[`lien_${i + 1}_de`] = a + 1;
      answers[`lien_${i + 1}_vers`] = b + 1;
    });
    if ((map.note || "").trim()) answers.note = map.note.trim();
    return answers;
  };
  const isolated = (map) => {
    const linked = new Set(map.links.flat());
    return map.actors.map((_, i) => i).filter((i) => !linked.has(i));
  };
  P.actorsMeta = function (map, module) {
    return {
      module,
      actors: map.actors.length,
      links: map.links.length,
      by_profile: [0, 1, 2, 3].map((p) => map.actors.filter((a) => a.profile === p).length),
      isolated: isolated(map).length,
    };
  };
  /* widgets.actors.map_from_answers: the last saved map, read back. */
  P.actorsFromAnswers = function (answers) {
    const map = { actors: [], links: [], note: typeof answers.note === "string" ? answers.note : "" };
    const position = {};
    const numbers = (re) =>
      Object.keys(answers)
        .map((k) => (k.match(re) || [])[1])
        .filter(Boolean)
        .map(Number)
        .sort((a, b) => a - b);
    for (const n of numbers(/^acteur_(\d+)$/)) {
      const name = String(answers[`acteur_${n}`]).split(/\s+/).filter(Boolean).join(" ");
      const profile = answers[`acteur_${n}_profil`];
      if (!name || !Number.isInteger(profile) || profile < 0 || profile > 3) continue;
      if (map.actors.some((a) => a.name.toLowerCase() === name.toLowerCase())) continue;
      position[n] = map.actors.length;
      map.actors.push({ name, profile });
    }
    for (const n of numbers(/^lien_(\d+)_de$/)) {
      const a = position[answers[`lien_${n}_de`]];
      const b = position[answers[`lien_${n}_vers`]];
      if (a === undefined || b === undefined || a === b) continue;
      const pair = [Math.min(a, b), Math.max(a, b)];
      if (!map.links.some((l) => l[0] === pair[0] && l[1] === pair[1])) map.links.push(pair);
    }
    return map;
  };

  P.actorsSvg = svg;
  function svg(map, definition) {
    const g = definition.geometry;
    const rows = [0, 0, 0, 0];
    const boxes = map.actors.map((actor) => {
      const row = rows[actor.profile]++;
      const x = actor.profile * g.column + 8;
      const y = g.top + row * g.row;
      return { x, y, cx: x + (g.column - 16) / 2, cy: y + g.box_height / 2 };
    });
    const height = g.top + Math.max(1, ...rows) * g.row + 8;
    const lonely = new Set(isolated(map));
    const heads = SHORT.map(
      (label, i) => `<text x="${i * g.column + 8}" y="24" font-size="13" font-weight="bold" fill="${definition.colours[i]}">${E(label)}</text>`
    ).join("");
    /* widgets.actors._curve: bent upwards, or sideways within one column. */
    const curve = (p, q) => {
      const mx = (p.cx + q.cx) / 2;
      const my = (p.cy + q.cy) / 2;
      const [cx, cy] = p.cx === q.cx ? [mx + g.column / 2 - 8, my] : [mx, my - Math.min(Math.abs(q.cx - p.cx) / 4, g.bend)];
      return `M ${p.cx} ${p.cy} Q ${cx} ${cy} ${q.cx} ${q.cy}`;
    };
    const lines = map.links
      .map(([a, b]) => `<path d="${curve(boxes[a], boxes[b])}" fill="none" stroke="#404040" stroke-width="2"/>`)
      .join("");
    const rects = map.actors
      .map((actor, i) => {
        const b = boxes[i];
        const colour = definition.colours[actor.profile];
        const alone = lonely.has(i);
        const name = actor.name.length <= 24 ? actor.name : actor.name.slice(0, 23) + "…";
        return (
          `<g><rect x="${b.x}" y="${b.y}" width="${g.column - 16}" height="${g.box_height}" rx="6" fill="${colour}" stroke="${alone ? "#c00000" : colour}" stroke-width="${alone ? 3 : 1}"${alone ? ' stroke-dasharray="5 3"' : ""}/>` +
          `<text x="${b.cx}" y="${b.cy + 5}" font-size="13" fill="#ffffff" text-anchor="middle">${E(name)}</text></g>`
        );
      })
      .join("");
    const label = describe(map, definition);
    return `<svg class="parcours-actors-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${g.width} ${height}" width="100%" role="img" aria-label="${E(label)}"><title>${E(label)}</title>${heads}${lines}${rects}</svg>`;
  }

  /* widgets.templates.actors.actors_text. */
  function describe(map, definition) {
    if (!map.actors.length) return "La carte est vide\u00a0: ajoutez un premier acteur.";
    const parts = definition.profiles
      .map((profile, p) => [profile, map.actors.filter((a) => a.profile === p).map((a) => a.name)])
      .filter(([, names]) => names.length)
      .map(([profile, names]) => `${profile}\u00a0: ${P.joinFr(names)}`);
    let text = parts.join(". ") + ".";
    const links = map.links.map(([a, b]) => `${map.actors[a].name} – ${map.actors[b].name}`);
    if (links.length) text += ` Liens\u00a0: ${P.joinFr(links)}.`;
    const lonely = isolated(map).map((i) => map.actors[i].name);
    if (lonely.length) text += ` Reliés à personne\u00a0: ${P.joinFr(lonely)}.`;
    return text;
  }

  P.mountActorsMap = function (element) {
    const course = P.data().course;
    const definition = course.actors_map;
    const sources = course.sources || {};
    const id = `acteurs${++instances}`;
    const saved = P.results().filter((r) => r.bank_id === definition.id);
    saved.sort((a, b) => (a.created_at < b.created_at ? -1 : 1));
    const map = saved.length ? P.actorsFromAnswers(saved[saved.length - 1].answers) : { actors: [], links: [], note: "" };
    const profiles = definition.profiles.map((p, i) => `<option value="${i}">${E(p)}</option>`).join("");
    element.innerHTML =
      `<h3>${E(definition.title)}</h3>` +
      `<p>Nommez les acteurs de votre territoire que vous connaissez, chacun dans l'un des quatre profils, puis reliez ceux qui travaillent déjà ensemble. Un acteur relié à personne est entouré de tirets rouges\u00a0: c'est peut-être une mise en relation à faire.</p>` +
      `<p><label for="${id}-nom">Acteur</label> <input id="${id}-nom" type="text" placeholder="Nom de l'acteur"> ` +
      `<label for="${id}-profil">Profil</label> <select id="${id}-profil">${profiles}</select> ` +
      `<button type="button" data-action="add">Ajouter l'acteur</button></p>` +
      `<p><label for="${id}-de">Relier</label> <select id="${id}-de" data-role="first"></select> ` +
      `<label for="${id}-vers">et</label> <select id="${id}-vers" data-role="second"></select> ` +
      `<button type="button" data-action="link">Ajouter le lien</button></p>` +
      `<p><label for="${id}-retirer">Retirer</label> <select id="${id}-retirer" data-role="removed"></select> ` +
      `<button type="button" data-action="remove">Retirer l'acteur</button></p>` +
      `<div class="feedback" role="status"></div><div class="drawing"></div>` +
      `<p><strong>Note du binôme (où ces acteurs se rencontrent, les deux à mettre en relation)</strong></p>` +
      `<textarea class="note" rows="3" style="width:95%" aria-label="Note du binôme"></textarea>` +
      `<div class="boutons"><button type="button" class="primaire" data-action="save">Enregistrer la carte</button></div>` +
      `<div class="save-notice"></div>` +
      `<p style="font-size:0.9em;color:#404040">Les quatre profils\u00a0: ${E(sources[definition.source] || definition.source)}</p>`;
    const $ = (selector) => element.querySelector(selector);
    const feedback = $(".feedback");
    $("textarea.note").value = map.note;

    function redraw() {
      const options = map.actors.map((a, i) => `<option value="${i}">${E(a.name)}</option>`).join("");
      for (const role of ["first", "second", "removed"]) $(`select[data-role=${role}]`).innerHTML = `<option value="">—</option>${options}`;
      $(".drawing").innerHTML = svg(map, definition) + `<p style="font-size:0.9em;color:#404040">${E(describe(map, definition))}</p>`;
    }
    redraw();

    $("[data-action=add]").addEventListener("click", () => {
      const input = $(`#${id}-nom`);
      const name = input.value.split(/\s+/).filter(Boolean).join(" ");
      if (!name || map.actors.some((a) => a.name.toLowerCase() === name.toLowerCase())) {
        feedback.innerHTML = P.notice("Donnez un nom à l'acteur\u00a0; deux acteurs ne portent pas le même nom.", false);
        return;
      }
      map.actors.push({ name, profile: Number($(`#${id}-profil`).value) });
      input.value = "";
      feedback.innerHTML = "";
      redraw();
      input.focus();
    });
    $("[data-action=link]").addEventListener("click", () => {
      const a = $("select[data-role=first]").value;
      const b = $("select[data-role=second]").value;
      const pair = [Math.min(Number(a), Number(b)), Math.max(Number(a), Number(b))];
      if (a === "" || b === "" || a === b || map.links.some((l) => l[0] === pair[0] && l[1] === pair[1])) {
        feedback.innerHTML = P.notice("Choisissez deux acteurs différents, pas encore reliés.", false);
        return;
      }
      map.links.push(pair);
      feedback.innerHTML = "";
      redraw();
    });
    $("[data-action=remove]").addEventListener("click", () => {
      const value = $("select[data-role=removed]").value;
      if (value === "") return;
      const index = Number(value);
      const shift = (i) => (i > index ? i - 1 : i);
      map.actors.splice(index, 1);
      map.links = map.links.filter((l) => !l.includes(index)).map(([a, b]) => [shift(a), shift(b)]);
      redraw();
    });
    const notice = $(".save-notice");
    $("[data-action=save]").addEventListener("click", () => {
      map.note = $("textarea.note").value;
      if (!map.actors.length) {
        notice.innerHTML = P.notice("Rien à enregistrer\u00a0: ajoutez au moins un acteur.", false);
        return;
      }
      const record = P.newRecord(definition, "activity", P.actorsAnswers(map), {}, P.actorsMeta(map, definition.module));
      const kept = P.saveResult(record);
      notice.innerHTML = kept
        ? P.notice(`Résultat enregistré le ${P.dateTimeFr(new Date())} dans ce navigateur.`, true)
        : P.notice("Ce navigateur ne garde pas les résultats des pages ouvertes depuis un fichier\u00a0: exportez-les depuis «\u00a0Mes résultats\u00a0» avant de fermer la page.", false);
      element.dispatchEvent(new CustomEvent("parcours:saved", { bubbles: true, detail: record }));
    });
  };
})();
