import { Column, Entity, JoinTable, ManyToMany, OneToMany } from 'typeorm';
import {
  UuidColumn,
  NullableUuidColumn,
  TextColumn,
  NullableTextColumn,
  NullableDateColumn,
  IntegerColumn,
  LocalizedTextColumn,
  OptionalLocalizedTextColumn,
  References,
} from '../../common/columns';
import { Authored } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { Organization } from '../../organizations/entities/organization.entity';
import type { ActionItemStatus, PolicyArea, Priority } from '../../shared/enums';
import type { DecisionVoteResultView } from '../../votes/dto/vote.dto';
import { Milestone } from './milestone.entity';
import { Roadmap } from './roadmap.entity';

/** A commitment on a roadmap. */
@Entity('action_items')
export class ActionItem extends Authored {
  @UuidColumn()
  roadmapId: string;

  @References(() => Roadmap, 'roadmap_id', { onDelete: 'CASCADE' })
  roadmap: Roadmap;

  @LocalizedTextColumn()
  title: LocalizedText;

  @OptionalLocalizedTextColumn()
  description: LocalizedText;

  @NullableUuidColumn()
  workingGroupId: string | null;

  @UuidColumn()
  leadOrganizationId: string;

  @References(() => Organization, 'lead_organization_id')
  leadOrganization: Organization;

  @ManyToMany(() => Organization)
  @JoinTable({
    name: 'action_item_supporters',
    joinColumn: { name: 'action_item_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'organization_id', referencedColumnName: 'id' },
  })
  supportingOrganizations: Organization[];

  @NullableUuidColumn()
  originRoundtableId: string | null;

  @NullableUuidColumn()
  originDecisionId: string | null;

  @NullableDateColumn()
  dueDate: string | null;

  @TextColumn({ default: 'medium' })
  priority: Priority;

  @TextColumn()
  policyArea: PolicyArea;

  @TextColumn({ default: 'proposed' })
  status: ActionItemStatus;

  @NullableTextColumn()
  statusReason: string | null;

  @IntegerColumn({ default: 0 })
  progressManual: number;

  /** What the last closed vote on it came to (outcome, reasons, tallies), written by the votes module. */
  @Column({ type: 'jsonb', nullable: true })
  voteResult: DecisionVoteResultView | null;

  @OneToMany(() => Milestone, (m) => m.actionItem)
  milestones: Milestone[];
}
