/* Participant page of a live session: show the questions, send answers, show the room.
   No framework, no plotting library. Every text from the server is put in the page with
   textContent (never innerHTML), so a question or a message cannot inject markup. */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var NBSP = "\u00a0", NNBSP = "\u202f";  /* no line break inside « 3 participants », « 19 % » */
  var POLL_MS = 4000;
  var parts = location.pathname.replace(/\/+$/, "").split("/");
  var code = decodeURIComponent(parts[parts.length - 1] || "").toUpperCase();
  var api = location.pathname.replace(/\/j\/[^/]*\/?$/, "/api/" + encodeURIComponent(code));
  var KEY = "parcours-live:" + code;

  var memory = {};
  function storage() {
    try { localStorage.setItem("parcours-live-test", "1"); localStorage.removeItem("parcours-live-test"); return localStorage; }
    catch (e) { return { getItem: function (k) { return memory[k] || null; }, setItem: function (k, v) { memory[k] = v; } }; }
  }
  var store = storage();

  /* The server issues the participant's identity (signed for this session, POST …/join);
     one kept from an earlier visit is reused, anything else is asked for again. */
  var IDENTITY = /^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/;

  function loadState() {
    var saved = null;
    try { saved = JSON.parse(store.getItem(KEY) || "null"); } catch (e) { saved = null; }
    if (!saved || typeof saved !== "object") { saved = { answers: {}, pending: {} }; }
    if (typeof saved.participant !== "string" || !IDENTITY.test(saved.participant)) { saved.participant = null; }
    saved.answers = saved.answers || {};
    saved.pending = saved.pending || {};
    if (!saved.stored) {  /* what the server acknowledged: an answer it refuses goes back to it */
      saved.stored = {};
      Object.keys(saved.answers).forEach(function (id) { if (!(id in saved.pending)) { saved.stored[id] = saved.answers[id]; } });
    }
    return saved;
  }
  var state = loadState();
  function persist() { try { store.setItem(KEY, JSON.stringify(state)); } catch (e) { /* full: keep in memory */ } }
  persist();

  var $ = function (id) { return document.getElementById(id); };
  var session = null, closed = false, revealed = false, inFlight = false, retries = 0, timer = null;
  var questionIds = [];
  var pacing = new window.ParcoursPacing({
    code: code,
    answers: function () { return state.answers; },
    questions: function () { return (session && session.questions) || []; },
    bank: function () { return session && session.bank; },
    title: function () { return session && session.title; }
  });

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function say(text) { $("status").textContent = text; }
  function showError(text) { var e = $("error"); e.textContent = text || ""; e.hidden = !text; }
  function ack(id, text, cls) {
    var node = $("ack-" + id);
    if (node) { node.textContent = text; node.className = "ack" + (cls ? " " + cls : ""); }
  }
  function plural(n, one, many) { return n + NBSP + (n > 1 ? many : one); }

  function request(method, url, body) {
    var options = { method: method, headers: { "Accept": "application/json" }, cache: "no-store" };
    if (body !== undefined) { options.headers["Content-Type"] = "application/json"; options.body = JSON.stringify(body); }
    return fetch(url, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data, retryAfter: Number(response.headers.get("Retry-After")) || 0 };
      });
    });
  }

  /* -- questions: one function per type (choice, multiple, words, questions) ---------------- */
  function render(document_) {
    $("code").textContent = code;
    $("title").textContent = document_.title;
    document.title = document_.title + " — réponse en direct";
    $("description").textContent = document_.description || "";
    var form = $("questions");
    form.textContent = "";
    questionIds = [];
    var total = document_.questions.length;
    document_.questions.forEach(function (question, index) {
      questionIds.push(question.id);
      /* A heading, not a legend: a long question wraps as a heading does, and the fieldset
         is named by it (aria-labelledby) for screen readers. */
      var fieldset = el("fieldset", "question");
      fieldset.id = "q-" + question.id;
      fieldset.setAttribute("data-index", String(index));
      fieldset.setAttribute("data-id", question.id);
      fieldset.setAttribute("data-type", question.type || "choice");
      fieldset.setAttribute("aria-labelledby", "qt-" + question.id);
      var position = el("p", "position", "Question " + (index + 1) + NBSP + "sur" + NBSP + total);
      position.hidden = true;
      fieldset.appendChild(position);
      var heading = el("h2", null, (index + 1) + ". " + question.text);
      heading.id = "qt-" + question.id;
      fieldset.appendChild(heading);
      (RENDERERS[question.type] || renderChoice)(fieldset, question);
      var status = el("p", "ack");
      status.id = "ack-" + question.id;
      status.setAttribute("aria-live", "polite");
      fieldset.appendChild(status);
      form.appendChild(fieldset);
      if (question.id in state.pending) { ack(question.id, "Envoi en attente…", "pending"); }
      else if (question.id in state.answers) { ack(question.id, "Réponse enregistrée"); }
    });
  }

  /* One choice: radio buttons (a scale's levels or a question's options). */
  function renderChoice(fieldset, question) {
    question.choices.forEach(function (choice, position) {
      var label = el("label", "choice");
      var input = el("input");
      input.type = "radio";
      input.name = "q-" + question.id;
      input.value = String(position);
      input.checked = state.answers[question.id] === choice.value;
      input.addEventListener("change", function () { choose(question.id, choice.value); });
      label.appendChild(input);
      label.appendChild(el("span", null, choice.label));
      fieldset.appendChild(label);
    });
  }

  /* Several choices: check boxes, at most max_choices (the server refuses more). */
  function renderMultiple(fieldset, question) {
    var limit = question.max_choices || question.choices.length;
    var hint = el("p", "hint", limit > 1 ? "Jusqu'à " + limit + " réponses." : "Une réponse.");
    hint.id = "hint-" + question.id;
    fieldset.appendChild(hint);
    var given = Array.isArray(state.answers[question.id]) ? state.answers[question.id] : [];
    var boxes = [];
    question.choices.forEach(function (choice) {
      var label = el("label", "choice");
      var input = el("input");
      input.type = "checkbox";
      input.name = "q-" + question.id;
      input.value = String(choice.value);
      input.checked = given.indexOf(choice.value) >= 0;
      input.setAttribute("aria-describedby", hint.id);
      input.addEventListener("change", function () {
        var chosen = boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
        if (chosen.length > limit) {
          input.checked = false;
          ack(question.id, "Au plus " + limit + " réponses\u00a0: décochez-en une d'abord.", "failed");
          return;
        }
        if (!chosen.length) { ack(question.id, "Cochez au moins une réponse.", "pending"); return; }
        choose(question.id, chosen);
      });
      boxes.push(input);
      label.appendChild(input);
      label.appendChild(el("span", null, choice.label));
      fieldset.appendChild(label);
    });
  }

  /* A few words: a text field, bounded as the server bounds it, sent with a button or Entrée. */
  function renderWords(fieldset, question) {
    var field = el("input", "words");
    field.type = "text";
    field.id = "w-" + question.id;
    field.maxLength = question.max_chars || 60;
    field.autocomplete = "off";
    field.setAttribute("aria-label", "Votre réponse en quelques mots");
    var hint = el("p", "hint", "Quelques mots\u00a0: " + (question.max_words || 5) + " mots et " + field.maxLength + " caractères au plus.");
    hint.id = "hint-" + question.id;
    field.setAttribute("aria-describedby", hint.id);
    if (typeof state.answers[question.id] === "string") { field.value = state.answers[question.id]; }
    var send = el("button", "secondary", "Envoyer");
    send.type = "button";
    function submit() {
      var text = field.value.replace(/\s+/g, " ").trim();
      if (!text) { ack(question.id, "Écrivez au moins un mot.", "pending"); return; }
      if (text.split(" ").length > (question.max_words || 5)) { ack(question.id, "Trop de mots\u00a0: " + (question.max_words || 5) + " au plus.", "failed"); return; }
      choose(question.id, text);
    }
    send.addEventListener("click", submit);
    field.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); submit(); } });
    fieldset.appendChild(hint);
    var row = el("div", "row");
    row.appendChild(field);
    row.appendChild(send);
    fieldset.appendChild(row);
  }

  /* The audience's questions: ask one, vote for the others' (once each, never one's own). */
  function renderAudience(fieldset, question) {
    var box = el("textarea", "ask");
    box.id = "a-" + question.id;
    box.maxLength = question.max_chars || 280;
    box.rows = 3;
    box.setAttribute("aria-label", "Votre question (anonyme)");
    var hint = el("p", "hint", "Anonyme\u00a0: ni nom ni adresse. " + box.maxLength + " caractères au plus. Votez pour les questions que vous voulez entendre.");
    hint.id = "hint-" + question.id;
    box.setAttribute("aria-describedby", hint.id);
    var send = el("button", "secondary", "Poser la question");
    send.type = "button";
    send.addEventListener("click", function () { askQuestion(question.id, box, send); });
    var list = el("ol", "audience");
    list.id = "qa-" + question.id;
    list.setAttribute("aria-label", "Questions de la salle, les plus soutenues d'abord");
    fieldset.appendChild(hint);
    fieldset.appendChild(box);
    fieldset.appendChild(send);
    fieldset.appendChild(list);
    showAudience(question.id, audience[question.id] || []);
  }

  var RENDERERS = { choice: renderChoice, multiple: renderMultiple, words: renderWords, questions: renderAudience };

  var audience = {};  /* item id → the room's questions, as last pushed */
  function audienceItems() {
    return ((session && session.questions) || []).filter(function (q) { return q.type === "questions"; });
  }

  function askQuestion(item, box, button) {
    var text = box.value.replace(/\s+/g, " ").trim();
    if (text.length < 3) { ack(item, "Votre question est trop courte.", "failed"); return; }
    button.disabled = true;
    identity().then(function (participant) {
      return request("POST", api + "/questions", { participant: participant, item: item, text: text });
    }).then(function (reply) {
      button.disabled = false;
      if (reply.status === 201) {
        state.mine = state.mine || {};
        state.mine[reply.data.id] = true;
        persist();
        box.value = "";
        ack(item, "Question envoyée\u00a0: elle apparaît dans la liste.");
        loadAudience();
      } else { ack(item, reply.data.error || "Question refusée.", "failed"); }
    }, function (error) {
      button.disabled = false;
      ack(item, (error.reply && error.reply.data.error) || "Connexion perdue\u00a0: réessayez.", "failed");
    });
  }

  function voteFor(item, question, button) {
    button.disabled = true;
    identity().then(function (participant) {
      return request("POST", api + "/questions/" + encodeURIComponent(question.id) + "/vote", { participant: participant });
    }).then(function (reply) {
      if (reply.status === 200 || (reply.data && reply.data.code === "voted-twice")) {
        state.voted = state.voted || {};
        state.voted[question.id] = true;
        persist();
        ack(item, "Vote enregistré.");
        loadAudience();
      } else {
        button.disabled = false;
        ack(item, reply.data.error || "Vote refusé.", "failed");
      }
    }, function () { button.disabled = false; ack(item, "Connexion perdue\u00a0: réessayez.", "failed"); });
  }

  function showAudience(item, questions) {
    audience[item] = questions;
    var list = $("qa-" + item);
    if (!list) { return; }
    list.textContent = "";
    if (!questions.length) { list.appendChild(el("li", "empty", "Aucune question pour l'instant.")); return; }
    var mine = state.mine || {}, voted = state.voted || {};
    questions.forEach(function (question) {
      var row = el("li", question.answered ? "answered" : null);
      row.appendChild(el("p", "text", question.text));
      var meta = el("p", "meta", plural(question.votes, "vote", "votes") + (question.answered ? " · répondue" : ""));
      row.appendChild(meta);
      if (!question.answered) {
        var button = el("button", "vote", mine[question.id] ? "Votre question" : voted[question.id] ? "Voté ✓" : "Voter");
        button.type = "button";
        button.disabled = !!(mine[question.id] || voted[question.id] || closed);
        button.setAttribute("aria-label", (voted[question.id] ? "Déjà voté pour" + NBSP + ": " : mine[question.id] ? "Votre question" + NBSP + ": " : "Voter pour" + NBSP + ": ") + question.text);
        button.addEventListener("click", function () { voteFor(item, question, button); });
        row.appendChild(button);
      }
      list.appendChild(row);
    });
  }

  /* Lists shown so far. A reply to a request made before the last list was shown may be older
     than it (read before a question the push then brought: seen under load, the question then
     missing until the room's next change), so it is dropped; the push sends every change. */
  var audienceShown = 0;
  function applyAudience(lists) {
    if (!lists) { return; }
    audienceShown += 1;
    audienceItems().forEach(function (q) { showAudience(q.id, lists[q.id] || []); });
  }

  function loadAudience() {
    if (!audienceItems().length) { return; }
    var asked = audienceShown;
    request("GET", api + "/questions").then(function (reply) {
      if (reply.status === 200 && asked === audienceShown) { applyAudience(reply.data.questions); }
    }).catch(function () { /* the next push or poll brings it */ });
  }

  function setClosed(isClosed) {
    closed = isClosed;
    var sets = document.querySelectorAll("fieldset.question");
    for (var i = 0; i < sets.length; i++) { sets[i].disabled = isClosed; }
    if (isClosed) { say("La session est close\u00a0: vos réponses enregistrées sont conservées."); }
  }

  function choose(id, value) {
    if (closed) { return; }
    state.answers[id] = value;
    state.pending[id] = value;
    persist();
    ack(id, "Envoi…", "pending");
    pacing.finish();
    schedule(250);
  }

  /* The answer the server kept for ``id`` back in the page (its boxes and in ``state``). */
  function restore(id) {
    var kept = state.stored[id];
    if (kept === undefined) { delete state.answers[id]; } else { state.answers[id] = kept; }
    var question = ((session && session.questions) || []).filter(function (q) { return q.id === id; })[0];
    var boxes = document.querySelectorAll("#q-" + id + " input[type=radio], #q-" + id + " input[type=checkbox]");
    if (!question) { return; }
    question.choices.forEach(function (choice, i) {
      if (boxes[i]) { boxes[i].checked = kept === choice.value || (Array.isArray(kept) && kept.indexOf(choice.value) >= 0); }
    });
  }

  /* -- sending, with retries ---------------------------------------------------------------- */
  function schedule(delay) {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(function () { timer = null; flush(); }, delay);
  }

  function backoff() {
    retries += 1;
    var seconds = Math.min(30, Math.pow(2, retries - 1)) * (0.75 + Math.random() / 2);
    return Math.round(seconds * 1000);
  }

  function identity() {
    if (state.participant) { return Promise.resolve(state.participant); }
    return request("POST", api + "/join", {}).then(function (reply) {
      if (reply.status >= 200 && reply.status < 300 && IDENTITY.test(reply.data.participant || "")) {
        state.participant = reply.data.participant;
        persist();
        return state.participant;
      }
      var error = new Error(reply.data.error || "Connexion à la session impossible.");
      error.reply = reply;
      throw error;
    });
  }

  function flush() {
    var ids = Object.keys(state.pending);
    if (inFlight || ids.length === 0 || closed) { return; }
    var sent = {};
    ids.forEach(function (id) { sent[id] = state.pending[id]; });
    inFlight = true;
    identity()
      .then(function (participant) {
        return request("POST", api + "/answers", { participant: participant, answers: sent });
      })
      .then(function (reply) {
        if (reply.status === 403 && reply.data.code === "bad-participant") {
          state.participant = null;  /* not an identity of this session: ask for one, send again */
          persist();
          reply = { status: 503, data: { error: "Connexion à la session…" }, retryAfter: 0 };
        }
        return reply;
      }, function (error) {
        if (error.reply) { return error.reply; }
        throw error;
      })
      .then(function (reply) {
        inFlight = false;
        if (reply.status >= 200 && reply.status < 300) {
          retries = 0;
          showError("");
          ids.forEach(function (id) {
            state.stored[id] = sent[id];
            if (state.pending[id] === sent[id]) { delete state.pending[id]; ack(id, "Réponse enregistrée"); }
          });
          persist();
          say("Réponse enregistrée");
          profileAsked = false;  /* a revealed self-diagnostic: the next room asks for « moi » again */
          loadAnswered();
          if (Object.keys(state.pending).length) { schedule(100); }
        } else if (reply.status === 429 || (reply.status >= 500 && reply.status !== 507)) {
          var wait = reply.status === 429 ? reply.retryAfter * 1000 : backoff();
          say((reply.data.error || "Serveur indisponible.") + " Nouvel essai dans " + Math.ceil(wait / 1000) + NBSP + "s…");
          schedule(wait || 2000);
        } else {
          /* A locked quiz answer: said without the question's identifier, which the server's
             message names for scripts; the page shows the question itself. */
          var locked = reply.data.code === "answer-locked" ?
            "Votre réponse ne peut plus changer" + NBSP + ": la bonne réponse a été affichée." : null;
          ids.forEach(function (id) {
            if (state.pending[id] !== sent[id]) { return; }
            delete state.pending[id];
            restore(id);  /* the page shows what the server kept, not what it refused */
            ack(id, locked ? "Non enregistrée" + NBSP + ": " + locked : "Non enregistrée", "failed");
          });
          persist();
          pacing.finish();
          showError(locked || reply.data.error || "Réponse refusée.");
          if (reply.data.code === "session-closed") { setClosed(true); }  /* not a locked answer */
        }
      })
      .catch(function () {
        inFlight = false;
        var wait = backoff();
        say("Connexion perdue" + NBSP + ": nouvel essai dans " + Math.ceil(wait / 1000) + NBSP + "s…");
        ids.forEach(function (id) { ack(id, "Envoi en attente…", "pending"); });
        schedule(wait);
      });
  }

  /* -- state polling and results ------------------------------------------------------- */
  function poll() {
    request("GET", api + "/state").then(function (reply) {
      if (reply.status === 200) {
        if (reply.data.paced) { applyEvent(reply.data); }  /* the same document as a pushed event */
        else {
          if (reply.data.state === "closed" && !closed) { setClosed(true); }
          if (reply.data.state === "open" && closed) { setClosed(false); say("La session est rouverte."); schedule(100); }
          if (reply.data.revealed) { loadResults(); } else if (revealed) { hideResults(); }
        }
        loadAudience();
      }
      if (Object.keys(state.pending).length && !inFlight && !timer) { schedule(100); }
    }).catch(function () { /* offline: the next poll tries again */ })
      .then(function () { setTimeout(poll, POLL_MS + Math.random() * 1000); });
  }

  /* -- push: one held connection brings every change (Server-Sent Events) ------------------ */
  var pushed = false;

  /* Each event is the whole state of the session: applying one twice changes nothing, and
     events from another server process (after a reconnection) need no ordering. */
  function applyEvent(event) {
    if (event.qa) { applyAudience(event.qa); }
    if (event.state === "closed" && !closed) { setClosed(true); }
    if (event.state === "open" && closed) { setClosed(false); say("La session est rouverte."); schedule(100); }
    pacing.follow(event);
    if (answeredQuestion()) { loadAnswered(); }  /* not in the event: asked for with the identity */
    else if (event.results) { showRoom(event.results); }
    else if (revealed) { hideResults(); }
    if (Object.keys(state.pending).length && !inFlight && !timer) { schedule(100); }
  }

  /* The room's results come with the event; « moi » is built here from this phone's own
     answers. Only a self-diagnostic asks the server for this phone's profile (its scoring). */
  var profileAsked = false;
  /* This phone's last scored profile (with its document to keep), shown with every pushed
     room until the results are hidden: an event holds the room only (« moi » read « — » at
     each change). A new answer of this phone asks for it again. */
  var myProfile = null;
  function showRoom(results) {
    var first = !revealed;
    revealed = true;
    showResults(Object.assign({}, results, { me: Object.assign({}, myProfile, { answers: state.answers }) }));
    if (first) { say("Les résultats de la salle sont affichés ci-dessous."); }
    if (results.profile && !profileAsked && state.participant) {
      profileAsked = true;
      setTimeout(loadResults, Math.random() * 3000);  /* spread a room's requests over 3 s */
    }
  }

  function listen() {
    if (!window.EventSource) { setTimeout(poll, POLL_MS); return; }
    var source = new EventSource(api + "/events");
    /* A proxy that buffers, a network that drops held connections: no message within 10 s
       means polling instead, as before. */
    var fallback = setTimeout(function () { if (!pushed) { source.close(); poll(); } }, 10000);
    source.addEventListener("session", function (message) {
      pushed = true;
      clearTimeout(fallback);
      try { applyEvent(JSON.parse(message.data)); } catch (e) { /* a broken message: wait for the next */ }
    });
    source.onerror = function () {
      if (source.readyState === 2) { clearTimeout(fallback); if (!pushed) { poll(); } else { setTimeout(listen, backoff()); } }
    };
  }

  /* A question whose results show « once answered » (results: answered): the events every
     phone gets do not hold them; a phone that answered it asks the server, which checks with
     the phone's identity that it did. At most every 2 s while the room's counts change. */
  var answeredAt = 0, answeredTimer = null;
  function answeredQuestion() {
    var question = pacing.paced ? ((session && session.questions) || [])[pacing.current] : null;
    return question && question.results === "answered" && question.id in state.stored ? question : null;
  }
  function loadAnswered() {
    if (answeredTimer || !answeredQuestion()) { return; }
    var wait = Math.max(0, answeredAt + 2000 - Date.now()) + Math.random() * 300;
    answeredTimer = setTimeout(function () { answeredTimer = null; answeredAt = Date.now(); loadResults(); }, wait);
  }

  /* Results hidden by the facilitator since a request was made: its reply, read before, is
     dropped (it would show them again until the next change); the next reveal asks again. */
  var hidings = 0;
  function hideResults() {
    revealed = false;
    hidings += 1;
    profileAsked = false;
    myProfile = null;
    $("results").hidden = true;
  }

  function loadResults() {
    var mine = state.participant ? "?participant=" + encodeURIComponent(state.participant) : "";
    var asked = hidings;
    request("GET", api + "/results" + mine).then(function (reply) {
      if (reply.status !== 200 || asked !== hidings) { return; }
      if (reply.data.me && reply.data.me.profile) { myProfile = reply.data.me; }
      var first = !revealed;
      revealed = true;
      showResults(reply.data);
      if (first) { say("Les résultats de la salle sont affichés ci-dessous."); }
    }).catch(function () { /* retried at the next poll */ });
  }

  function showResults(data) {
    var shown = data.questions.filter(function (question) { return pacing.shows(question); });
    $("results").hidden = shown.length === 0 && !data.profile;
    $("results-count").textContent = plural(data.participants, "participant", "participants") + " · " + plural(data.answers, "réponse", "réponses");
    var me = data.me || null;
    var mine = (me && me.answers) || {};
    var room = $("room");
    room.textContent = "";
    shown.forEach(function (question) {
      var render = question.type in RESULTS ? RESULTS[question.type] : resultBars;
      if (render) { room.appendChild(el("h3", null, question.text)); render(room, question, mine[question.id]); }
    });
    showProfile(data.profile, me);
    var keep = $("keep");
    keep.hidden = pacing.paced || !(me && (me.keep || Object.keys(me.answers || {}).length));  /* paced: in « Merci ! » */
    if (me && me.keep) {
      keep.textContent = me.profile ? "Garder mon profil" : "Garder mes réponses";
      keep.onclick = function () { download(me.filename, me.keep); };
    } else if (me) {
      keep.textContent = "Garder mes réponses";
      keep.onclick = function () {  /* the document to keep is made by the server, on demand */
        var mine = "?participant=" + encodeURIComponent(state.participant || "");
        request("GET", api + "/results" + mine).then(function (reply) {
          if (reply.status === 200 && reply.data.me) { download(reply.data.me.filename, reply.data.me.keep); }
          else { showError(reply.data.error || "Vos réponses ne sont pas encore enregistrées."); }
        });
      };
    }
  }

  /* One bar per choice; a multiple question's shares are of the people who answered it. */
  function resultBars(room, question, given) {
    if (question.type === "multiple" && typeof given === "string") { given = given.split(","); }  /* as the server keeps it */
    var list = el("ul", "bars");
    question.choices.forEach(function (choice) {
      var share = question.answered ? Math.round(100 * choice.count / question.answered) : 0;
      var right = question.answer === choice.value;
      var item = el("li", right ? "right" : null);
      var line = el("div", null, choice.label + NBSP + ": " + choice.count + " (" + share + NNBSP + "%)");
      if (right) { line.appendChild(el("span", "tag", " ✓ bonne réponse")); }
      if (given === choice.value || (Array.isArray(given) && given.indexOf(choice.value) >= 0)) { line.appendChild(el("span", "tag", " · votre réponse")); }
      var bar = el("div", "bar");
      bar.setAttribute("aria-hidden", "true");
      var fill = el("span");
      fill.style.width = share + "%";
      bar.appendChild(fill);
      item.appendChild(line);
      item.appendChild(bar);
      list.appendChild(item);
    });
    room.appendChild(list);
  }

  /* The word cloud as a list, each word sized by how many answers hold it (no plotting). */
  function resultWords(room, question) {
    var words = question.words || [];
    room.appendChild(el("p", "meta", plural(question.answered, "réponse", "réponses")));
    if (!words.length) { room.appendChild(el("p", null, "Pas encore de mots.")); return; }
    var top = words[0].count || 1;
    var list = el("ul", "cloud");
    list.setAttribute("aria-label", "Mots de la salle, du plus cité au moins cité");
    words.forEach(function (word) {
      var item = el("li", null, word.word);
      item.style.fontSize = (0.9 + 1.4 * word.count / top).toFixed(2) + "rem";
      item.appendChild(el("span", "count", " (" + word.count + ")"));
      list.appendChild(item);
    });
    room.appendChild(list);
  }

  var RESULTS = { choice: resultBars, multiple: resultBars, words: resultWords, questions: null };

  function showProfile(roomProfile, me) {
    var box = $("me-and-room");
    if (!roomProfile) { box.hidden = true; return; }
    box.hidden = false;
    var mineById = {};
    ((me && me.profile) || []).forEach(function (axis) { mineById[axis.id] = axis.score; });
    var figure = $("me-figure");
    figure.textContent = "";
    figure.appendChild(profileSvg(roomProfile, mineById));
    var body = document.querySelector("#me-table tbody");
    body.textContent = "";
    roomProfile.forEach(function (axis) {
      var row = el("tr");
      row.appendChild(el("th", null, axis.label)).setAttribute("scope", "row");
      row.appendChild(el("td", null, fmt(mineById[axis.id])));
      row.appendChild(el("td", null, fmt(axis.mean)));
      body.appendChild(row);
    });
  }

  function fmt(value) { return value === null || value === undefined ? "—" : String(Math.round(value)); }

  /* One row per axis: the room's mean as a light bar, « moi » as a dark bar over it. */
  function profileSvg(roomProfile, mineById) {
    var width = 320, row = 46, top = 22, left = 8, scale = (width - 2 * left) / 100;
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + (top + row * roomProfile.length));
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Votre profil comparé à la moyenne de la salle\u00a0; valeurs dans le tableau ci-dessous.");
    function add(tag, attrs, text) {
      var node = document.createElementNS(SVG, tag);
      Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
      if (text !== undefined) { node.textContent = text; }
      svg.appendChild(node);
      return node;
    }
    add("rect", { x: left, y: 4, width: 12, height: 10, fill: "#0b5394" });
    add("text", { x: left + 16, y: 13, "font-size": 11, fill: "#1a1a2e" }, "Moi");
    add("rect", { x: left + 60, y: 4, width: 12, height: 10, fill: "#b9c7dc" });
    add("text", { x: left + 76, y: 13, "font-size": 11, fill: "#1a1a2e" }, "Moyenne de la salle");
    roomProfile.forEach(function (axis, i) {
      var y = top + i * row;
      add("text", { x: left, y: y + 12, "font-size": 12, fill: "#1a1a2e" }, axis.label);
      add("rect", { x: left, y: y + 17, width: 100 * scale, height: 20, fill: "#f1f1f5" });
      if (axis.mean !== null) { add("rect", { x: left, y: y + 17, width: axis.mean * scale, height: 20, fill: "#b9c7dc" }); }
      var mine = mineById[axis.id];
      if (mine !== null && mine !== undefined) { add("rect", { x: left, y: y + 22, width: mine * scale, height: 10, fill: "#0b5394" }); }
    });
    return svg;
  }

  function download(filename, document_) {
    var blob = new Blob([JSON.stringify(document_, null, 2) + "\n"], { type: "application/json" });
    var link = el("a");
    link.href = URL.createObjectURL(blob);
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  /* -- start ------------------------------------------------------------------------------ */
  function start() {
    $("code").textContent = code;
    request("GET", api).then(function (reply) {
      if (reply.status !== 200) {
        $("title").textContent = "Session introuvable";
        showError(reply.data.error || "Session introuvable.");
        if (reply.status >= 500) { setTimeout(start, backoff()); }
        return;
      }
      session = reply.data;
      render(session);
      setClosed(session.state === "closed");
      pacing.follow(session);
      loadAudience();
      if (Object.keys(state.pending).length) { schedule(100); }
      listen();
    }).catch(function () {
      say("Connexion impossible\u00a0: nouvel essai…");
      setTimeout(start, backoff());
    });
  }
  $("keep-mine").addEventListener("click", function () {
    var kept = pacing.keep();
    download(kept.filename, kept.document);
  });
  window.addEventListener("online", function () { retries = 0; schedule(100); });
  start();
})();
