import type { HtmlTagDescriptor, Plugin, Rolldown } from 'vite';

/** What the bundler tells a chunking rule about the modules. */
interface ModuleGraph {
  getModuleInfo(id: string): { importedIds: readonly string[]; importers: readonly string[]; dynamicallyImportedIds: readonly string[] } | null;
}

/** The app's own modules that `from` imports statically, directly or not (libraries and dynamic imports left out). */
function staticGraph(graph: ModuleGraph, from: string): Set<string> {
  const found = new Set<string>();
  const visit = (id: string): void => {
    if (found.has(id) || id.includes('node_modules')) return;
    found.add(id);
    for (const imported of graph.getModuleInfo(id)?.importedIds ?? []) visit(imported);
  };
  visit(from);
  return found;
}

/** Which of the two shared chunks a module of the app goes to, if either. */
export type SharedChunk = 'common' | 'shared';

/**
 * The rule for the shared chunks. `common`: the app's frame and the pages it shows itself (what `app` imports
 * statically, the home page among them), which every visit runs before its first render. `shared`: what the lazy
 * pages share beyond that (the modules of the shared folders and what those import: the discussion, the documents,
 * the charts' frame), in one request instead of a dozen tiny ones, fetched with the first of those pages (the route
 * preloads name it) and not by a visit that opens on the home page. Not the entry's steps (what `entry` imports,
 * statically or as a step): each is a chunk of its own, evaluated in a task of its own, and the app itself is the last
 * of them, importing `common`.
 */
export function sharedModules(files: {
  entry: string;
  app: string;
  folders: RegExp;
  /**
   * Modules every signed-in visit loads on its own soon after the first render, whatever the page (the realtime
   * connection): what they import goes to `common`, or the first of them would fetch `shared` on every page.
   */
  everyVisit: string[];
}): (id: string, graph: ModuleGraph) => SharedChunk | null {
  type Layout = { steps: Set<string>; frame: Set<string> };
  let layout: Layout | null = null;
  const decided = new Map<string, boolean>();
  const shared = (graph: ModuleGraph, layout: Layout, id: string, seen: Set<string>): boolean => {
    if (layout.steps.has(id) || seen.has(id)) return false;
    const known = decided.get(id);
    if (known !== undefined) return known;
    seen.add(id);
    // In a shared folder, or imported by a module that is (not through a step).
    const importers = graph.getModuleInfo(id)?.importers ?? [];
    return files.folders.test(id) || importers.some((importer) => shared(graph, layout, importer, seen));
  };
  return (id, graph) => {
    if (!layout) {
      const steps = staticGraph(graph, files.entry);
      for (const step of graph.getModuleInfo(files.entry)?.dynamicallyImportedIds ?? [])
        for (const module of step === files.app ? [step] : staticGraph(graph, step)) steps.add(module);
      const frame = staticGraph(graph, files.app);
      for (const module of files.everyVisit)
        for (const imported of staticGraph(graph, module)) if (imported !== module && !steps.has(imported)) frame.add(imported);
      layout = { steps, frame };
    }
    if (layout.steps.has(id)) return null;
    // The frame's static graph is closed (so are those of the every-visit modules): whatever it imports is in it, so
    // `common` never imports `shared`.
    if (layout.frame.has(id)) return 'common';
    const answer = shared(graph, layout, id, new Set());
    decided.set(id, answer);
    return answer ? 'shared' : null;
  };
}

/** Every script a chunk imports statically, directly or not. */
export function staticImports(bundle: Rolldown.OutputBundle, fileName: string, into = new Set<string>()): Set<string> {
  const chunk = bundle[fileName];
  if (chunk?.type !== 'chunk') return into;
  for (const imported of chunk.imports) {
    if (into.has(imported)) continue;
    into.add(imported);
    staticImports(bundle, imported, into);
  }
  return into;
}

/**
 * The scripts every page runs before its first render: the entry, the steps it imports one task after another
 * (client/src/main.tsx), and what those import statically.
 */
export function openingScripts(bundle: Rolldown.OutputBundle): Set<string> {
  const entry = Object.values(bundle).find((output): output is Rolldown.OutputChunk => output.type === 'chunk' && output.isEntry);
  if (!entry) throw new Error('opening scripts: the build has no entry chunk');
  const files = staticImports(bundle, entry.fileName, new Set([entry.fileName]));
  for (const step of entry.dynamicImports) staticImports(bundle, step, files.add(step));
  return files;
}

/**
 * Names the entry's steps and their imports in index.html as `<link rel="modulepreload">`, beside the links Vite writes
 * for the entry's static imports: the browser fetches and compiles them while the page is parsed, instead of asking
 * for each step only when the one before has run.
 */
export function openingScriptsPreload(): Plugin {
  return {
    name: 'greentable-opening-scripts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context): HtmlTagDescriptor[] {
        if (!context.bundle) return [];
        return [...openingScripts(context.bundle)]
          .filter((file) => file.endsWith('.js') && !html.includes(`/${file}"`))
          .map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' }));
      },
    },
  };
}
