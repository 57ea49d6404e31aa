import { Entity, PrimaryColumn } from 'typeorm';
import { Membership } from '../../users/entities/membership';

@Entity('working_group_members')
export class WorkingGroupMember extends Membership {
  @PrimaryColumn({ type: 'uuid' })
  workingGroupId: string;
}
