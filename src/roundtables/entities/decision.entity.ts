import { Column, Entity } from 'typeorm';
import { UuidColumn, NullableUuidColumn, TextColumn, LocalizedTextColumn, ListColumn, NullableReference } from '../../common/columns';
import { Authored } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { User } from '../../users/entities/user.entity';
import type { Constituency } from '../../organizations/entities/organization.entity';
import { ADOPTIONS, type Adoption } from '../../shared/enums';
import type { DecisionVoteResultView as DecisionVoteResult } from '../../votes/dto/vote.dto';

export { ADOPTIONS, type Adoption };

/** An outcome recorded at a roundtable; may later spawn a roadmap action item. */
@Entity('roundtable_decisions')
export class Decision extends Authored {
  @UuidColumn()
  roundtableId: string;

  @LocalizedTextColumn()
  text: LocalizedText;

  @TextColumn()
  adoption: Adoption;

  @ListColumn('text')
  constituencies: Constituency[];

  /** The agenda item it was taken under, if any. */
  @NullableUuidColumn()
  agendaItemId: string | null;

  /** Set by the roadmaps module once action items exist (no foreign key yet). */
  @NullableUuidColumn()
  actionItemId: string | null;

  /** What the last closed vote on it came to (outcome, reasons, tallies), written by the votes module. */
  @Column({ type: 'jsonb', nullable: true })
  voteResult: DecisionVoteResult | null;

  @NullableReference(() => User, 'created_by_id')
  createdBy: User | null;
}
