import en from './en.json';
import zhCN from './zh-CN.json';

type Tree = { [key: string]: string | Tree };

/** Every leaf as [dotted key, value]. */
function leaves(tree: Tree, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'object' && value !== null ? leaves(value, path) : [[path, value] as [string, unknown]];
  });
}

/** Non-strings are reported by their own test; here they simply have no placeholders. */
const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const enLeaves = new Map(leaves(en));
  const zhLeaves = new Map(leaves(zhCN));

  it('has exactly the same keys in English and Chinese', () => {
    const onlyEn = [...enLeaves.keys()].filter((k) => !zhLeaves.has(k));
    const onlyZh = [...zhLeaves.keys()].filter((k) => !enLeaves.has(k));
    expect({ onlyEn, onlyZh }).toEqual({ onlyEn: [], onlyZh: [] });
    expect(enLeaves.size).toBeGreaterThan(100);
  });

  it.each([
    ['en', enLeaves],
    ['zh-CN', zhLeaves],
  ])('%s has no empty or non-string values', (_lang, map) => {
    const bad = [...map].filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([key]) => key);
    expect(bad).toEqual([]);
  });

  it('uses the same {{placeholders}} in both languages', () => {
    const mismatched = [...enLeaves]
      .filter(([key, value]) => JSON.stringify(placeholders(textOf(value))) !== JSON.stringify(placeholders(textOf(zhLeaves.get(key)))))
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('is actually translated: Chinese values are not copies of the English ones, except names shown in their own script', () => {
    // The product name and the language names are deliberately the same in both files.
    const sameOnPurpose = new Set(['app.name', 'app.pageTitle', 'language.en', 'language.zhCN']);
    const untranslated = [...enLeaves].filter(([key, value]) => !sameOnPurpose.has(key) && zhLeaves.get(key) === value).map(([key]) => key);
    expect(untranslated).toEqual([]);
  });

  it('names every role, constituency, park level and invitation status the API can send', () => {
    const roles = ['admin', 'facilitator', 'member', 'observer'];
    const constituencies = ['government', 'employers', 'workers', 'park_management', 'civil_society', 'academia', 'international'];
    for (const r of roles) expect(enLeaves.has(`role.${r}`)).toBe(true);
    for (const c of constituencies) expect(enLeaves.has(`constituency.${c}`)).toBe(true);
    for (const l of ['national', 'provincial']) expect(enLeaves.has(`parkLevel.${l}`)).toBe(true);
    for (const s of ['pending', 'accepted', 'expired', 'revoked']) expect(enLeaves.has(`invitationStatus.${s}`)).toBe(true);
  });
});
