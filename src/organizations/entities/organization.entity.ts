import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
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
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'jsonb' })
  name: LocalizedText;

  @Column({ type: 'text' })
  constituency: Constituency;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
