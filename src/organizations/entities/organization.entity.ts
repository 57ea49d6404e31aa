import { Column, Entity } from 'typeorm';
import { Timestamped } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';

export const CONSTITUENCIES = [
  'government',
  'employers',
  'workers',
  'park_management',
  'civil_society',
  'academia',
  'international',
] as const;
export type Constituency = (typeof CONSTITUENCIES)[number];
/** The three ILO constituents whose presence makes a dialogue tripartite. */
export const TRIPARTITE: Constituency[] = ['government', 'employers', 'workers'];

@Entity('organizations')
export class Organization extends Timestamped {
  @Column({ type: 'jsonb' })
  name: LocalizedText;

  @Column({ type: 'text' })
  constituency: Constituency;

  @Column({ type: 'text', nullable: true })
  region: string | null;
}
