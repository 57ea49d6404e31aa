import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsString, IsUUID, MaxLength } from 'class-validator';
import { LocalizedText } from '../../common/localized-text';
import { PageOf } from '../../common/page-of';
import { PageQuery } from '../../common/pagination';
import { Omittable } from '../../common/validation';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ActivityQuery extends PageQuery {
  @Omittable()
  @IsString()
  @MaxLength(60)
  entityType?: string;

  @Omittable()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @Omittable()
  @IsUUID()
  actorId?: string;

  @Omittable()
  @IsString()
  @MaxLength(60)
  action?: string;

  /** Leave out sign-ins, sign-outs and session alarms (auth.*), which otherwise fill the log. */
  @Omittable()
  @Transform(toBool)
  @IsBoolean({ message: 'withoutSessions must be true or false' })
  withoutSessions?: boolean;
}

export class ActivityOrganization {
  id: string;
  name: LocalizedText;
}

/** The person who acted, as the log names them. */
export class ActivityActor {
  id: string;
  displayName: string;
  /** The Chinese form of their name, if given. */
  nameZh: string | null;
  /** Their organization, named in both languages. */
  organization: ActivityOrganization | null;
}

/** What an entry is about, by name, and where the web app shows it. */
export class ActivityTarget {
  /** e.g. roundtable, action_item, user */
  type: string;
  id: string;
  /** Its name or title in both languages where it has them; null when it no longer exists (or has no name). */
  label: LocalizedText | null;
  /** The web app's path to it, or null when it has no page. */
  link: string | null;
  /** For a reported value or a park's period: the period (e.g. 2024, 2024-Q3). */
  period: string | null;
  /** For a reported value: the park it is about. */
  place: LocalizedText | null;
}

/** One entry of the audit trail. */
export class ActivityView {
  id: string;
  /** null for what the platform did by itself. */
  actorId: string | null;
  actorName: string | null;
  /** The actor, named with their organization; null for what the platform did by itself. */
  actor: ActivityActor | null;
  /** e.g. roundtable.status_changed */
  action: string;
  /** e.g. roundtable */
  entityType: string;
  entityId: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What changed: for an edit, each field as { from, to }; for other actions, what the action records.',
  })
  changes: Record<string, unknown>;
  /** The record the entry is about, named. */
  target: ActivityTarget;
  /** The person the change concerns when it is not the target (a member added, an approver granted): changes.userId, named. */
  subject: ActivityActor | null;
  createdAt: string;
}

export class ActivityPage extends PageOf(ActivityView) {}
