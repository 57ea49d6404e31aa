import { Children, isValidElement, lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { createRoutesFromElements, matchRoutes } from 'react-router-dom';

/** A page loaded on demand, which can also be asked to start loading before it is shown. */
export type LazyPage<T extends ComponentType> = LazyExoticComponent<T> & { preload: () => Promise<unknown> };

/** React.lazy with a preload: the same import, so the page renders at once if it has already arrived. */
export function lazyPage<T extends ComponentType>(load: () => Promise<{ default: T }>): LazyPage<T> {
  return Object.assign(lazy(load), { preload: load });
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
