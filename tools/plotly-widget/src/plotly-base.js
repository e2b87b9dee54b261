// plotly.js with the trace types every page of parcours may draw first (widgets/figures/*),
// without the map traces (src/plotly-geo.js, fetched by the first figure that needs them).
// Same pattern as plotly.js's own partial bundles (node_modules/plotly.js/lib/index-*.js).
// `scatter` is part of the core and cannot be left out; it is listed anyway, as plotly.js
// recommends. A trace type missing here and in src/plotly-geo.js draws nothing and logs
// nothing in the browser: tests/browser/test_plotly_bundle.py checks every type the builders
// produce.
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/scatter'),
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/scatterpolar'),
    require('plotly.js/lib/indicator'),
]);

module.exports = Plotly;
