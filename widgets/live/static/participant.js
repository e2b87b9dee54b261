/* Participant page of a live session: show the questions, send answers, show the room.
   No framework, no plotting library. Every text from the server is put in the page with
   textContent (never innerHTML), so a question or a message cannot inject markup. */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
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
    return saved;
  }
  var state = loadState();
  function persist() { try { store.setItem(KEY, JSON.stringify(state)); } catch (e) { /* full: keep in memory */ } }
  persist();

  var $ = function (id) { return document.getElementById(id); };
  var session = null, closed = false, revealed = false, inFlight = false, retries = 0, timer = null;
  var questionIds = [];

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
  function plural(n, one, many) { return n + " " + (n > 1 ? many : one); }

  function request(method, url, body) {
    var options = { method: method, headers: { "Accept": "application/json" }, cache: "no-store" };
    if (body !== undefined) { options.headers["Content-Type"] = "application/json"; options.body = JSON.stringify(body); }
    return fetch(url, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data, retryAfter: Number(response.headers.get("Retry-After")) || 0 };
      });
    });
  }

  /* -- questions ------------------------------------------------------------------------ */
  function render(document_) {
    $("code").textContent = code;
    $("title").textContent = document_.title;
    document.title = document_.title + " — réponse en direct";
    $("description").textContent = document_.description || "";
    var form = $("questions");
    form.textContent = "";
    questionIds = [];
    document_.questions.forEach(function (question, index) {
      questionIds.push(question.id);
      var fieldset = el("fieldset", "question");
      fieldset.id = "q-" + question.id;
      fieldset.appendChild(el("legend", null, (index + 1) + ". " + question.text));
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
      var status = el("p", "ack");
      status.id = "ack-" + question.id;
      fieldset.appendChild(status);
      form.appendChild(fieldset);
      if (question.id in state.pending) { ack(question.id, "Envoi en attente…", "pending"); }
      else if (question.id in state.answers) { ack(question.id, "Réponse enregistrée"); }
    });
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
    schedule(250);
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
            if (state.pending[id] === sent[id]) { delete state.pending[id]; ack(id, "Réponse enregistrée"); }
          });
          persist();
          say("Réponse enregistrée");
          if (Object.keys(state.pending).length) { schedule(100); }
        } else if (reply.status === 429 || reply.status >= 500) {
          var wait = reply.status === 429 ? reply.retryAfter * 1000 : backoff();
          say((reply.data.error || "Serveur indisponible.") + " Nouvel essai dans " + Math.ceil(wait / 1000) + " s…");
          schedule(wait || 2000);
        } else {
          ids.forEach(function (id) { if (state.pending[id] === sent[id]) { delete state.pending[id]; ack(id, "Non enregistrée", "failed"); } });
          persist();
          showError(reply.data.error || "Réponse refusée.");
          if (reply.status === 409) { setClosed(true); }
        }
      })
      .catch(function () {
        inFlight = false;
        var wait = backoff();
        say("Connexion perdue\u00a0: nouvel essai dans " + Math.ceil(wait / 1000) + " s…");
        ids.forEach(function (id) { ack(id, "Envoi en attente…", "pending"); });
        schedule(wait);
      });
  }

  /* -- state polling and results ------------------------------------------------------- */
  function poll() {
    request("GET", api + "/state").then(function (reply) {
      if (reply.status === 200) {
        if (reply.data.state === "closed" && !closed) { setClosed(true); }
        if (reply.data.state === "open" && closed) { setClosed(false); say("La session est rouverte."); schedule(100); }
        if (reply.data.revealed) { loadResults(); } else if (revealed) { revealed = false; $("results").hidden = true; }
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
    if (event.state === "closed" && !closed) { setClosed(true); }
    if (event.state === "open" && closed) { setClosed(false); say("La session est rouverte."); schedule(100); }
    if (event.revealed && event.results) { showRoom(event.results); }
    else if (revealed) { revealed = false; $("results").hidden = true; }
    if (Object.keys(state.pending).length && !inFlight && !timer) { schedule(100); }
  }

  /* The room's results come with the event; « moi » is built here from this phone's own
     answers. Only a self-diagnostic asks the server for this phone's profile (its scoring). */
  var profileAsked = false;
  function showRoom(results) {
    var first = !revealed;
    revealed = true;
    showResults(Object.assign({}, results, { me: { answers: state.answers } }));
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

  function loadResults() {
    var mine = state.participant ? "?participant=" + encodeURIComponent(state.participant) : "";
    request("GET", api + "/results" + mine).then(function (reply) {
      if (reply.status !== 200) { return; }
      var first = !revealed;
      revealed = true;
      showResults(reply.data);
      if (first) { say("Les résultats de la salle sont affichés ci-dessous."); }
    }).catch(function () { /* retried at the next poll */ });
  }

  function showResults(data) {
    $("results").hidden = false;
    $("results-count").textContent = plural(data.participants, "participant", "participants") + " · " + plural(data.answers, "réponse", "réponses");
    var me = data.me || null;
    var mine = (me && me.answers) || {};
    var room = $("room");
    room.textContent = "";
    data.questions.forEach(function (question) {
      room.appendChild(el("h3", null, question.text));
      var list = el("ul", "bars");
      question.choices.forEach(function (choice) {
        var share = question.answered ? Math.round(100 * choice.count / question.answered) : 0;
        var item = el("li", question.answer === choice.value ? "right" : null);
        var line = el("div", null, choice.label + "\u00a0: " + choice.count + " (" + share + "\u00a0%)");
        if (question.answer === choice.value) { line.appendChild(el("span", "tag", " ✓ bonne réponse")); }
        if (mine[question.id] === choice.value) { line.appendChild(el("span", "tag", " · votre réponse")); }
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
    });
    showProfile(data.profile, me);
    var keep = $("keep");
    keep.hidden = !(me && (me.keep || Object.keys(me.answers || {}).length));
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
      if (Object.keys(state.pending).length) { schedule(100); }
      listen();
    }).catch(function () {
      say("Connexion impossible\u00a0: nouvel essai…");
      setTimeout(start, backoff());
    });
  }
  window.addEventListener("online", function () { retries = 0; schedule(100); });
  start();
})();
