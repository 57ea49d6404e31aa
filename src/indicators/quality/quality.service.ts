import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/unit-of-work';
import type { Indicator } from '../entities/indicator.entity';
import type { ValueKey } from '../observations/observations.repository';
import { QualityRepository } from './quality.repository';
import { BREAKDOWN_PARTS, type BreakdownPart, relationsApply, relationWarnings, type SexBreakdown } from './relations';
import { MIN_HISTORY, MIN_PEERS, robustOutlier } from './robust-z';
import { type ValueWarning, WARNING_MESSAGES } from './warnings';

const PART_KEYS: Record<BreakdownPart, keyof SexBreakdown> = { '': 'total', 'sex=female': 'female', 'sex=male': 'male' };

/** The warning rules run on a value about to be written: its own history, peer parks, the breakdown by sex. */
@Injectable()
export class QualityService {
  constructor(private readonly repository: QualityRepository) {}

  /** Bad values are refused earlier (unit and min/max); this finds what lets a value in flagged. */
  async warningsFor(tx: Tx, indicator: Indicator, key: ValueKey, value: number): Promise<ValueWarning[]> {
    const out: ValueWarning[] = [];
    if (indicator.historyThreshold !== null) {
      const found = robustOutlier(value, await this.repository.history(tx, key), Number(indicator.historyThreshold), MIN_HISTORY);
      if (found) out.push({ rule: 'history', message: WARNING_MESSAGES.history, expected: found.expected });
    }
    if (indicator.peerThreshold !== null && key.scope.type === 'park') {
      const peers = [...(await this.repository.peers(tx, key)), value];
      const found = robustOutlier(value, peers, Number(indicator.peerThreshold), MIN_PEERS);
      if (found) out.push({ rule: 'peers', message: WARNING_MESSAGES.peers, expected: found.expected });
    }
    const part = key.disaggregation as BreakdownPart;
    if (relationsApply(indicator) && BREAKDOWN_PARTS.includes(part)) {
      const breakdown: SexBreakdown = {};
      for (const row of await this.repository.breakdown(tx, key)) breakdown[PART_KEYS[row.disaggregation as BreakdownPart]] = row.value;
      breakdown[PART_KEYS[part]] = value;
      for (const w of relationWarnings(part, breakdown)) out.push({ rule: 'relation', message: w.message, expected: w.expected });
    }
    return out;
  }
}
