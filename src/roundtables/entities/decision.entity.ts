import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { Authored } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { User } from '../../users/entities/user.entity';
import type { Constituency } from '../../organizations/entities/organization.entity';
import { ADOPTIONS, type Adoption } from '../../shared/enums';

export { ADOPTIONS, type Adoption };

/** An outcome recorded at a roundtable; may later spawn a roadmap action item. */
@Entity('roundtable_decisions')
export class Decision extends Authored {
  @Column({ type: 'uuid' })
  roundtableId: string;

  @Column({ type: 'jsonb' })
  text: LocalizedText;

  @Column({ type: 'text' })
  adoption: Adoption;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  constituencies: Constituency[];

  /** Set by the roadmaps module once action items exist (no foreign key yet). */
  @Column({ type: 'uuid', nullable: true })
  actionItemId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by_id' })
  createdBy: User | null;
}
