import fc from 'fast-check';

/**
 * Generated bad input for the fuzz suite: values of the wrong type, nulls, NUL characters, numbers beyond any
 * column, nesting deeper than any body, oversize text and crafted cursors. Drawn from fast-check's generators with a
 * fixed seed (FUZZ_SEED to change it), so a failure is reproduced by running the suite again.
 */
export const SEED = Number(process.env.FUZZ_SEED ?? 20_261_203);

let draw = 0;
/** `n` values of `arbitrary`, each call of the suite drawing a new, reproducible sample. */
export const sample = <T>(arbitrary: fc.Arbitrary<T>, n: number): T[] => fc.sample(arbitrary, { numRuns: n, seed: SEED + draw++ });

export const nested = (depth: number, leaf: unknown = 1): unknown => {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
};

const withNul = fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map(([a, b]) => `${a}\u0000${b}`);
const hugeNumber = fc.oneof(
  fc.double({ min: 1e16, max: 1e300, noNaN: true }),
  fc.double({ min: -1e300, max: -1e16, noNaN: true }),
  fc.constantFrom(2 ** 63, 2 ** 64, Number.MAX_VALUE, -(2 ** 63) - 1e5),
);
const wrongType = fc.oneof(
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.string({ maxLength: 12 }),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 4 })), { maxLength: 3 }),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), fc.integer(), { maxKeys: 3 }),
);
const deep = fc.integer({ min: 33, max: 400 }).map((depth) => nested(depth));

/** A cursor as the API writes them (base64url JSON), with fields of the wrong types and values. */
export const craftedCursor = fc
  .record({
    id: fc.oneof(fc.uuid(), fc.constant('99999999999999999999999'), fc.integer(), fc.constant(null), fc.string({ maxLength: 6 }), fc.constant({})),
    s: fc.oneof(fc.constant('1'), fc.constant('2025-02-31T00:00:00Z'), fc.integer(), fc.constant('+275760-09-13T00:00:00Z'), fc.string({ maxLength: 6 })),
    c: fc.oneof(fc.constant('2025-13-01T00:00:00Z'), fc.boolean(), fc.string({ maxLength: 6 })),
    at: fc.oneof(fc.integer(), fc.constant('0'), fc.constant('2025-01-01 25:00:00+00'), fc.string({ maxLength: 6 })),
  })
  .map((fields) => Buffer.from(JSON.stringify(fields)).toString('base64url'));

/** Bad values for a JSON body field (the field's own schema decides which are bad for it: see badValuesFor). */
export function badBodyValues(n: number): unknown[] {
  return [null, ...sample(withNul, 1), ...sample(hugeNumber, 1), ...sample(wrongType, Math.max(1, n - 4)), ...sample(deep, 1)];
}

/** Bad text for a query parameter or a path segment. */
export function badTexts(n: number): string[] {
  return [
    'a\u0000b',
    '99999999999999999999999',
    '-1e400',
    'x'.repeat(5000),
    ...sample(fc.oneof(fc.string({ maxLength: 10 }), withNul, craftedCursor, fc.constant('[object Object]')), Math.max(1, n - 4)),
  ];
}

export const badCursors = (n: number): string[] => ['e30', 'bm90IGpzb24', ...sample(craftedCursor, n)];

/** Whole bodies that are not what any route takes. */
export const badBodies = (): { label: string; raw: string }[] => [
  { label: 'null', raw: 'null' },
  { label: 'an array', raw: '[1,2]' },
  { label: 'a string', raw: '"text"' },
  { label: 'malformed JSON', raw: '{"a": ' },
  { label: 'nested 5,000 levels', raw: '['.repeat(5000) + ']'.repeat(5000) },
  { label: 'a NUL in a field name', raw: '{"a\\u0000": 1}' },
  { label: 'over 1 MB', raw: JSON.stringify({ text: 'x'.repeat(1_100_000) }) },
];
