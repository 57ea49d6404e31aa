import { IsIn, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { IsLocalizedText, type LocalizedText } from '../../common/localized-text';
import { PageQuery } from '../../common/pagination';
import { ListOf, PageOf } from '../../common/page-of';
import type { OrganizationView } from '../../organizations/dto/organization.dto';
import type { Constituency } from '../../organizations/entities/organization.entity';
import type { BalanceVerdict } from '../../shared/balance';
import { WORKING_GROUP_STATUSES, type WorkingGroupStatus } from '../entities/working-group.entity';
import { Omittable } from '../../common/validation';
import { ApiInteger } from '../../common/decorators';

const STATUS_MESSAGE = `status must be one of ${WORKING_GROUP_STATUSES.join(', ')}`;

export class CreateWorkingGroupDto {
  @IsLocalizedText({ maxLength: 200 })
  name: LocalizedText;

  @IsLocalizedText({ maxLength: 5000 })
  mandate: LocalizedText;

  /** The chair becomes a member. */
  @IsUUID('all', { message: 'chairId must be a UUID' })
  chairId: string;

  /** Must be a roundtable the creator can see. */
  @Omittable()
  @IsUUID('all', { message: 'formedByRoundtableId must be a UUID' })
  formedByRoundtableId?: string;
}

export class UpdateWorkingGroupDto {
  @Omittable()
  @IsLocalizedText({ maxLength: 200 })
  name?: LocalizedText;

  @Omittable()
  @IsLocalizedText({ maxLength: 5000 })
  mandate?: LocalizedText;

  @Omittable()
  @IsUUID('all', { message: 'chairId must be a UUID' })
  chairId?: string;

  /** null detaches the group from the roundtable. */
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID('all', { message: 'formedByRoundtableId must be a UUID' })
  formedByRoundtableId?: string | null;

  /** The same moves as POST /:id/status. */
  @Omittable()
  @IsIn(WORKING_GROUP_STATUSES, { message: STATUS_MESSAGE })
  status?: WorkingGroupStatus;
}

export class WorkingGroupStatusDto {
  @IsIn(WORKING_GROUP_STATUSES, { message: STATUS_MESSAGE })
  status: WorkingGroupStatus;

  @Omittable()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class AddMemberDto {
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId: string;
}

export class MemberParam {
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @IsUUID('all', { message: 'userId must be a UUID' })
  userId: string;
}

export class WorkingGroupQuery extends PageQuery {
  @Omittable()
  @IsIn(WORKING_GROUP_STATUSES, { message: STATUS_MESSAGE })
  status?: WorkingGroupStatus;

  @Omittable()
  @IsUUID('all', { message: 'formedByRoundtableId must be a UUID' })
  formedByRoundtableId?: string;

  @Omittable()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class WorkingGroupHistoryQuery extends PageQuery {}

export class MemberView {
  userId: string;
  displayName: string;
  organization: OrganizationView;
  constituency: Constituency;
  isChair: boolean;
  addedAt: string;
}

export class WorkingGroupChair {
  id: string;
  displayName: string;
  organization: OrganizationView;
}

export class RoundtableRef {
  id: string;
  title: LocalizedText;
}

export class WorkingGroupView {
  id: string;
  name: LocalizedText;
  mandate: LocalizedText;
  chair: WorkingGroupChair;
  /** The roundtable that formed the group, when the viewer may see it (null otherwise, as for a group formed by none). */
  formedByRoundtableId: string | null;
  /** The forming roundtable's title, when the viewer may see that roundtable. */
  formedByRoundtable: RoundtableRef | null;
  status: WorkingGroupStatus;

  @ApiInteger()
  memberCount: number;

  verdict: BalanceVerdict;
  isMember: boolean;
  /** May edit it and change its status (admins and facilitators). */
  canManage: boolean;
  /** May add and remove members (admins, facilitators and the chair). */
  canManageMembers: boolean;
  createdAt: string;
  updatedAt: string;
}

export class WorkingGroupPage extends PageOf(WorkingGroupView) {}
export class MemberList extends ListOf(MemberView) {}
