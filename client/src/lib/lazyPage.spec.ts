import { createElement, Fragment, Suspense, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { Route } from 'react-router-dom';
import { lazyPage, preloadPagesAt } from './lazyPage';

/** A lazy page whose loading is recorded instead of fetched. */
function page(name: string, loaded: string[]) {
  const Page = () => null;
  return lazyPage(() => {
    loaded.push(name);
    return Promise.resolve({ default: Page });
  });
}

const route = (props: { path?: string; index?: boolean; element: ReactNode }, ...children: ReactNode[]) => createElement(Route, props as never, ...children);
const guard = (children: ReactNode) => createElement('section', null, children);

function routesLoading(loaded: string[]) {
  const SignIn = page('signin', loaded);
  const Layout = page('roadmap layout', loaded);
  const Board = page('board', loaded);
  const Dashboard = page('dashboard', loaded);
  const Roundtable = page('roundtable', loaded);
  const Admin = page('admin', loaded);
  return createElement(
    Fragment,
    null,
    route({ path: '/signin', element: createElement(SignIn) }),
    route(
      { element: guard(createElement('main')) },
      route(
        { path: 'roadmaps/:id', element: createElement(Layout) },
        route({ index: true, element: createElement(Board) }),
        route({ path: 'dashboard', element: createElement(Dashboard) }),
      ),
      route({ path: 'roundtables/:id', element: createElement(Roundtable) }),
      route({ path: 'admin', element: guard(createElement(Admin)) }),
    ),
  );
}

describe('preloadPagesAt', () => {
  it.each([
    ['/roadmaps/42/dashboard', ['roadmap layout', 'dashboard']],
    ['/roadmaps/42', ['roadmap layout', 'board']],
    ['/roundtables/7', ['roundtable']],
    ['/admin', ['admin']],
    ['/signin', ['signin']],
    ['/nowhere', []],
  ])('at %s starts loading exactly the pages shown there, guarded ones too', (path, expected) => {
    const loaded: string[] = [];
    preloadPagesAt(routesLoading(loaded), path);
    expect(loaded.sort()).toEqual([...expected].sort());
  });
});

describe("preloadPagesAt with the session check (the pages' opening requests)", () => {
  /** Routes of a roadmap's frame and dashboard and a roundtable, whose modules record what they were asked to open. */
  function routesOpening(opened: string[]) {
    const page = (name: string) =>
      lazyPage(() =>
        Promise.resolve({ default: () => null, opening: (params: Readonly<Record<string, string | undefined>>) => opened.push(`${name} ${params.id}`) }),
      );
    const Layout = page('roadmap');
    const Dashboard = page('dashboard');
    const Roundtable = page('roundtable');
    return createElement(
      Fragment,
      null,
      route({ path: 'roadmaps/:id', element: createElement(Layout) }, route({ path: 'dashboard', element: createElement(Dashboard) })),
      route({ path: 'roundtables/:id', element: createElement(Roundtable) }),
    );
  }
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

  it("has every page shown at the address send its first requests, with the route's params, once signed in", async () => {
    const opened: string[] = [];
    preloadPagesAt(routesOpening(opened), '/roadmaps/42/dashboard', Promise.resolve(true));
    await settled();
    expect(opened.sort()).toEqual(['dashboard 42', 'roadmap 42']);
  });

  it('has a page that is not lazy send its own, from the opening it carries', async () => {
    const opened: string[] = [];
    const Home = Object.assign(() => null, { opening: () => opened.push('home') });
    preloadPagesAt(route({ path: '/', element: createElement(Home) }), '/', Promise.resolve(true));
    await settled();
    expect(opened).toEqual(['home']);
  });

  it('sends nothing for a visitor who is not signed in, or whose check failed', async () => {
    const opened: string[] = [];
    preloadPagesAt(routesOpening(opened), '/roundtables/7', Promise.resolve(false));
    preloadPagesAt(routesOpening(opened), '/roundtables/8', Promise.reject(new Error('offline')));
    await settled();
    expect(opened).toEqual([]);
  });

  it('waits for the check: nothing is sent before it answers', async () => {
    const opened: string[] = [];
    let answer: (signedIn: boolean) => void = () => undefined;
    preloadPagesAt(routesOpening(opened), '/roundtables/7', new Promise<boolean>((resolve) => (answer = resolve)));
    await settled();
    expect(opened).toEqual([]);
    answer(true);
    await settled();
    expect(opened).toEqual(['roundtable 7']);
  });
});

describe('lazyPage', () => {
  const shown = (page: ReturnType<typeof lazyPage>) => renderToString(createElement(Suspense, { fallback: 'loading' }, createElement(page)));
  const make = () => lazyPage(() => Promise.resolve({ default: () => createElement('p', null, 'the page') }));

  it('renders a page already loaded at once, without suspending', async () => {
    const Page = make();
    await Page.preload();
    // A completed Suspense boundary (<!--$-->) around the page itself.
    expect(shown(Page)).toBe('<!--$--><p>the page</p><!--/$-->');
  });

  it('suspends on a page not loaded yet, as React.lazy does', () => {
    const html = shown(make());
    expect(html).toContain('loading');
    expect(html).not.toContain('the page');
  });
});
