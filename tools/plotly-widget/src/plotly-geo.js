// The map traces (the explorer's map, a fifth of plotly.js's weight with d3-geo and the
// topojson they draw from), registered on the same plotly.js as src/plotly-base.js. The
// widget bundle loads this file only for a figure that has such a trace (src/entry.ts), so a
// page without a map neither fetches nor evaluates it.
'use strict';

require('plotly.js/lib/core').register([
    require('plotly.js/lib/scattergeo'),
    require('plotly.js/lib/choropleth'),
]);
