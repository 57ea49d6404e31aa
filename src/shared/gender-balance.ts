import { CONSTITUENCIES, type Constituency, type Sex } from './enums';

/** The ILO Governing Body's minimum target for women in delegations (parity is the aim). */
export const WOMEN_MIN_SHARE = 0.3;

export interface GenderCount {
  total: number;
  women: number;
  men: number;
  /** Chose not to say, or never answered. */
  notStated: number;
  /** Women among those who stated their sex (0–1); null when nobody did. */
  womenShare: number | null;
  /** Below the 30% minimum (false when nobody stated their sex: then nothing is known). */
  belowTarget: boolean;
}

export interface GenderBalance extends GenderCount {
  byConstituency: ({ constituency: Constituency } & GenderCount)[];
}

function countOf(sexes: readonly (Sex | null)[]): GenderCount {
  const women = sexes.filter((s) => s === 'female').length;
  const men = sexes.filter((s) => s === 'male').length;
  const stated = women + men;
  const womenShare = stated ? women / stated : null;
  return { total: sexes.length, women, men, notStated: sexes.length - stated, womenShare, belowTarget: womenShare !== null && womenShare < WOMEN_MIN_SHARE };
}

/**
 * Women's share of a group of people, overall and per constituency (every constituency, including those with
 * nobody). The share is of those who stated their sex; how many did not is told beside it.
 */
export function genderBalance(people: readonly { constituency: Constituency; sex: Sex | null }[]): GenderBalance {
  return {
    ...countOf(people.map((p) => p.sex)),
    byConstituency: CONSTITUENCIES.map((constituency) => ({
      constituency,
      ...countOf(people.filter((p) => p.constituency === constituency).map((p) => p.sex)),
    })),
  };
}
