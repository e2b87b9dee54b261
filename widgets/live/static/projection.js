/* Projected screen of a live session: join screen, current question, its results.
   Driven by the keyboard (a presenter's clicker sends Page Down / Page Up); the controls are
   in a drawer, closed (so not projected) unless « D » opens it. Follows the session through
   the token-protected event stream …/events. Texts go in with textContent, never innerHTML. */
(function () {
  "use strict";

  var NBSP = "\u00a0", NNBSP = "\u202f";
  var $ = function (id) { return document.getElementById(id); };
  var doc = JSON.parse($("stage").getAttribute("data-initial"));
  var mode = "join";

  /* The token came in the address (?token=…): keep it for this tab only and take it out of
     the address bar, which a projector would show. */
  var params = new URLSearchParams(location.search);
  var token = params.get("token") || sessionStorage.getItem("parcours-admin-token") || "";
  if (params.get("token")) {
    sessionStorage.setItem("parcours-admin-token", token);
    params.delete("token");
    history.replaceState(null, "", location.pathname + (params.toString() ? "?" + params : ""));
  }

  function number(n) { return Number(n || 0).toLocaleString("fr-FR").replace(/\s/g, NNBSP); }
  function counted(n, one, many) { return number(n) + NBSP + (n > 1 ? many : one); }
  function percent(part, whole) { return (whole ? Math.round(100 * part / whole) : 0) + NNBSP + "%"; }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function xsrf() {
    var found = document.cookie.match(/(?:^|;\s*)_xsrf=([^;]*)/);
    return found ? decodeURIComponent(found[1]) : "";
  }

  /* Keys pressed quickly (a clicker pressed twice) are all sent, one after the other, in order:
     the server counts « next » from where the session is, so none is lost or doubled. */
  var queue = Promise.resolve();
  /* Requests go one after the other, each decided when its turn comes: « ← » pressed while
     « → » was on its way read question 1 still, and showed the join screen instead of going
     back; « r » after a move read the previous question's reveal, and hid instead. */
  function inTurn(decide) {
    queue = queue.then(decide);
    return queue;
  }

  function post(action, body) {
    return inTurn(function () { return send(action, body); });
  }

  /* With a ``body`` (a moderation's: ``{word}``, or ``{}`` for a question's mark) the reply is
     not the session's document, which comes with the next event instead. */
  function send(action, body) {
    var headers = { "Content-Type": "application/json" };
    if (token) { headers.Authorization = "token " + token; }
    if (xsrf()) { headers["X-XSRFToken"] = xsrf(); }
    return fetch(action, { method: "POST", headers: headers, body: JSON.stringify(body || {}), credentials: "same-origin" })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (!response.ok) { throw new Error(data.message || ("Refus du serveur (" + response.status + ")")); }
          if (!body) { update(Object.assign({}, doc, data)); }
        });
      })
      .catch(function (error) { complain(error.message || "Serveur injoignable."); });
  }

  function complain(text) {
    var box = $("drawer-error");
    box.textContent = text;
    box.hidden = !text;
    if (text) { $("drawer").hidden = false; }
  }

  /* -- what each key does ---------------------------------------------------------------- */
  var actions = {
    next: function () {
      if (mode === "join") { show("question"); return; }
      inTurn(function () { if (doc.current < doc.total - 1) { return send("next"); } });
    },
    previous: function () {
      inTurn(function () {
        if (mode === "question" && doc.current === 0) { show("join"); return; }
        if (mode === "question") { return send("previous"); }
      });
    },
    reveal: function () {
      show("question");
      inTurn(function () { return send(doc.revealed ? "hide" : "reveal"); });
    },
    open: function () { inTurn(function () { return send(doc.state === "open" ? "close" : "open"); }); },
    join: function () { show(mode === "join" ? "question" : "join"); },
    drawer: function () { $("drawer").hidden = !$("drawer").hidden; },
    help: function () { $("help").hidden = !$("help").hidden; },
    fullscreen: function () {
      if (document.fullscreenElement) { document.exitFullscreen(); }
      else if (document.documentElement.requestFullscreen) { document.documentElement.requestFullscreen().catch(function () {}); }
    }
  };
  var KEYS = {
    ArrowRight: "next", PageDown: "next", " ": "next", ArrowLeft: "previous", PageUp: "previous",
    r: "reveal", o: "open", j: "join", d: "drawer", f: "fullscreen", "?": "help", h: "help"
  };

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "Escape") { $("help").hidden = true; return; }
    var target = event.target;
    if (target && target.tagName === "BUTTON" && (event.key === " " || event.key === "Enter")) { return; }
    var name = KEYS[event.key.length === 1 ? event.key.toLowerCase() : event.key];
    if (name) { event.preventDefault(); actions[name](); }
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-key]"), function (button) {
    button.addEventListener("click", function () { actions[button.getAttribute("data-key")](); });
  });

  /* -- drawing ------------------------------------------------------------------------------ */
  function show(which) {
    mode = which;
    draw();
  }

  function update(next) {
    doc = next;
    draw();
  }

  function draw() {
    $("join").hidden = mode !== "join";
    $("question").hidden = mode !== "question";
    $("joined").textContent = counted(doc.connected || 0, "personne connectée", "personnes connectées") +
      "\n" + counted(doc.participants || 0, "participant a répondu", "participants ont répondu");
    drawQuestion();
    drawDrawer();
    fit();
  }

  /* The question the room is on (the last one if the bank shrank) and its index. */
  function current() {
    var questions = (doc.results && doc.results.questions) || [];
    var index = Math.min(doc.current || 0, Math.max(questions.length - 1, 0));
    return { question: questions[index], index: index, total: questions.length };
  }

  function drawQuestion() {
    var shown = current(), question = shown.question, index = shown.index;
    if (!question) { return; }
    $("position").textContent = "Question " + (index + 1) + " sur " + shown.total;
    $("question-text").textContent = question.text;
    var type = question.type || "choice";
    var correction = (doc.corrections || {})[question.id];
    var right = doc.revealed && correction ? correction.answer : (doc.revealed ? question.answer : null);
    var list = $("choices");
    list.hidden = type === "words" || type === "questions";
    $("waiting").hidden = !(type === "words" && !doc.revealed);
    $("cloud").hidden = !(type === "words" && doc.revealed);
    $("audience").hidden = type !== "questions";
    if (type === "words" && doc.revealed) { drawCloud(question.words || []); }
    var asked = (doc.qa || {})[question.id] || [];
    if (type === "questions") { drawAudience(asked); }
    list.textContent = "";
    list.className = "choices" + (doc.revealed ? " revealed" : "");
    question.choices.forEach(function (choice) {
      var item = el("li", choice.value === right ? "right" : null);
      var label = el("span", "label", choice.label);
      item.appendChild(label);
      if (doc.revealed) {
        var bar = el("span", "bar");
        bar.setAttribute("aria-hidden", "true");
        var fill = el("span", "fill");
        fill.style.width = (question.answered ? 100 * choice.count / question.answered : 0) + "%";
        bar.appendChild(fill);
        item.appendChild(bar);
        item.appendChild(el("span", "value", percent(choice.count, question.answered) + " (" + number(choice.count) + ")"));
        if (choice.value === right) { item.appendChild(el("span", "tag", "✓ bonne réponse")); }
      }
      list.appendChild(item);
    });
    var box = $("correction");
    box.hidden = !(doc.revealed && correction);
    if (correction) {
      $("explanation").textContent = correction.explanation;
      $("source").textContent = "Source" + NBSP + ": " + correction.source;
    }
    $("live-count").textContent = (type === "questions" ? counted(asked.length, "question", "questions") :
      counted(question.answered, "réponse", "réponses")) + (doc.state === "open" ? "" : " · session fermée aux réponses");
  }

  /* The cloud: each word sized by how many answers hold it (hidden words never reach here). */
  function drawCloud(words) {
    var cloud = $("cloud");
    cloud.textContent = "";
    var top = words.length ? words[0].count || 1 : 1;
    words.forEach(function (word) {
      var item = el("li", null, word.word);
      item.style.fontSize = (1.1 + 2.6 * word.count / top).toFixed(2) + "em";
      item.appendChild(el("span", "count", NBSP + number(word.count)));
      cloud.appendChild(item);
    });
    if (!words.length) { cloud.appendChild(el("li", "empty", "Pas encore de mots.")); }
  }

  /* The audience's questions as the room sees them: open ones by votes, then answered ones. */
  var SHOWN_QUESTIONS = 8;
  function drawAudience(asked) {
    var list = $("audience");
    list.textContent = "";
    asked.slice(0, SHOWN_QUESTIONS).forEach(function (question) {
      var item = el("li", question.answered ? "answered" : null);
      item.appendChild(el("span", "text", question.text));
      item.appendChild(el("span", "votes", counted(question.votes, "vote", "votes") + (question.answered ? " · répondue" : "")));
      list.appendChild(item);
    });
    if (asked.length > SHOWN_QUESTIONS) { list.appendChild(el("li", "more", "et " + counted(asked.length - SHOWN_QUESTIONS, "autre question", "autres questions"))); }
    if (!asked.length) { list.appendChild(el("li", "empty", "Pas encore de question" + NBSP + ": posez la vôtre sur votre téléphone.")); }
  }

  function drawDrawer() {
    $("drawer-state").textContent = "Session " + doc.code + " · " + (doc.state === "open" ? "ouverte" : "fermée") +
      " · question " + ((doc.current || 0) + 1) + " sur " + (doc.total || 0) +
      " · résultats " + (doc.revealed ? "révélés" : "masqués");
    $("reveal-button").textContent = (doc.revealed ? "Masquer" : "Révéler") + " les résultats (R)";
    $("open-button").textContent = (doc.state === "open" ? "Fermer" : "Ouvrir") + " la session (O)";
    $("loopback").hidden = !doc.loopback;
    drawModeration();
  }

  /* -- moderation, in the drawer: the current question's words or audience's questions ------ */
  var SHOWN_WORDS = 12;
  var moderated = "";

  function moderationButton(label, name, action, body) {
    var button = el("button", null, label);
    button.type = "button";
    button.setAttribute("aria-label", name);
    button.addEventListener("click", function () { post(action, body); });
    return button;
  }

  /* Drawn again only when what it lists changed (every answer brings an event), and the
     focus put back on the button it was on: a list rebuilt under the facilitator's keyboard
     would otherwise send it back to the top of the page. */
  function drawModeration() {
    var question = current().question;
    var type = question ? question.type || "choice" : "choice";
    var box = $("moderation"), list = $("moderation-list");
    box.hidden = type !== "words" && type !== "questions";
    var listed = box.hidden ? "" : JSON.stringify([question.id, type === "words" ?
      [(question.words || []).slice(0, SHOWN_WORDS), doc.hidden_words] : (doc.qa || {})[question.id]]);
    if (listed === moderated) { return; }
    moderated = listed;
    var active = document.activeElement;
    var focused = active && list.contains(active) ? active.getAttribute("aria-label") : null;
    list.textContent = "";
    if (box.hidden) { return; }
    if (type === "words") { listWords(question, list); } else { listQuestions(question, list); }
    var again = focused && Array.prototype.filter.call(list.querySelectorAll("button"),
      function (button) { return button.getAttribute("aria-label") === focused; })[0];
    if (again) { again.focus(); }
  }

  function listWords(question, list) {
    $("moderation-title").textContent = "Mots du nuage (avant ou après la révélation)";
    (question.words || []).slice(0, SHOWN_WORDS).forEach(function (word) {
      var item = el("li", null, word.word + NBSP + "(" + number(word.count) + ") ");
      item.appendChild(moderationButton("Masquer", "Masquer le mot «" + NBSP + word.word + NBSP + "»", "words/hide", { word: word.word }));
      list.appendChild(item);
    });
    (doc.hidden_words || []).forEach(function (word) {
      var item = el("li", "hidden-word", word + " (masqué) ");
      item.appendChild(moderationButton("Réafficher", "Réafficher le mot «" + NBSP + word + NBSP + "»", "words/show", { word: word }));
      list.appendChild(item);
    });
    if (!list.children.length) { list.appendChild(el("li", "empty", "Pas encore de mots.")); }
  }

  function listQuestions(question, list) {
    $("moderation-title").textContent = "Questions de la salle";
    ((doc.qa || {})[question.id] || []).forEach(function (asked) {
      var item = el("li", null, asked.text + " · " + counted(asked.votes, "vote", "votes") + " ");
      var mark = asked.answered ? "open" : "answered";
      var label = asked.answered ? "Rouvrir" : "Marquer répondue";
      item.appendChild(moderationButton(label, label + NBSP + ": " + asked.text, "questions/" + asked.id + "/" + mark, {}));
      item.appendChild(moderationButton("Masquer", "Masquer" + NBSP + ": " + asked.text, "questions/" + asked.id + "/hide", {}));
      list.appendChild(item);
    });
    if (!list.children.length) { list.appendChild(el("li", "empty", "Pas encore de question.")); }
  }

  /* The screen never scrolls: the stage's type shrinks until everything fits (a long question,
     many choices), down to half size. */
  function fit() {
    var stage = $("stage");
    var scale = 1;
    stage.style.fontSize = "";
    while (scale > 0.5 && (stage.scrollHeight > stage.clientHeight + 1 || stage.scrollWidth > stage.clientWidth + 1 || overflowing())) {
      scale -= 0.05;
      stage.style.fontSize = scale + "em";
    }
    stage.setAttribute("data-fitted", innerWidth + "x" + innerHeight);  /* for the tests */
  }
  function overflowing() {
    var nodes = document.querySelectorAll(".screen:not([hidden]) h1, .screen:not([hidden]) p, .screen:not([hidden]) li");
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i].scrollWidth > nodes[i].clientWidth + 1 || nodes[i].scrollHeight > nodes[i].clientHeight + 1) { return true; }
    }
    return false;
  }
  window.addEventListener("resize", fit);

  /* -- following the session -------------------------------------------------------------- */
  function listen() {
    var source = new EventSource("events" + (token ? "?token=" + encodeURIComponent(token) : ""));
    source.addEventListener("projection", function (message) {
      try { update(JSON.parse(message.data)); complain(""); } catch (e) { /* the next one */ }
    });
    source.onerror = function () {
      if (source.readyState === 2) { complain("Connexion au serveur perdue" + NBSP + ": nouvel essai…"); setTimeout(listen, 3000); }
    };
  }

  draw();
  listen();
})();
