/* Core helpers of the offline edition: French text as the Python side writes it, dates,
 * downloads, and plotly.js loaded on demand.
 *
 * Each function here has a Python twin whose output it must reproduce character for
 * character (tests/offline/test_js_parity.py compares them in Chromium):
 *   escape      html.escape
 *   formatNumber widgets.french.format_number (round half to even, like Python)
 *   wrapText    widgets.figures.theme.wrap_text (textwrap.wrap, break_long_words=False)
 *   joinFr      widgets.french.join_fr
 *   pluralWord  widgets.french.plural_word
 *   dateFr      widgets.report.format_date_fr / format_datetime_fr
 */
(function () {
  "use strict";
  const P = (window.Parcours = window.Parcours || {});
  const NBSP = "\u00a0";
  const NNBSP = "\u202f";
  P.NBSP = NBSP;

  P.data = function () {
    return window.PARCOURS_DATA || {};
  };

  const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
  P.escape = function (text) {
    return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
  };

  /* x.toFixed(d), except that an exact tie rounds to the even digit, as Python's format does
   * (toFixed rounds ties away from zero: 62.5 gives "63" where Python gives "62"). */
  function fixed(x, d) {
    const a = Math.abs(x);
    let text = a.toFixed(d);
    if (a < 1e21) {
      const exact = a.toFixed(100);
      const point = exact.indexOf(".");
      const cut = d === 0 ? point : point + 1 + d;
      if (/^50*$/.test(exact.slice(d === 0 ? point + 1 : cut))) {
        const truncated = exact.slice(0, cut);
        if (Number(truncated[truncated.length - 1]) % 2 === 0) text = truncated;
      }
    }
    return (x < 0 ? "-" : "") + text;
  }

  function minimalDecimals(value, limit) {
    for (let decimals = 0; decimals <= limit; decimals++) {
      const scaled = value * 10 ** decimals;
      if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * Math.max(1, Math.abs(scaled))) {
        return decimals;
      }
    }
    return limit;
  }

  P.formatNumber = function (value, decimals) {
    if (value === null || value === undefined || Number.isNaN(Number(value))) return "n.d.";
    const number = Number(value);
    const places = decimals === undefined || decimals === null ? minimalDecimals(number, 2) : decimals;
    let text = fixed(number, places);
    const negative = text.startsWith("-");
    let [whole, fraction] = text.replace("-", "").split(".");
    whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    text = (negative ? "-" : "") + whole + (fraction !== undefined ? "." + fraction : "");
    if (/^[-0,.]*$/.test(text)) text = text.replace(/^-+/, "");
    return text.replace(/,/g, NNBSP).replace(/\./g, ",").replace(/-/g, "\u2212");
  };

  P.pluralWord = function (count, singular, pluralForm) {
    return Math.abs(count) < 2 ? singular : pluralForm || `${singular}s`;
  };

  P.joinFr = function (items) {
    const list = Array.from(items);
    if (list.length <= 1) return list.join("");
    return list.slice(0, -1).join(", ") + " et " + list[list.length - 1];
  };

  /* textwrap's word splitting, translated: whitespace runs, words, and hyphenated words
   * broken after their hyphen (« co-construction » may wrap as « co- » / « construction »). */
  const WS = "[\\t\\n\\x0b\\x0c\\r ]";
  const NWS = "[^\\t\\n\\x0b\\x0c\\r ]";
  const WP = "[\\p{L}\\p{N}_!\"'&.,?]";
  const LT = "[\\p{L}_]";
  const WC = "[\\p{L}\\p{N}_]";
  const WORDSEP = new RegExp(
    `(${WS}+|(?<=${WP})-{2,}(?=${WC})|${NWS}+?(?:-(?:(?<=${LT}{2}-)|(?<=${LT}-${LT}-))` +
      `(?=${LT}-?${LT})|(?=${WS}|$)|(?<=${WP})(?=-{2,}${WC})))`,
    "u"
  );
  const length = (text) => Array.from(text).length;

  P.textwrap = function (text, width) {
    const clean = String(text).replace(/\t/g, "        ").replace(/[\n\x0b\x0c\r]/g, " ");
    const chunks = clean.split(WORDSEP).filter((chunk) => chunk).reverse();
    const lines = [];
    while (chunks.length) {
      const line = [];
      let size = 0;
      if (chunks[chunks.length - 1].trim() === "" && lines.length) chunks.pop();
      while (chunks.length) {
        const next = length(chunks[chunks.length - 1]);
        if (size + next <= width) {
          line.push(chunks.pop());
          size += next;
        } else break;
      }
      if (chunks.length && length(chunks[chunks.length - 1]) > width && !line.length) {
        line.push(chunks.pop());
      }
      if (line.length && line[line.length - 1].trim() === "") line.pop();
      if (line.length) lines.push(line.join(""));
    }
    return lines;
  };

  P.wrapText = function (text, width, maxLines) {
    let lines = P.textwrap(text, width);
    if (!lines.length) lines = [""];
    if (maxLines !== undefined && maxLines !== null && lines.length > maxLines) {
      const last = lines[maxLines - 1].replace(/[ ,;:]+$/, "");
      lines = lines.slice(0, maxLines - 1).concat([last + "…"]);
    }
    return lines.map(P.plain).join("<br>");
  };

  /* widgets.figures.theme.plain: text from a file shown by plotly as text, never as markup. */
  P.plain = function (text) {
    return String(text).replace(/[&<>]/g, (c) => ESCAPES[c]);
  };

  const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre"];
  P.dateFr = function (moment) {
    const date = moment instanceof Date ? moment : new Date(moment);
    const day = date.getDate() === 1 ? "1er" : String(date.getDate());
    return `${day} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
  };
  P.dateTimeFr = function (moment) {
    const date = moment instanceof Date ? moment : new Date(moment);
    const minutes = String(date.getMinutes()).padStart(2, "0");
    return `${P.dateFr(date)} à ${date.getHours()} h ${minutes}`;
  };

  /* A file offered for download, made in the page: no server, works from file://. */
  P.download = function (text, filename, mime) {
    const blob = new Blob([text], { type: `${mime};charset=utf-8` });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    setTimeout(() => {
      URL.revokeObjectURL(link.href);
      link.remove();
    }, 1000);
  };

  P.notice = function (text, ok, extra) {
    const style = ok
      ? "border-left:6px solid #009e73;padding:0.4em 1em;margin:0.4em 0;background:#eefaf5"
      : "border-left:6px solid #d55e00;padding:0.4em 1em;margin:0.4em 0;background:#fff4ec";
    return `<div role="status" style="${style}"><p style="margin:0">${P.escape(text)}</p>${extra || ""}</div>`;
  };

  /* plotly.js (1.5 MB, partial: widgets/offline/plotlyjs.py) is only loaded when a figure is about to be seen. */
  const waiting = [];
  let loading = false;
  P.withPlotly = function (callback) {
    if (window.Plotly) {
      callback(window.Plotly);
      return;
    }
    waiting.push(callback);
    if (loading) return;
    loading = true;
    const meta = document.querySelector('meta[name="parcours-plotly"]');
    const script = document.createElement("script");
    script.src = meta ? meta.content : "assets/plotly.min.js";
    script.onload = () => waiting.splice(0).forEach((next) => next(window.Plotly));
    script.onerror = () => {
      loading = false;
      document.querySelectorAll(".figure-plotly").forEach((element) => {
        element.innerHTML = P.notice("plotly.js n'a pas pu être chargé\u00a0: le dossier assets/ est-il complet\u00a0?", false);
      });
    };
    document.head.appendChild(script);
  };

  P.whenVisible = function (element, callback) {
    if (!("IntersectionObserver" in window)) {
      callback();
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          callback();
        }
      },
      { rootMargin: "600px 0px" }
    );
    observer.observe(element);
  };
})();
