import { OpeningPages } from './opening-pages';

const INDEX = '<html>\n  <head>\n    <script type="module" src="/assets/index-a.js"></script>\n  </head>\n  <body></body>\n</html>\n';

/** Ranked as the client's build writes them: static segments before dynamic ones, the splat last. */
const pages = new OpeningPages(INDEX, [
  { path: '/roadmaps/:id/dashboard', files: ['/assets/RoadmapLayout-b.js', '/assets/RoadmapDashboardPage-c.js'] },
  { path: '/roundtables/new', files: ['/assets/RoundtableFormPage-d.js'] },
  { path: '/roundtables/:id', files: ['/assets/RoundtablePage-e.js', '/assets/VotesSection-f.js'] },
  { path: '/signin', files: [] },
  { path: '/', files: [] },
  { path: '/*', files: ['/assets/NotFoundPage-g.js'] },
]);

const preloaded = (url: string) => [...(pages.pageFor(url) ?? '').matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g)].map((match) => match[1]);

describe('OpeningPages', () => {
  it("names the scripts of the page at that address in the page's head, in order", () => {
    expect(preloaded('/roadmaps/0b5e/dashboard')).toEqual(['/assets/RoadmapLayout-b.js', '/assets/RoadmapDashboardPage-c.js']);
    const page = pages.pageFor('/roadmaps/0b5e/dashboard')!;
    expect(page.indexOf('RoadmapDashboardPage')).toBeLessThan(page.indexOf('</head>'));
    expect(page.replace(/ *<link rel="modulepreload"[^>]*>\n/g, '')).toBe(INDEX);
  });

  it('picks the first route that matches, as the app would: a static segment before a parameter', () => {
    expect(preloaded('/roundtables/new')).toEqual(['/assets/RoundtableFormPage-d.js']);
    expect(preloaded('/roundtables/7f3a')).toEqual(['/assets/RoundtablePage-e.js', '/assets/VotesSection-f.js']);
  });

  it('ignores the query, a closing slash and case; a parameter is one segment only', () => {
    expect(preloaded('/roundtables/7f3a?tab=votes')).toEqual(['/assets/RoundtablePage-e.js', '/assets/VotesSection-f.js']);
    expect(preloaded('/Roundtables/7f3a/')).toEqual(['/assets/RoundtablePage-e.js', '/assets/VotesSection-f.js']);
    expect(preloaded('/roundtables/7f3a/minutes')).toEqual(['/assets/NotFoundPage-g.js']);
  });

  it('sends index.html as built where the address needs nothing more', () => {
    expect(pages.pageFor('/')).toBeNull();
    expect(pages.pageFor('/signin?next=%2Froadmaps')).toBeNull();
    expect(new OpeningPages(INDEX, []).pageFor('/roundtables/7f3a')).toBeNull();
  });
});
