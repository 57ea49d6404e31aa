import { readFileSync } from 'node:fs';
import ts from 'typescript';
import type { Plugin, Rolldown } from 'vite';
import { ROUTE_PRELOADS_FILE, type RoutePreload } from '../src/shared/route-preloads.ts';
import { openingScripts, staticImports } from './opening-scripts.mts';

/** A `<Route>` of the routes file: its path as written, whether it is an index route, its lazy pages, its children. */
interface RouteNode {
  path?: string;
  index: boolean;
  pages: string[];
  children: RouteNode[];
}

/** `const Page = lazyPage(() => import('./x'))`: the page's name and what it imports. */
function lazyPages(source: ts.SourceFile): Map<string, string> {
  const pages = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isCallExpression(node.initializer)) {
      const [loader] = node.initializer.arguments;
      if (loader && ts.isArrowFunction(loader) && ts.isCallExpression(loader.body) && loader.body.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const [specifier] = loader.body.arguments;
        if (specifier && ts.isStringLiteral(specifier)) pages.set(node.name.text, specifier.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return pages;
}

/** Every `<Route>` under this node, with the lazy pages its `element` shows. */
function routesUnder(node: ts.Node, pages: Map<string, string>): RouteNode[] {
  const routes: RouteNode[] = [];
  const visit = (child: ts.Node): void => {
    const opening = ts.isJsxElement(child) ? child.openingElement : ts.isJsxSelfClosingElement(child) ? child : null;
    if (!opening || opening.tagName.getText() !== 'Route') return ts.forEachChild(child, visit);
    const route: RouteNode = { index: false, pages: [], children: ts.isJsxElement(child) ? routesUnder(child, pages) : [] };
    for (const attribute of opening.attributes.properties) {
      if (!ts.isJsxAttribute(attribute)) continue;
      const name = attribute.name.getText();
      if (name === 'index') route.index = true;
      if (name === 'path' && attribute.initializer && ts.isStringLiteral(attribute.initializer)) route.path = attribute.initializer.text;
      if (name === 'element' && attribute.initializer) route.pages = pagesShownBy(attribute.initializer, pages);
    }
    routes.push(route);
  };
  ts.forEachChild(node, visit);
  return routes;
}

/** The lazy pages an `element={…}` expression renders (`<Shell />`, `only(STAFF, <RoundtableFormPage />)`). */
function pagesShownBy(expression: ts.Node, pages: Map<string, string>): string[] {
  const shown: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && pages.has(node.tagName.getText())) shown.push(node.tagName.getText());
    ts.forEachChild(node, visit);
  };
  visit(expression);
  return shown;
}

/** Each route with its whole path and every lazy page shown there (its layouts' and its own). */
function flatten(routes: RouteNode[], parentPath: string, parentPages: string[]): { path: string; index: boolean; pages: string[] }[] {
  return routes.flatMap((route) => {
    const path =
      route.index || route.path === undefined ? parentPath : route.path.startsWith('/') ? route.path : `${parentPath.replace(/\/$/, '')}/${route.path}`;
    const pages = [...parentPages, ...route.pages];
    const own = route.index || route.path !== undefined ? [{ path, index: route.index, pages }] : [];
    return [...own, ...flatten(route.children, path, pages)];
  });
}

/**
 * React Router's ranking of a path (its `computeScore`): static segments above dynamic ones, a splat last. The list
 * is written in this order, so the first path that matches an address is the one React Router would show.
 */
function score(path: string, index: boolean): number {
  const segments = path.split('/');
  let total = segments.length + (index ? 2 : 0);
  for (const segment of segments) {
    if (segment === '*') total -= 2;
    else if (segment.startsWith(':')) total += 3;
    else if (segment === '') total += 1;
    else total += 10;
  }
  return total;
}

/**
 * Writes, for every route of the app, the scripts of its lazy pages, so the server can name them in the page it
 * sends (`<link rel="modulepreload">`). Without it a page's script is asked for only once the app's own scripts have
 * arrived and run, and the first render (a transition) shows nothing until it is in: on a phone network, about half a
 * second on a link to a roadmap's dashboard. The routes are read from the routes file itself (the `<Route>` elements
 * and the `lazyPage(() => import(…))` they show), so the list follows the app without being kept by hand.
 */
export function routePreloads(routesFile: string): Plugin {
  return {
    name: 'greentable-route-preloads',
    apply: 'build',
    async generateBundle(_options, bundle) {
      const source = ts.createSourceFile(routesFile, readFileSync(routesFile, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
      const pages = lazyPages(source);
      const chunks = Object.values(bundle).filter((output): output is Rolldown.OutputChunk => output.type === 'chunk');
      // The entry, its steps and what they import are preloaded by index.html already.
      const inIndex = openingScripts(bundle);

      const filesOf = new Map<string, string[]>();
      for (const [name, specifier] of pages) {
        const resolved = await this.resolve(specifier, routesFile);
        const chunk = chunks.find((candidate) => candidate.facadeModuleId === resolved?.id);
        if (!chunk) this.error(`route preloads: no chunk for ${name} (${specifier})`);
        filesOf.set(
          name,
          [chunk.fileName, ...staticImports(bundle, chunk.fileName)].filter((file) => !inIndex.has(file)),
        );
      }

      const routes = flatten(routesUnder(source, pages), '', []);
      if (routes.length === 0) this.error(`route preloads: no <Route> in ${routesFile}`);
      const preloads: RoutePreload[] = routes
        .map((route, order) => ({ route, order, rank: score(route.path, route.index) }))
        .sort((a, b) => b.rank - a.rank || a.order - b.order)
        .map(({ route }) => ({
          path: route.path.startsWith('/') ? route.path : `/${route.path}`,
          files: [...new Set(route.pages.flatMap((page) => filesOf.get(page) ?? []))].map((file) => `/${file}`),
        }));
      this.emitFile({ type: 'asset', fileName: ROUTE_PRELOADS_FILE, source: `${JSON.stringify(preloads, null, 1)}\n` });
    },
  };
}
