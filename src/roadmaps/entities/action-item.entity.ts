import { Column, Entity, JoinColumn, JoinTable, ManyToMany, ManyToOne, OneToMany } from 'typeorm';
import { Authored } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { Organization } from '../../organizations/entities/organization.entity';
import type { ActionItemStatus, PolicyArea, Priority } from '../../shared/enums';
import { Milestone } from './milestone.entity';
import { Roadmap } from './roadmap.entity';

/** A commitment on a roadmap. */
@Entity('action_items')
export class ActionItem extends Authored {
  @Column({ type: 'uuid' })
  roadmapId: string;

  @ManyToOne(() => Roadmap, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'roadmap_id' })
  roadmap: Roadmap;

  @Column({ type: 'jsonb' })
  title: LocalizedText;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  description: LocalizedText;

  @Column({ type: 'uuid', nullable: true })
  workingGroupId: string | null;

  @Column({ type: 'uuid' })
  leadOrganizationId: string;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'lead_organization_id' })
  leadOrganization: Organization;

  @ManyToMany(() => Organization)
  @JoinTable({
    name: 'action_item_supporters',
    joinColumn: { name: 'action_item_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'organization_id', referencedColumnName: 'id' },
  })
  supportingOrganizations: Organization[];

  @Column({ type: 'uuid', nullable: true })
  originRoundtableId: string | null;

  @Column({ type: 'uuid', nullable: true })
  originDecisionId: string | null;

  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'text', default: 'medium' })
  priority: Priority;

  @Column({ type: 'text' })
  policyArea: PolicyArea;

  @Column({ type: 'text', default: 'proposed' })
  status: ActionItemStatus;

  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ type: 'integer', default: 0 })
  progressManual: number;

  @OneToMany(() => Milestone, (m) => m.actionItem)
  milestones: Milestone[];
}
