import { Transform } from 'class-transformer';
import { IsIn, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { ListOf } from '../../common/page-of';
import type { OrganizationView } from '../../organizations/dto/organization.dto';
import type { PersonRef } from '../../roundtables/dto/roundtable.dto';
import { APPROVER_LEVELS, type ApprovalState, type ApproverLevel } from '../approvals/approval-flow';
import { IsPeriod, oneOf, ParkRef } from './indicator.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class GrantApproverDto {
  @IsUUID('all', { message: 'userId must be a user id' })
  userId: string;

  @IsIn(APPROVER_LEVELS, oneOf('level', APPROVER_LEVELS))
  level: ApproverLevel;

  @Transform(trim)
  @IsString({ message: 'province is required' })
  @MinLength(1, { message: 'province is required' })
  @MaxLength(80)
  province: string;

  /** Required for a city-level approver, refused for a province-level one. */
  @ValidateIf((dto: GrantApproverDto) => dto.level === 'city' || dto.city !== undefined)
  @Transform(trim)
  @IsString({ message: 'city is required for a city-level approver' })
  @MinLength(1, { message: 'city is required for a city-level approver' })
  @MaxLength(80)
  city?: string;
}

export class ApproverPerson {
  id: string;
  displayName: string;
  /** null when the person is gone from the directory. */
  organization: OrganizationView | null;
}

export class ApproverView {
  id: string;
  user: ApproverPerson;
  level: ApproverLevel;
  province: string;
  /** null for a province-level approver. */
  city: string | null;
  /** The admin who gave the role; null when unknown (their account is gone). */
  grantedBy: PersonRef | null;
  createdAt: string;
}

export class ApproverList extends ListOf(ApproverView) {}

/** A park's period: a month, a quarter or a year. */
export class PeriodRefDto {
  @IsUUID('all', { message: 'parkId must be a park id' })
  parkId: string;

  @IsPeriod()
  period: string;
}

export class UnlockPeriodDto extends PeriodRefDto {
  @Transform(trim)
  @IsString({ message: 'reason is required to unlock a period' })
  @MinLength(1, { message: 'reason is required to unlock a period' })
  @MaxLength(1000)
  reason: string;
}

export class ApprovalQuery {
  @IsUUID('all', { message: 'parkId must be a park id' })
  parkId: string;
}

export class ApprovalStepView {
  step: 'submitted' | 'city_approved' | 'province_approved' | 'unlocked';
  actor: PersonRef | null;
  reason: string | null;
  at: string;
}

export class PeriodApprovalView {
  id: string;
  park: ParkRef;
  period: string;
  /** submitted → city_approved → locked; reopened after an unlock. */
  state: ApprovalState;
  locked: boolean;
  /** The level whose approval it awaits, if any. */
  awaiting: ApproverLevel | null;
  /** Whether the viewer holds an approver role of the awaited level for this park's city or province. */
  canApprove: boolean;
  /** Whether the viewer may unlock it: an admin, on a locked period. */
  canUnlock: boolean;
  steps: ApprovalStepView[];
}

export class PeriodApprovalList extends ListOf(PeriodApprovalView) {}
