import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROUTE_PRELOADS_FILE, type RoutePreload } from '../shared/route-preloads';

/** React Router's path as a pattern: `:name` is one segment, `*` the rest; a closing slash is allowed, case ignored. */
function patternOf(path: string): RegExp {
  const segments = path
    .split('/')
    .map((segment) => (segment === '*' ? '.*' : segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${segments.join('/')}/?$`, 'i');
}

/**
 * The page sent for each address of the web client: `index.html` with the scripts of the lazy pages shown there
 * named as `<link rel="modulepreload">`, so the browser asks for them beside the app's own scripts rather than after
 * they have run (a link to a roadmap's dashboard opens about half a second sooner on a phone network). The routes
 * come ranked from the build, so the first that matches is the one the app shows. Each variant is made once.
 */
export class OpeningPages {
  private readonly routes: { pattern: RegExp; files: string[] }[];
  private readonly pages = new Map<number, string>();

  constructor(
    private readonly indexHtml: string,
    preloads: RoutePreload[],
  ) {
    this.routes = preloads.map((route) => ({ pattern: patternOf(route.path), files: route.files }));
  }

  /** Reads the built client's page and routes; none when the client was built without the list. */
  static load(clientDist: string): OpeningPages | null {
    const list = join(clientDist, ROUTE_PRELOADS_FILE);
    if (!existsSync(list)) return null;
    return new OpeningPages(readFileSync(join(clientDist, 'index.html'), 'utf8'), JSON.parse(readFileSync(list, 'utf8')) as RoutePreload[]);
  }

  /** The page for this address, or null when it needs nothing beyond `index.html` as built. */
  pageFor(url: string): string | null {
    const path = url.split('?')[0];
    const index = this.routes.findIndex((route) => route.pattern.test(path));
    if (index < 0 || this.routes[index].files.length === 0) return null;
    let page = this.pages.get(index);
    if (page === undefined) {
      const links = this.routes[index].files.map((file) => `<link rel="modulepreload" crossorigin href="${file}">`);
      page = this.indexHtml.replace('</head>', `  ${links.join('\n    ')}\n  </head>`);
      this.pages.set(index, page);
    }
    return page;
  }
}
