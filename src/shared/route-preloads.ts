/**
 * What the web client's build writes beside `index.html` (client/route-preloads.mts) and the server reads to preload
 * each address's scripts (src/static/opening-pages.ts).
 */

/** The file, in client/dist. */
export const ROUTE_PRELOADS_FILE = 'route-preloads.json';

/** One address of the app and the scripts its lazy pages need beyond the page's own (`index.html` preloads those). */
export interface RoutePreload {
  /** React Router's path, whole: `/roadmaps/:id/dashboard`, `/*`. */
  path: string;
  /** Built files, from the root (`/assets/RoadmapLayout-….js`), in the order they are asked for. */
  files: string[];
}
