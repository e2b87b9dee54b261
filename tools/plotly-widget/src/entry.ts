// The widget bundle's entry: plotly.py's front-end (src/widget.ts, unmodified), and the map
// traces as a second file fetched on demand (esbuild's code splitting: the import below is a
// chunk of its own, the code both need a chunk they share).
export { default } from "./widget";
import Plotly from "plotly.js";

/** Registers scattergeo and choropleth (src/plotly-geo.js) once; resolves when done. */
export function registerGeo(): Promise<unknown> {
  // @ts-ignore: a CommonJS file without types, imported for its side effect
  return import("./plotly-geo.js");
}

/** Draws `el`'s figure again from its own data (after a trace type was registered). */
export function redraw(el: HTMLElement): Promise<unknown> {
  const gd = el as any;
  return Plotly.react(gd, gd.data, gd.layout);
}
