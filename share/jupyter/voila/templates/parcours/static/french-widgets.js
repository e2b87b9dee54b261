// parcours: the widget renderer of JupyterLab writes two English lines into a dashboard while
// a control is on its way or has failed (« Loading widget... », « Error displaying widget… »),
// with no translation hook. Under load the first stays on the shared screen for seconds; both
// are replaced here, the moment they are written or attached, by their French.
(function () {
  "use strict";
  var FRENCH = [
    ["Loading widget", "Chargement…"],
    ["Error displaying widget", "Ce contrôle n'a pas pu s'afficher\u00a0: rechargez la page."],
  ];

  function translate(node) {
    if (!node || node.childNodes.length !== 1 || node.firstChild.nodeType !== 3) { return; }
    var text = node.textContent;
    for (var i = 0; i < FRENCH.length; i++) {
      if (text.indexOf(FRENCH[i][0]) === 0) {
        node.textContent = FRENCH[i][1];
        node.setAttribute("lang", "fr");
        return;
      }
    }
  }

  // The renderer may write its line while its node is still detached (Lumino attaches it
  // after): the record then names the parent, and the line is in one of the added nodes.
  function translateAdded(node) {
    if (node.nodeType === 3) { translate(node.parentNode); return; }
    if (node.nodeType !== 1) { return; }
    // gathered first: translating replaces the text node the walk stands on
    var parents = [];
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) { parents.push(walker.currentNode.parentNode); }
    parents.forEach(translate);
  }

  new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i++) {
      var target = records[i].target;
      translate(target.nodeType === 3 ? target.parentNode : target);
      var added = records[i].addedNodes;
      for (var j = 0; j < added.length; j++) { translateAdded(added[j]); }
    }
  }).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
})();
