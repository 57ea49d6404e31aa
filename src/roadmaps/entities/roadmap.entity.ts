import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { Authored } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { Organization } from '../../organizations/entities/organization.entity';

/** A plan over a period (e.g. 2020–2025), made of action items. */
@Entity('roadmaps')
export class Roadmap extends Authored {
  @Column({ type: 'jsonb' })
  title: LocalizedText;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  description: LocalizedText;

  @Column({ type: 'integer' })
  periodStart: number;

  @Column({ type: 'integer' })
  periodEnd: number;

  @Column({ type: 'uuid' })
  ownerOrganizationId: string;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'owner_organization_id' })
  ownerOrganization: Organization;
}
