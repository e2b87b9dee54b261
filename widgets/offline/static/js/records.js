/* Results kept in this browser, in the parcours-results format (widgets/storage/exchange.py).
 *
 * A result is stored exactly as ResultRecord.to_dict() writes it (id, pseudonym, bank_id,
 * bank_version, kind, created_at, answers, scores, meta), so an export of this browser is a
 * file that widgets.storage.import_json reads, and a file exported from JupyterLab is read
 * back here with the same checks (exchange.js). localStorage may be refused (some browsers do
 * so for pages opened from a file): results are then kept for the page's lifetime and the
 * learner is told to export them.
 */
(function () {
  "use strict";
  const P = (window.Parcours = window.Parcours || {});
  const KEY = "parcours.resultats.v1";
  const PSEUDONYM_KEY = "parcours.pseudonyme";
  let memory = [];

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

  /* The header's format and version come with the import's rules (exchange.js). */
  P.exportDocument = function (records) {
    const rules = P.data().course.results_rules;
    return JSON.stringify({ format: rules.format, version: rules.version, results: records }, null, 2) + "\n";
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
