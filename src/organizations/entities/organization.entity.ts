import { Column, Entity } from 'typeorm';
import { Timestamped } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { CONSTITUENCIES, TRIPARTITE, type Constituency } from '../../shared/enums';

export { CONSTITUENCIES, TRIPARTITE, type Constituency };

@Entity('organizations')
export class Organization extends Timestamped {
  @Column({ type: 'jsonb' })
  name: LocalizedText;

  @Column({ type: 'text' })
  constituency: Constituency;

  @Column({ type: 'text', nullable: true })
  region: string | null;
}
