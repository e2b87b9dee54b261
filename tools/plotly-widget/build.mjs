// Builds, from the same partial plotly.js (src/plotly-base.js + src/plotly-geo.js), see
// README.md:
//   widgets/static/plotly-widget.js       plotly.py's FigureWidget front-end (src/widget.ts,
//                                         copied from plotly.py) with it, an ES module (entry
//                                         src/entry.ts), and its two chunks
//                                         plotly-widget-chunk-*.js (what both need) and
//                                         plotly-widget-plotly-geo-*.js (the map traces,
//                                         fetched by the first figure that has one);
//   widgets/static/plotly-partial.min.js  it alone as a classic script that sets window.Plotly
//                                         like plotly.min.js (the offline edition's plotly.js,
//                                         src/plotly-partial.js: both files at once).
//
//   node build.mjs            build, then check src/widget.ts against the installed plotly
//   node build.mjs --no-check build only
//
// The check rebuilds plotly.py's own bundle the way plotly.py does (its js/package.json,
// "build:widget": esbuild --bundle --alias:plotly.js=plotly.js/dist/plotly --format=esm
// --minify) and requires it to be byte-identical to the installed plotly's
// package_data/widgetbundle.js: same widget source, same plotly.js, same esbuild.

import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdirSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

// plotly.py release src/widget.ts was copied from (its js/src/widget.ts).
const PLOTLY_PY = '7.1.0';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const outDir = path.join(root, 'widgets/static');
const manifestFile = path.join(outDir, 'plotly-widget.json');
const classicFile = path.join(outDir, 'plotly-partial.min.js');
const partialEntry = path.join(here, 'src/plotly-partial.js');
const baseEntry = path.join(here, 'src/plotly-base.js');
const geoEntry = path.join(here, 'src/plotly-geo.js');
const plotlyDist = path.join(here, 'node_modules/plotly.js/dist/plotly.min.js');

const plotlyJs = JSON.parse(
    readFileSync(path.join(here, 'node_modules/plotly.js/package.json'), 'utf8')
).version;
const tracesIn = (file) =>
    [...readFileSync(file, 'utf8').matchAll(/require\('plotly\.js\/lib\/(\w+)'\)/g)]
        .map((m) => m[1])
        .filter((name) => name !== 'core');
// The widget draws the base traces at once and loads the deferred ones with their chunk.
const deferred = tracesIn(geoEntry);
const traces = [...tracesIn(baseEntry), ...deferred];

// widget.ts does `import Plotly from "plotly.js"`: point that one specifier (not its
// subpaths, which src/plotly-base.js and src/plotly-geo.js use) at the partial plotly.js
// without its map traces (they come with their own chunk, src/entry.ts).
const partialPlotly = {
    name: 'partial-plotly',
    setup(build) {
        build.onResolve({ filter: /^plotly\.js$/ }, () => ({ path: baseEntry }));
    },
};

// plotly.js's registry requires maplibre-gl's CSS for the map traces (scattermap, ...), which
// we leave out; plotly.js's own build inlines it. Anything else that imports CSS fails the
// build instead of being dropped silently.
const noMapCss = {
    name: 'no-map-css',
    setup(build) {
        build.onLoad({ filter: /\.css$/ }, (args) => {
            if (args.path.endsWith(path.join('maplibre-gl', 'dist', 'maplibre-gl.css'))) {
                return { contents: '', loader: 'js' };
            }
            return { errors: [{ text: `unexpected CSS import: ${args.path}` }] };
        });
    },
};

const banner =
    `/*! parcours plotly-widget: plotly.py ${PLOTLY_PY} FigureWidget front-end` +
    ` (MIT, Copyright (c) 2016-2026 Plotly Technologies Inc.) with plotly.js ${plotlyJs}` +
    ` (MIT, Copyright (c) 2016-2024 Plotly Technologies Inc.) limited to the traces ${traces.join(', ')}.` +
    ` Built by tools/plotly-widget (README.md there); licenses of the bundled` +
    ` packages at the end of this file. */`;

// plotly.js's dist bundles (dist/plotly.min.js, dist/plotly-basic.min.js, ...) are esbuild's
// IIFE output (`var Plotly=(()=>{...})();`, target es2016) inside the wrapper that plotly.js's
// tasks/util/bundle_wrapper.mjs (addWrapper) adds: CommonJS gets module.exports, a page gets
// window.Plotly (and, as in plotly's own files, root.moduleName). The same three lines, so a
// page sees exactly what plotly.min.js gives it. Checked against dist/plotly.min.js below.
const UMD_HEAD = [
    '(',
    ' function(root, factory) {',
    '  if (typeof module === "object" && module.exports) {',
    '   module.exports = factory();',
    '  } else {',
    '   root.moduleName = factory();',
    '  }',
    '} (typeof self !== "undefined" ? self : this, () => {',
].join('\n');
const UMD_TAIL = ['window.Plotly = Plotly;', 'return Plotly;', '}));'].join('\n');

mkdirSync(outDir, { recursive: true });
// The chunks of an earlier build (their names carry a hash of their content).
const CHUNK = /^plotly-widget-.+\.js$/;
for (const name of readdirSync(outDir).filter((n) => CHUNK.test(n))) {
    rmSync(path.join(outDir, name));
}
const result = await esbuild.build({
    entryPoints: { 'plotly-widget': path.join(here, 'src/entry.ts') },
    absWorkingDir: here,
    outdir: outDir,
    splitting: true,
    chunkNames: 'plotly-widget-[name]-[hash]',
    bundle: true,
    format: 'esm',
    minify: true,
    banner: { js: banner },
    plugins: [partialPlotly, noMapCss],
    // As in plotly.js's own build (node_modules/plotly.js/esbuild-config.js): node's `global`
    // is the window, and UMD modules inside must not register with a page's AMD loader
    // (RequireJS, which Jupyter pages may load).
    define: { global: 'window', 'define.amd': 'false' },
    metafile: true,
    logLevel: 'warning',
});
const files = Object.keys(result.metafile.outputs).map((file) => path.basename(file)).sort();
for (const [file, output] of Object.entries(result.metafile.outputs)) {
    console.log(`${path.relative(root, path.resolve(here, file))}: ${(output.bytes / 1e6).toFixed(2)} MB`);
}
console.log(`traces ${traces.join(', ')} (deferred: ${deferred.join(', ')})`);

await buildClassic();
writeFileSync(
    manifestFile,
    JSON.stringify({ plotly: PLOTLY_PY, plotlyjs: plotlyJs, traces, deferred, files }, null, 2) +
        '\n'
);

if (!process.argv.includes('--no-check')) {
    checkUpstream();
}

async function buildClassic() {
    const dist = readFileSync(plotlyDist, 'utf8');
    // plotly.js's license header, named as its partial bundles name themselves
    // ("plotly.js (basic - minified) v4.1.1").
    const header = dist.match(/^\/\*\*\n[\s\S]*?\*\/\n/);
    if (
        !header ||
        !header[0].includes(`plotly.js v${plotlyJs}`) ||
        !dist.startsWith(`${header[0]}${UMD_HEAD}\n"use strict";var Plotly=`) ||
        !dist.trimEnd().endsWith(`*/\n\n${UMD_TAIL}`)
    ) {
        console.error(
            `${plotlyDist} is not wrapped as build.mjs expects (UMD_HEAD / UMD_TAIL): ` +
            "follow plotly.js's tasks/util/bundle_wrapper.mjs. See README.md."
        );
        process.exit(1);
    }
    const licence = header[0].replace('plotly.js', 'plotly.js (parcours partial - minified)');
    const note =
        `/*! parcours: plotly.js ${plotlyJs} limited to the traces ${traces.join(', ')}` +
        ' (tools/plotly-widget/src/plotly-partial.js), a classic script that sets window.Plotly' +
        ' as plotly.min.js does. Built by tools/plotly-widget (README.md there); licenses of the' +
        ' bundled packages at the end of this file. */';
    const result = await esbuild.build({
        entryPoints: [partialEntry],
        absWorkingDir: here,
        outfile: classicFile,
        bundle: true,
        format: 'iife',
        globalName: 'Plotly',
        minify: true,
        // As plotly.js's esbuild-config.js: the browsers plotly.min.js supports.
        target: 'es2016',
        banner: { js: `${licence}${note}\n${UMD_HEAD}` },
        footer: { js: UMD_TAIL },
        plugins: [noMapCss],
        define: { global: 'window', 'define.amd': 'false' },
        metafile: true,
        logLevel: 'warning',
    });
    const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
    console.log(
        `${path.relative(root, classicFile)}: ${(bytes / 1e6).toFixed(2)} MB` +
        ` (plotly.min.js: ${(Buffer.byteLength(dist) / 1e6).toFixed(2)} MB)`
    );
}

function installedPlotly() {
    const python = process.env.PYTHON || path.join(root, '.venv/bin/python');
    const code =
        'import json, pathlib, plotly, plotly.offline as o; print(json.dumps({"version": ' +
        'plotly.__version__, "plotlyjs": o.get_plotlyjs_version(), "bundle": ' +
        'str(pathlib.Path(plotly.__file__).parent / "package_data" / "widgetbundle.js")}))';
    return JSON.parse(execFileSync(python, ['-c', code], { encoding: 'utf8' }));
}

function checkUpstream() {
    const installed = installedPlotly();
    const problems = [];
    if (installed.version !== PLOTLY_PY) {
        problems.push(`installed plotly is ${installed.version}, src/widget.ts is from ${PLOTLY_PY}`);
    }
    if (installed.plotlyjs !== plotlyJs) {
        problems.push(`installed plotly bundles plotly.js ${installed.plotlyjs}, package.json pins ${plotlyJs}`);
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'plotly-widget-'));
    const reference = path.join(dir, 'widgetbundle.js');
    try {
        esbuild.buildSync({
            entryPoints: [path.join(here, 'src/widget.ts')],
            absWorkingDir: here,
            outfile: reference,
            bundle: true,
            format: 'esm',
            minify: true,
            alias: { 'plotly.js': 'plotly.js/dist/plotly' },
            logLevel: 'warning',
        });
        if (!readFileSync(reference).equals(readFileSync(installed.bundle))) {
            problems.push(
                `src/widget.ts built with the full plotly.js differs from ${installed.bundle}`
            );
        }
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    if (problems.length) {
        console.error(`check against the installed plotly FAILED:\n  - ${problems.join('\n  - ')}`);
        console.error('See README.md, "When plotly is upgraded".');
        process.exit(1);
    }
    console.log(
        `check: src/widget.ts + full plotly.js ${plotlyJs} rebuilds plotly ${PLOTLY_PY}'s ` +
        'widgetbundle.js byte for byte'
    );
}
