// plotly.js with only the trace types parcours's figures use (widgets/figures/*), all at
// once: the classic script of the offline edition (build.mjs, plotly-partial.min.js). The
// widget bundle takes the same two files apart (src/entry.ts).
'use strict';

var Plotly = require('./plotly-base.js');
require('./plotly-geo.js');

module.exports = Plotly;
