/* Results kept in this browser, in the parcours-results format (widgets/storage/exchange.py).
 *
 * A result is stored exactly as ResultRecord.to_dict() writes it (id, pseudonym, bank_id,
 * bank_version, kind, created_at, answers, scores, meta), so an export of this browser is a
 * file that widgets.storage.import_json reads, and a file exported from JupyterLab is read
 * back here with the same checks. localStorage may be refused (some browsers do so for pages
 * opened from a file): results are then kept for the page's lifetime and the learner is told
 * to export them.
 */
(function () {
  "use strict";
  const P = (window.Parcours = window.Parcours || {});
  const KEY = "parcours.resultats.v1";
  const PSEUDONYM_KEY = "parcours.pseudonyme";
  const FORMAT = "parcours-results";
  const VERSION = 1;
  let memory = [];

  const LABELS = {
    "file-empty": "fichier vide",
    "json-error": "JSON invalide",
    "format-error": "format de fichier illisible",
    "unsupported-version": "version du format non prise en charge",
    "missing-field": "champ obligatoire manquant",
    "invalid-field": "champ invalide",
    "duplicate-id": "identifiant en double",
  };
  const EXPECTED = {
    id: "un identifiant UUID (32 chiffres hexadécimaux)",
    pseudonym: "un texte non vide",
    bank_id: "un texte non vide",
    bank_version: "un texte ou un entier",
    kind: "diagnostic, quiz, poll ou activity",
    created_at: "une date ISO 8601 avec fuseau, p. ex. 2025-03-01T09:30:00Z",
    answers: "un objet {question: entier ou texte}",
    "answers.*": "un entier ou un texte",
    scores: "un objet {axe: nombre ou null}",
    "scores.*": "un nombre ou null",
    meta: "un objet JSON",
  };

  /* widgets.errors.Problem.message_fr, for the problems this file can find. */
  P.problemMessage = function (problem) {
    const parts = [`fichier ${problem.file}`];
    if (problem.item) parts.push(`élément «\u00a0${problem.item}\u00a0»`);
    let text = `${parts.join(", ")}\u00a0: ${LABELS[problem.code] || P.problemLabel(problem.code)}`;
    if (problem.value !== undefined && problem.value !== null) {
      const value = String(problem.value).split(/\s+/).join(" ");
      text += ` (trouvé\u00a0: «\u00a0${value.length <= 60 ? value : value.slice(0, 59) + "…"}\u00a0»)`;
    }
    if (problem.expected) text += `\u00a0; attendu\u00a0: ${problem.expected}`;
    return text + ".";
  };
  P.problemLabel = function (code) {
    return (
      {
        "unknown-item": "question inconnue",
        "out-of-scale": "réponse hors de l'échelle",
        "unknown-option": "option de réponse inconnue pour cette question",
      }[code] || `problème (${code})`
    );
  };

  function storage() {
    try {
      const store = window.localStorage;
      const probe = "parcours.essai";
      store.setItem(probe, "1");
      store.removeItem(probe);
      return store;
    } catch (error) {
      return null;
    }
  }
  P.storageAvailable = () => storage() !== null;

  P.pseudonym = function () {
    const store = storage();
    const chosen = store ? (store.getItem(PSEUDONYM_KEY) || "").trim() : "";
    return chosen || P.data().course?.pseudonym || "moi";
  };
  P.setPseudonym = function (name) {
    const store = storage();
    if (store) store.setItem(PSEUDONYM_KEY, String(name).trim());
  };

  /* Every stored result, newest first. */
  P.results = function () {
    const store = storage();
    let records = memory;
    if (store) {
      try {
        records = JSON.parse(store.getItem(KEY) || "[]");
      } catch (error) {
        records = [];
      }
      if (!Array.isArray(records)) records = [];
      records = records.concat(memory.filter((m) => !records.some((r) => r.id === m.id)));
    }
    return records.slice().sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
  };

  function save(records) {
    const store = storage();
    if (!store) {
      memory = records;
      return false;
    }
    try {
      store.setItem(KEY, JSON.stringify(records));
      return true;
    } catch (error) {
      memory = records;
      return false;
    }
  }

  /* Add one result; returns true when it is kept by the browser (false: this page only). */
  P.saveResult = function (record) {
    return save(P.results().concat([record]));
  };

  P.newId = function () {
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  };

  /* ISO 8601 in UTC with microseconds, as format_utc writes it. */
  P.utcNow = function () {
    return new Date().toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
  };

  P.newRecord = function (bank, kind, answers, scores, meta) {
    return {
      id: P.newId(),
      pseudonym: P.pseudonym(),
      bank_id: bank.id,
      bank_version: bank.version,
      kind,
      created_at: P.utcNow(),
      answers,
      scores,
      meta,
    };
  };

  P.exportDocument = function (records) {
    return JSON.stringify({ format: FORMAT, version: VERSION, results: records }, null, 2) + "\n";
  };

  const UUID = /^(?:urn:uuid:)?\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i;
  const ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;
  const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
  const text = (value) => typeof value === "string" && value.trim() !== "" && !value.includes("\u0000");

  /* An ISO 8601 moment with a zone as UTC "…Z", microseconds kept (Date only has ms). */
  function utc(text) {
    const clean = text.trim().replace(" ", "T").replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
    const time = Date.parse(clean);
    if (!ISO.test(text.trim()) || Number.isNaN(time)) return null;
    const fraction = /T[\d:]+\.(\d{1,6})/.exec(clean);
    const micro = (fraction ? fraction[1] : "").padEnd(6, "0");
    return new Date(time).toISOString().replace(/\.\d{3}Z$/, `.${micro}Z`);
  }

  const CHECKS = {
    id: (value) => {
      const match = typeof value === "string" && UUID.exec(value.trim());
      return match ? match.slice(1).join("").toLowerCase() : undefined;
    },
    pseudonym: (value) => (text(value) ? value.trim() : undefined),
    bank_id: (value) => (text(value) ? value.trim() : undefined),
    bank_version: (value) =>
      typeof value === "number" && Number.isInteger(value) ? String(value) : text(value) ? value.trim() : undefined,
    kind: (value) => (["diagnostic", "quiz", "poll", "activity"].includes(value) ? value : undefined),
    created_at: (value) => (typeof value === "string" ? utc(value) || undefined : undefined),
  };
  const ENTRIES = {
    answers: (v) => (typeof v === "number" && Number.isInteger(v)) || typeof v === "string",
    scores: (v) => v === null || (typeof v === "number" && Number.isFinite(v)),
  };

  /* widgets.storage.schema.check_result: [record, []] or [null, [[location, code, value]…]],
   * fields checked in the model's order. */
  function checkResult(data) {
    if (!isObject(data)) return [null, [[[], "invalid-field", data]]];
    const record = {};
    const errors = [];
    for (const key of ["id", "pseudonym", "bank_id", "bank_version", "kind", "created_at", "answers", "scores"]) {
      if (!(key in data)) {
        errors.push([[key], "missing-field", null]);
      } else if (key in CHECKS) {
        const value = CHECKS[key](data[key]);
        if (value === undefined) errors.push([[key], "invalid-field", data[key]]);
        else record[key] = value;
      } else if (!isObject(data[key])) {
        errors.push([[key], "invalid-field", data[key]]);
      } else {
        for (const [name, value] of Object.entries(data[key])) {
          if (!ENTRIES[key](value)) errors.push([[key, name], "invalid-field", value]);
        }
        record[key] = data[key];
      }
    }
    if ("meta" in data && !isObject(data.meta)) errors.push([["meta"], "invalid-field", data.meta]);
    record.meta = isObject(data.meta) ? data.meta : {};
    return errors.length ? [null, errors] : [record, []];
  }

  /* widgets.storage.exchange.import_json: the records, or every problem (then nothing). */
  P.parseResults = function (content, source) {
    const file = source || "resultats.json";
    const fail = (code, extra) => ({ records: [], problems: [Object.assign({ file, code }, extra || {})] });
    const body = String(content).replace(/^\ufeff/, "");
    if (!body.trim()) return fail("file-empty");
    let document;
    try {
      document = JSON.parse(body);
    } catch (error) {
      return fail("json-error", { value: error.message });
    }
    const header = `{"format": "${FORMAT}", "version": ${VERSION}, "results": […]}`;
    if (!isObject(document)) return fail("format-error", { expected: header });
    if (document.format !== FORMAT) {
      return fail("format-error", { item: "format", expected: `«\u00a0${FORMAT}\u00a0»`, value: document.format });
    }
    if (document.version !== VERSION) {
      return fail("unsupported-version", { item: "version", expected: String(VERSION), value: JSON.stringify(document.version) });
    }
    if (!Array.isArray(document.results)) {
      return fail("results" in document ? "invalid-field" : "missing-field", { item: "results", expected: "une liste de résultats" });
    }
    const records = [];
    const problems = [];
    const seen = new Map();
    document.results.forEach((data, index) => {
      if (problems.length >= 100) return;
      const prefix = `results[${index}]`;
      const [record, errors] = checkResult(data);
      for (const [location, code, value] of errors) {
        const key = location.length === 1 ? location[0] : `${location[0]}.*`;
        problems.push({
          file,
          code,
          item: [prefix, ...location].join("."),
          expected: location.length ? EXPECTED[key] : "un objet",
          value: value === null || value === undefined ? null : typeof value === "string" ? value : JSON.stringify(value),
        });
      }
      if (record) {
        if (seen.has(record.id)) {
          problems.push({ file, code: "duplicate-id", item: `${prefix}.id`, value: record.id, expected: `un id absent de results[${seen.get(record.id)}]` });
        } else seen.set(record.id, index);
        records.push(record);
      }
    });
    return problems.length ? { records: [], problems: problems.slice(0, 100) } : { records, problems: [] };
  };

  /* Add the results whose id is not stored yet; returns [added, already there, kept]. */
  P.importResults = function (records) {
    const stored = P.results();
    const known = new Set(stored.map((record) => record.id));
    const fresh = records.filter((record) => !known.has(record.id));
    const kept = save(stored.concat(fresh));
    return [fresh.length, records.length - fresh.length, kept];
  };

  P.resultsFileName = function () {
    const slug = P.pseudonym().replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "") || "resultats";
    return `parcours-resultats-${slug}-${new Date().toISOString().slice(0, 10)}.json`;
  };
})();
