import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LocalizedText } from '../../common/localized-text';
import { CONSTITUENCIES, TRIPARTITE, type Constituency } from '../../shared/enums';

export { CONSTITUENCIES, TRIPARTITE, type Constituency };

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
