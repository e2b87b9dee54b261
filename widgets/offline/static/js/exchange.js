/* The results import of widgets/storage/exchange.py (import_json and the field checks of
 * widgets/storage/schema.py), for a file chosen in « Mes résultats »: the browser refuses what
 * JupyterLab refuses, with the same problems (code, element, « attendu », French sentence).
 *
 * No limit is written here. The export puts the rules into assets/data/course.js
 * (widgets/storage/import_rules.py → course.results_rules: the bounds and patterns of
 * widgets/storage/bounds.py, the « attendu » texts, the labels), so the two imports cannot
 * drift apart; tests/offline/test_js_parity.py gives both the same broken files.
 *
 * JSON.parse is not enough: it reads 1.0 as the integer 1 (Python reads a float, refused as a
 * version or an answer), 9007199254740993 as 2^53, and puts keys such as "2" first. readJson
 * below keeps, beside the values, the literal each number was written with and the order of
 * each object's keys, and stops at the nesting Python allows.
 */
(function () {
  "use strict";
  const P = (window.Parcours = window.Parcours || {});
  const NBSP = "\u00a0";

  function rules() {
    const found = (P.data().course || {}).results_rules;
    if (!found) throw new Error("assets/data/course.js ne contient pas results_rules");
    return found;
  }

  /* -- text as Python counts, strips and prints it ---------------------------------------- */

  function textTools(R) {
    const blank = R.whitespace;
    const ends = new RegExp(`^${blank}+|${blank}+$`, "g");
    const runs = new RegExp(`${blank}+`);
    const strip = (text) => text.replace(ends, "");
    return {
      strip,
      split: (text) => (strip(text) ? strip(text).split(runs) : []),
    };
  }

  /* Code points, as Python's len counts them (a lone surrogate is one). */
  function longer(text, limit) {
    if (text.length <= limit) return false;
    let count = 0;
    for (const _ of text) if (++count > limit) return true;
    return false;
  }

  function head(text, limit) {
    if (text.length <= limit) return text;
    const kept = [];
    for (const c of text) {
      if (kept.length === limit) break;
      kept.push(c);
    }
    return kept.join("");
  }

  const LONE = /[\ud800-\udfff]/gu;
  /* text.encode("utf-8", "backslashreplace").decode(): a lone surrogate as \udXXX. */
  const backslashed = (text) => text.replace(LONE, (c) => "\\u" + c.charCodeAt(0).toString(16));

  /* -- JSON, keeping number literals and key order ---------------------------------------- */

  const WORDS = [
    ["true", true],
    ["false", false],
    ["null", null],
  ];
  const CONSTANTS = ["NaN", "Infinity", "-Infinity"];
  const SPACE = /[ \t\n\r]*/y;
  const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;
  const SPECIAL = /["\\\u0000-\u001f]/g;
  const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

  /* json.loads as widgets/storage/json_text.py calls it: {value, numbers, keys}, or throws
   * {code: "json-error", row, value} (the message and line json.loads gives) or
   * {code: "too-deep"}. numbers: container → Map(key → literal); keys: object → its keys. */
  function readJson(text, maxDepth) {
    const numbers = new WeakMap();
    const keys = new WeakMap();
    let at = 0;
    const line = (position) => text.slice(0, position).split("\n").length;
    const fail = (message, position) => {
      throw { code: "json-error", row: line(position), value: message };
    };
    const skip = () => {
      SPACE.lastIndex = at;
      SPACE.exec(text);
      at = SPACE.lastIndex;
    };

    function string() {
      const start = at;
      let position = at + 1;
      for (;;) {
        SPECIAL.lastIndex = position;
        const found = SPECIAL.exec(text);
        if (!found) fail("Unterminated string starting at", start);
        position = found.index;
        if (text[position] === '"') break;
        if (text[position] !== "\\") fail("Invalid control character at", position);
        if (position + 1 >= text.length) fail("Unterminated string starting at", start);
        ESCAPE.lastIndex = position;
        if (!ESCAPE.exec(text)) {
          fail(text[position + 1] === "u" ? "Invalid \\uXXXX escape" : "Invalid \\escape", position);
        }
        position = ESCAPE.lastIndex;
      }
      at = position + 1;
      return JSON.parse(text.slice(start, at));
    }

    /* [value, literal]: literal is the text of a number, else null. */
    function value(depth) {
      skip();
      const c = text[at];
      if (c === "{" || c === "[") {
        if (depth >= maxDepth) throw { code: "too-deep" };
        return [c === "{" ? object(depth + 1) : array(depth + 1), null];
      }
      if (c === '"') return [string(), null];
      for (const constant of CONSTANTS) {
        if (text.startsWith(constant, at)) throw { code: "json-error", value: `${constant} is not JSON` };
      }
      for (const [word, meaning] of WORDS) {
        if (text.startsWith(word, at)) {
          at += word.length;
          return [meaning, null];
        }
      }
      NUMBER.lastIndex = at;
      const found = NUMBER.exec(text);
      if (!found) fail("Expecting value", at);
      at = NUMBER.lastIndex;
      return [Number(found[0]), found[0]];
    }

    function object(depth) {
      const result = {};
      const order = [];
      const literals = new Map();
      at++;
      skip();
      if (text[at] === "}") at++;
      else {
        for (;;) {
          if (text[at] !== '"') fail("Expecting property name enclosed in double quotes", at);
          const key = string();
          skip();
          if (text[at] !== ":") fail("Expecting ':' delimiter", at);
          at++;
          const [item, literal] = value(depth);
          if (!Object.prototype.hasOwnProperty.call(result, key)) order.push(key);
          Object.defineProperty(result, key, { value: item, enumerable: true, writable: true, configurable: true });
          if (literal === null) literals.delete(key);
          else literals.set(key, literal);
          skip();
          if (text[at] === "}") {
            at++;
            break;
          }
          if (text[at] !== ",") fail("Expecting ',' delimiter", at);
          at++;
          skip();
        }
      }
      keys.set(result, order);
      numbers.set(result, literals);
      return result;
    }

    function array(depth) {
      const result = [];
      const literals = new Map();
      at++;
      skip();
      if (text[at] === "]") at++;
      else {
        for (;;) {
          const [item, literal] = value(depth);
          if (literal !== null) literals.set(result.length, literal);
          result.push(item);
          skip();
          if (text[at] === "]") {
            at++;
            break;
          }
          if (text[at] !== ",") fail("Expecting ',' delimiter", at);
          at++;
        }
      }
      numbers.set(result, literals);
      return result;
    }

    let document;
    try {
      [document] = value(0);
    } catch (error) {
      if (error instanceof RangeError) throw { code: "too-deep" };
      throw error;
    }
    skip();
    if (at < text.length) fail("Extra data", at);
    return { value: document, numbers, keys };
  }

  /* -- values as Python sees them ---------------------------------------------------------- */

  /* What Python's reader made of a number: an int, a float, or (more than
   * long_integer_digits digits) a LongNumber kept as text. */
  function numberKind(literal, R) {
    if (/[.eE]/.test(literal)) return "float";
    return literal.replace("-", "").length > R.bounds.long_integer_digits ? "long" : "int";
  }

  /* float.__repr__: the shortest digits (as JavaScript's), Python's layout. */
  function pyFloat(x) {
    if (Number.isNaN(x)) return "NaN";
    if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
    if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
    const [mantissa, power] = x.toExponential().split("e");
    const exponent = Number(power);
    const digits = mantissa.replace("-", "").replace(".", "");
    const sign = x < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 16) {
      const shown = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
      return `${sign}${shown}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
    }
    if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
    return `${sign}${whole}.${digits.slice(exponent + 1) || "0"}`;
  }

  const STRING_ESCAPES = { '"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  const pyString = (text) =>
    '"' +
    text.replace(/[\u0000-\u001f"\\]/g, (c) => STRING_ESCAPES[c] || "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0")) +
    '"';

  const longText = (literal) => `${head(literal, 12)}… (${literal.length} chiffres)`;

  /* widgets.storage.schema.shown: the value found, as a problem shows it. */
  function makeShown(json, R) {
    function dumps(item, literal) {
      if (literal !== null && literal !== undefined) {
        const kind = numberKind(literal, R);
        if (kind === "long") return pyString(longText(literal));
        return kind === "int" ? BigInt(literal).toString() : pyFloat(item);
      }
      if (item === null) return "null";
      if (item === true || item === false) return String(item);
      if (typeof item === "string") return pyString(item);
      const literals = json.numbers.get(item) || new Map();
      if (Array.isArray(item)) return `[${item.map((inner, i) => dumps(inner, literals.get(i))).join(", ")}]`;
      const names = json.keys.get(item) || Object.keys(item);
      return `{${names.map((name) => `${pyString(name)}: ${dumps(item[name], literals.get(name))}`).join(", ")}}`;
    }
    return function shown(item, holder, key) {
      if (item === null || item === undefined) return null;
      const literal = holder === undefined ? undefined : (json.numbers.get(holder) || new Map()).get(key);
      const text = typeof item === "string" ? item : dumps(item, literal);
      return backslashed(head(text, 200));
    };
  }

  /* -- the checks of widgets/storage/schema.py, field by field ------------------------------ */

  function fieldChecks(R, json, tools) {
    const B = R.bounds;
    const control = new RegExp(B.control_pattern, "u");
    const unstorable = new RegExp(B.unstorable_pattern, "u");
    const uuid = new RegExp(`^(?:${B.uuid_pattern})$`);
    const date = new RegExp(`^(?:${B.date_pattern})$`);
    const earliest = Date.parse(B.earliest);
    const literalOf = (holder, key) => (json.numbers.get(holder) || new Map()).get(key);
    const kindOf = (holder, key) => {
      const literal = literalOf(holder, key);
      return literal === undefined ? null : numberKind(literal, R);
    };
    const safe = (holder, key) => {
      const value = BigInt(literalOf(holder, key));
      const limit = BigInt(B.max_safe_integer);
      return -limit <= value && value <= limit;
    };
    const text = (value) => typeof value === "string" && !longer(value, B.text_length) && !unstorable.test(value);
    const name = (value) => {
      if (typeof value !== "string") return undefined;
      const stripped = tools.strip(value);
      return stripped && !longer(stripped, B.name_length) && !control.test(stripped) ? stripped : undefined;
    };
    /* An int within ±2^53, a finite float, or neither (undefined). */
    const number = (holder, key, floats) => {
      const kind = kindOf(holder, key);
      if (kind === "int") return safe(holder, key) ? holder[key] : undefined;
      if (kind === "float" && floats) return Number.isFinite(holder[key]) ? holder[key] : undefined;
      return undefined;
    };

    function moment(value) {
      if (typeof value !== "string" || longer(value, B.date_length)) return undefined;
      const found = date.exec(tools.strip(value));
      if (!found) return undefined;
      const [year, month, day, hour, minute] = found.slice(1, 6).map(Number);
      const second = found[6] === undefined ? 0 : Number(found[6]);
      const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
      const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
      if (year < 1 || !days || day < 1 || day > days || hour > 23 || minute > 59 || second > 59) return undefined;
      let offset = 0;
      if (found[8] !== "Z") {
        offset = Number(found[10]) * 60 + (found[11] === undefined ? 0 : Number(found[11]));
        if (offset >= 24 * 60) return undefined;
        if (found[9] === "-") offset = -offset;
      }
      const micro = (found[7] || "").slice(0, 6).padEnd(6, "0");
      const utc = new Date(0);
      utc.setUTCFullYear(year, month - 1, day);
      utc.setUTCHours(hour, minute - offset, second, 0);
      const time = utc.getTime() + Number(micro) / 1000;
      if (!(earliest <= time && time <= Date.now() + B.future_slack_ms)) return undefined;
      return utc.toISOString().replace(/\.\d{3}Z$/, `.${micro}Z`);
    }

    function meta(value) {
      const stack = [[value, 0, null, null]];
      while (stack.length) {
        const [item, depth, holder, key] = stack.pop();
        if (depth > B.meta_depth) return false;
        if (Array.isArray(item)) item.forEach((_, i) => stack.push([item[i], depth + 1, item, i]));
        else if (item !== null && typeof item === "object") {
          for (const inner of json.keys.get(item) || Object.keys(item)) {
            if (!text(inner)) return false;
            stack.push([item[inner], depth + 1, item, inner]);
          }
        } else if (typeof item === "string") {
          if (!text(item)) return false;
        } else if (typeof item === "number") {
          if (number(holder, key, true) === undefined) return false;
        }
      }
      return true;
    }

    return {
      id: (data) => {
        const found = typeof data.id === "string" && uuid.exec(tools.strip(data.id));
        return found ? found.slice(1, 6).join("").toLowerCase() : undefined;
      },
      pseudonym: (data) => name(data.pseudonym),
      bank_id: (data) => name(data.bank_id),
      bank_version: (data) => {
        if (typeof data.bank_version !== "number") return name(data.bank_version);
        return kindOf(data, "bank_version") === "int" && safe(data, "bank_version")
          ? BigInt(literalOf(data, "bank_version")).toString()
          : undefined;
      },
      kind: (data) => (R.kinds.includes(data.kind) ? data.kind : undefined),
      created_at: (data) => moment(data.created_at),
      entryKey: (key) => text(key),
      answers: (holder, key) => (typeof holder[key] === "string" ? text(holder[key]) : number(holder, key, false) !== undefined),
      scores: (holder, key) => holder[key] === null || number(holder, key, true) !== undefined,
      meta: (value) => value !== null && typeof value === "object" && !Array.isArray(value) && meta(value),
    };
  }

  const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
  const FIELDS = ["id", "pseudonym", "bank_id", "bank_version", "kind", "created_at"];

  /* widgets.storage.schema.check_result: [record, []] or [null, [[location, code, value, holder, key]…]]
   * in pydantic's order (fields, then each entry's key before its value). */
  function checkResult(data, checks, json) {
    if (!isObject(data)) return [null, [[[], "invalid-field"]]];
    const record = {};
    const errors = [];
    for (const field of FIELDS) {
      if (!(field in data)) errors.push([[field], "missing-field"]);
      else {
        const value = checks[field](data);
        if (value === undefined) errors.push([[field], "invalid-field", data[field], data, field]);
        else record[field] = value;
      }
    }
    for (const field of ["answers", "scores"]) {
      if (!(field in data)) errors.push([[field], "missing-field"]);
      else if (!isObject(data[field])) errors.push([[field], "invalid-field", data[field], data, field]);
      else {
        const entries = data[field];
        for (const key of json.keys.get(entries) || Object.keys(entries)) {
          if (!checks.entryKey(key)) errors.push([[field, key, "[key]"], "invalid-field", key]);
          if (!checks[field](entries, key)) errors.push([[field, key], "invalid-field", entries[key], entries, key]);
        }
        record[field] = entries;
      }
    }
    if ("meta" in data && !checks.meta(data.meta)) errors.push([["meta"], "invalid-field", data.meta, data, "meta"]);
    record.meta = "meta" in data ? data.meta : {};
    return errors.length ? [null, errors] : [record, []];
  }

  /* -- the file ---------------------------------------------------------------------------- */

  /* A problem without its empty parts, as Problem.as_dict() less its None values. */
  function located(problem) {
    for (const key of Object.keys(problem)) if (problem[key] === null || problem[key] === undefined) delete problem[key];
    return problem;
  }

  function decode(content) {
    if (typeof content === "string") return content;
    return new TextDecoder("utf-8", { fatal: true }).decode(content);
  }

  /* widgets.storage.exchange.import_json: {records, problems: []}, or every problem and no
   * record. content: the file's bytes (ArrayBuffer, refused unless UTF-8) or its text. */
  P.parseResults = function (content, source) {
    const R = rules();
    const file = source || "resultats.json";
    const tools = textTools(R);
    const fail = (code, extra) => ({ records: [], problems: [located({ file, code, ...extra })] });
    let text;
    try {
      text = decode(content);
    } catch (error) {
      return fail("encoding-error", { value: "octets qui ne sont pas de l'UTF-8" });
    }
    text = text.replace(/^\ufeff/, "");
    if (!tools.strip(text)) return fail("file-empty");
    let json;
    try {
      json = readJson(text, R.bounds.document_depth);
    } catch (error) {
      if (error.code === "too-deep") return fail("too-deep", { expected: R.too_deep });
      if (error.code === "json-error") return fail("json-error", { row: error.row, value: error.value });
      throw error;
    }
    const document = json.value;
    const shown = makeShown(json, R);
    const header = `{"format": "${R.format}", "version": ${R.version}, "results": […]}`;
    if (!isObject(document)) return fail("format-error", { expected: header });
    if (document.format !== R.format) {
      const value = shown(document.format, document, "format");
      return fail("format-error", { item: "format", expected: `«${NBSP}${R.format}${NBSP}»`, value });
    }
    const version = (json.numbers.get(document) || new Map()).get("version");
    if (!(version && numberKind(version, R) === "int" && BigInt(version) === BigInt(R.version))) {
      const value = shown(document.version, document, "version");
      return fail("unsupported-version", { item: "version", expected: String(R.version), value });
    }
    if (!Array.isArray(document.results)) {
      const code = "results" in document ? "invalid-field" : "missing-field";
      return fail(code, { item: "results", expected: "une liste de résultats" });
    }
    const checks = fieldChecks(R, json, tools);
    const records = [];
    const problems = [];
    const seen = new Map();
    for (let index = 0; index < document.results.length; index++) {
      const data = document.results[index];
      const prefix = `results[${index}]`;
      const [record, errors] = checkResult(data, checks, json);
      for (const [location, code, value, holder, key] of errors) {
        const problem = { file, code, item: [prefix, ...location].join(".") };
        if (!location.length) {
          problem.expected = "un objet";
          problem.value = shown(data, document.results, index);
        } else {
          problem.expected = R.expected[location.length === 1 ? location[0] : `${location[0]}.*`];
          if (code === "invalid-field") problem.value = shown(value, holder, key);
        }
        problems.push(located(problem));
      }
      if (record) {
        if (seen.has(record.id)) {
          problems.push({ file, code: "duplicate-id", item: `${prefix}.id`, value: record.id, expected: `un id absent de results[${seen.get(record.id)}]` });
        } else seen.set(record.id, index);
        records.push(record);
      }
      if (problems.length >= R.max_problems) break;
    }
    return problems.length ? { records: [], problems: problems.slice(0, R.max_problems) } : { records, problems: [] };
  };

  /* widgets.errors.Problem.message_fr (and printable): one French sentence per problem. */
  P.problemMessage = function (problem) {
    const R = rules();
    const tools = textTools(R);
    const parts = [`fichier ${problem.file}`];
    if (problem.row !== undefined && problem.row !== null) parts.push(`ligne ${problem.row}`);
    if (problem.column) parts.push(`colonne «${NBSP}${problem.column}${NBSP}»`);
    if (problem.item) parts.push(`élément «${NBSP}${problem.item}${NBSP}»`);
    let text = `${parts.join(", ")}${NBSP}: ${R.labels[problem.code] || `problème (${problem.code})`}`;
    if (problem.value !== undefined && problem.value !== null) {
      const value = tools.split(String(problem.value)).join(" ");
      const short = longer(value, 60) ? head(value, 59) + "…" : value;
      text += ` (trouvé${NBSP}: «${NBSP}${short}${NBSP}»)`;
    }
    if (problem.expected) text += `${NBSP}; attendu${NBSP}: ${problem.expected}`;
    return backslashed(text + ".").replace(/[\u0000-\u0008\u000b-\u001f]/g, (c) => "\\x" + c.charCodeAt(0).toString(16).padStart(2, "0"));
  };
})();
