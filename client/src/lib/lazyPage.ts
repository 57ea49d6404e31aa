import { Children, createElement, isValidElement, lazy, useState, type ComponentProps, type ComponentType, type ReactNode } from 'react';
import { createRoutesFromElements, matchRoutes, type Params } from 'react-router-dom';

/** A component whatever its props (React's own ComponentProps takes the same). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- no narrower type accepts components of every props
type AnyComponent = ComponentType<any>;

/**
 * A page's module. `opening`, when it has one, sends the page's first requests for the route's params; it is called
 * when a visit opens on the page and the session check has answered (preloadPagesAt), before anything is rendered, so
 * the page's data is asked for beside the rendering of the app's frame rather than once the page has rendered. The
 * page takes those answers as it opens (earlyLoad).
 */
export interface PageModule<T extends AnyComponent> {
  default: T;
  opening?: (params: Readonly<Params>) => void;
}

/** A page loaded on demand, which can also be asked to start loading before it is shown. */
export type LazyPage<T extends AnyComponent> = ComponentType<ComponentProps<T>> & { preload: () => Promise<PageModule<T>> };

/**
 * React.lazy with a preload. A page whose script has already arrived (preloaded, or shown before) renders at once:
 * React.lazy alone would still suspend for a moment on its first showing, and React reveals a suspended page no
 * sooner than 300 ms after its fallback appeared, so a preloaded page would wait for nothing.
 */
export function lazyPage<T extends AnyComponent>(load: () => Promise<PageModule<T>>): LazyPage<T> {
  let loaded: ComponentType<ComponentProps<T>> | null = null;
  const preload = () =>
    load().then((module) => {
      loaded = module.default as ComponentType<ComponentProps<T>>;
      return module;
    });
  const Lazy = lazy(preload) as unknown as ComponentType<ComponentProps<T>>;
  function Page(props: ComponentProps<T>) {
    // Chosen once per mount, so a page never changes from one to the other (which would mount it afresh).
    const [Shown] = useState(() => loaded ?? Lazy);
    return createElement(Shown, props);
  }
  return Object.assign(Page, { preload });
}

/**
 * A part of a page loaded on demand, such as a tab's content: lazyPage for a component its module exports by name
 * (`lazyPart(() => import('./AgendaSection').then((m) => m.AgendaSection))`). Shown inside a Suspense boundary of the
 * page's own, so the rest of the page stays on screen while it loads; `preload` when the reader points at the tab.
 */
export function lazyPart<T extends AnyComponent>(load: () => Promise<T>): LazyPage<T> {
  return lazyPage(() => load().then((component) => ({ default: component })));
}

/** A tab's `prepare` (PageTabs) that starts loading these parts; one that fails here is tried again when shown. */
export const preparing =
  (...parts: readonly { preload: () => Promise<unknown> }[]) =>
  (): void => {
    for (const part of parts) part.preload().catch(() => undefined);
  };

/**
 * Starts loading every lazy page the routes would show at that path (layouts and the pages inside them). With
 * `signedIn` (the session check of the visit): once it answers yes, each page shown there that has an `opening` (in
 * its module, or on the component of a page that is not lazy) sends its first requests.
 */
export function preloadPagesAt(routes: ReactNode, pathname: string, signedIn?: Promise<boolean>): void {
  const visit = (node: ReactNode, params: Readonly<Params>): void => {
    if (!isValidElement<{ children?: ReactNode }>(node)) return;
    const type = node.type as Partial<LazyPage<ComponentType>> & Pick<PageModule<ComponentType>, 'opening'>;
    // A lazy page's opening is in its module; a page in the app's own script carries it (HomePage.opening).
    const loading = type.preload?.() ?? (type.opening ? Promise.resolve({ opening: type.opening }) : undefined);
    if (loading && signedIn) {
      // A failed load or check leaves it to the page, which asks for its data itself as it opens.
      Promise.all([loading, signedIn]).then(
        ([module, yes]) => yes && module.opening?.(params),
        () => undefined,
      );
    }
    Children.forEach(node.props.children, (child) => visit(child, params));
  };
  for (const match of matchRoutes(createRoutesFromElements(routes), pathname) ?? []) visit(match.route.element, match.params);
}
