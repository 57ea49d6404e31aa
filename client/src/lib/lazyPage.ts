import { Children, createElement, isValidElement, lazy, useState, type ComponentProps, type ComponentType, type ReactNode } from 'react';
import { createRoutesFromElements, matchRoutes } from 'react-router-dom';

/** A page loaded on demand, which can also be asked to start loading before it is shown. */
export type LazyPage<T extends ComponentType> = ComponentType<ComponentProps<T>> & { preload: () => Promise<unknown> };

/**
 * React.lazy with a preload. A page whose script has already arrived (preloaded, or shown before) renders at once:
 * React.lazy alone would still suspend for a moment on its first showing, and React reveals a suspended page no
 * sooner than 300 ms after its fallback appeared, so a preloaded page would wait for nothing.
 */
export function lazyPage<T extends ComponentType>(load: () => Promise<{ default: T }>): LazyPage<T> {
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

/** Starts loading every lazy page the routes would show at that path (layouts and the pages inside them). */
export function preloadPagesAt(routes: ReactNode, pathname: string): void {
  const visit = (node: ReactNode): void => {
    if (!isValidElement<{ children?: ReactNode }>(node)) return;
    void (node.type as Partial<LazyPage<ComponentType>>).preload?.();
    Children.forEach(node.props.children, visit);
  };
  for (const match of matchRoutes(createRoutesFromElements(routes), pathname) ?? []) visit(match.route.element);
}
