import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { InYearRange } from '../../common/date-range';
import { IsBoolean, IsIn, IsString, IsTimeZone, IsUrl, MaxLength, ValidateNested } from 'class-validator';
import { IsLocalizedText, type LocalizedText } from '../../common/localized-text';
import { PageQuery } from '../../common/pagination';
import { PageOf } from '../../common/page-of';
import { LOCALES, type Locale } from '../../users/entities/user.entity';
import { CONSTITUENCIES, type Constituency } from '../../organizations/entities/organization.entity';
import type { BalanceVerdict } from '../../shared/balance';
import type { RoundtableRole } from '../entities/roundtable-participant.entity';
import { ROUNDTABLE_STATUSES, ROUNDTABLE_VISIBILITIES, type RoundtableStatus, type RoundtableVisibility } from '../entities/roundtable.entity';
import { IsAfter, IsDateTime } from './validators';
import { Omittable } from '../../common/validation';
import { ApiInteger } from '../../common/decorators';

const STATUS_MESSAGE = `status must be one of ${ROUNDTABLE_STATUSES.join(', ')}`;
const VISIBILITY_MESSAGE = `visibility must be one of ${ROUNDTABLE_VISIBILITIES.join(', ')}`;

export class LocationDto {
  @Omittable()
  @IsString()
  @MaxLength(120)
  city?: string;

  @Omittable()
  @IsString()
  @MaxLength(200)
  venue?: string;

  @IsBoolean({ message: 'online must be true or false' })
  online: boolean;

  @Omittable()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http or https address' })
  @MaxLength(500)
  url?: string;
}

export class CreateRoundtableDto {
  @IsLocalizedText({ maxLength: 300 })
  title: LocalizedText;

  @Omittable()
  @IsLocalizedText({ maxLength: 5000, required: false })
  description?: LocalizedText;

  @IsDateTime()
  @InYearRange()
  startsAt: string;

  @IsDateTime()
  @InYearRange()
  @IsAfter('startsAt')
  endsAt: string;

  /** The venue's IANA time zone, e.g. Asia/Shanghai; times are shown in it beside the reader's own. */
  @Omittable()
  @IsTimeZone({ message: 'timeZone must be an IANA time zone such as Asia/Shanghai' })
  timeZone?: string;

  @Omittable()
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;

  /** Defaults to participants: a roundtable is private until its facilitators open it to the platform. */
  @Omittable()
  @IsIn(ROUNDTABLE_VISIBILITIES, { message: VISIBILITY_MESSAGE })
  visibility?: RoundtableVisibility;
}

export class UpdateRoundtableDto {
  @Omittable()
  @IsLocalizedText({ maxLength: 300 })
  title?: LocalizedText;

  @Omittable()
  @IsLocalizedText({ maxLength: 5000, required: false })
  description?: LocalizedText;

  @Omittable()
  @IsDateTime()
  @InYearRange()
  startsAt?: string;

  @Omittable()
  @IsDateTime()
  @InYearRange()
  @IsAfter('startsAt')
  endsAt?: string;

  /** The venue's IANA time zone, e.g. Asia/Shanghai; times are shown in it beside the reader's own. */
  @Omittable()
  @IsTimeZone({ message: 'timeZone must be an IANA time zone such as Asia/Shanghai' })
  timeZone?: string;

  /** Replaces the whole location. */
  @Omittable()
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;

  @Omittable()
  @IsIn(ROUNDTABLE_VISIBILITIES, { message: VISIBILITY_MESSAGE })
  visibility?: RoundtableVisibility;
}

export class RoundtableStatusDto {
  @IsIn(ROUNDTABLE_STATUSES, { message: STATUS_MESSAGE })
  status: RoundtableStatus;

  /** Required when an admin reopens a concluded roundtable; kept in the history otherwise too. */
  @Omittable()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export const WHEN = ['upcoming', 'past'] as const;

export class RoundtableQuery extends PageQuery {
  @Omittable()
  @IsIn(ROUNDTABLE_STATUSES, { message: STATUS_MESSAGE })
  status?: RoundtableStatus;

  /** upcoming: not yet ended, soonest first; past: ended, latest first. Without it: latest start first. */
  @Omittable()
  @IsIn(WHEN, { message: `when must be one of ${WHEN.join(', ')}` })
  when?: (typeof WHEN)[number];

  @Omittable()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class CalendarQuery {
  @Omittable()
  @IsIn(LOCALES, { message: `lang must be one of ${LOCALES.join(', ')}` })
  lang?: Locale;
}

export class HistoryQuery extends PageQuery {}

export class PersonRef {
  id: string;
  displayName: string;
}

export class LocationView {
  city: string | null;
  venue: string | null;
  online: boolean;
  url: string | null;
}

export class ParticipantCounts {
  @ApiInteger()
  facilitator: number;

  @ApiInteger()
  participant: number;

  @ApiInteger()
  observer: number;

  /** People whose attendance is recorded as present. */
  @ApiInteger()
  attended: number;

  @ApiInteger()
  total: number;
}

export class RoundtableView {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  startsAt: string;
  endsAt: string;
  /** The venue's IANA time zone. */
  timeZone: string;
  location: LocationView;
  status: RoundtableStatus;
  visibility: RoundtableVisibility;
  createdBy: PersonRef | null;
  participantCounts: ParticipantCounts;
  /** The verdict of GET /:id/balance. */
  verdict: BalanceVerdict;
  /** The viewer's role at this roundtable, or null when they do not take part. */
  myRole: RoundtableRole | null;
  /** Whether the viewer may edit it, change its status and keep its participants, agenda, minutes and decisions. */
  canManage: boolean;
  /** When the agenda was last circulated to those taking part (POST /:id/agenda/circulate), or null. */
  agendaCirculatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What circulating the agenda did. */
export class AgendaCirculationView {
  roundtableId: string;
  agendaCirculatedAt: string;
  /** Everyone taking part but the sender: each got an in-app notification. */
  @ApiInteger()
  notified: number;
  /** Of them, those mailed at once (the others chose the daily digest or no mail for agendas). */
  @ApiInteger()
  mailed: number;
}

export class RoundtablePage extends PageOf(RoundtableView) {}

/** How many people of each constituency. */
export class ConstituencyCounts {
  @ApiInteger()
  government: number;

  @ApiInteger()
  employers: number;

  @ApiInteger()
  workers: number;

  @ApiInteger()
  park_management: number;

  @ApiInteger()
  civil_society: number;

  @ApiInteger()
  academia: number;

  @ApiInteger()
  international: number;
}

export class TripartiteBalanceView {
  /** Every constituency, including those with nobody. */
  byConstituency: ConstituencyCounts;
  verdict: BalanceVerdict;
  /** The tripartite constituencies with nobody (only when the verdict is missing). */
  missing: Constituency[];
}

export class RoundtableBalanceView {
  /** Everyone invited to speak: roundtable role participant or facilitator. */
  invited: TripartiteBalanceView;
  /** Those of them recorded as present. */
  attending: TripartiteBalanceView;
  /** attending's verdict once any attendance is recorded, else invited's. */
  verdict: BalanceVerdict;
  /** Women's share of the people the verdict counts, overall and per constituency; below 30% is flagged. */
  gender: GenderBalanceView;
}

export class GenderCountView {
  @ApiInteger()
  total: number;
  @ApiInteger()
  women: number;
  @ApiInteger()
  men: number;
  /** Chose not to say, or never answered. */
  @ApiInteger()
  notStated: number;
  /** Women among those who stated their sex (0–1); null when nobody did. */
  womenShare: number | null;
  /** Below the ILO minimum of 30% women. */
  belowTarget: boolean;
}

export class ConstituencyGenderView extends GenderCountView {
  @ApiProperty({ enum: CONSTITUENCIES })
  constituency: Constituency;
}

export class GenderBalanceView extends GenderCountView {
  /** Every constituency, in the catalogue's order. */
  byConstituency: ConstituencyGenderView[];
}

/** A working group's tripartite balance and the women's share of its members. */
export class WorkingGroupBalanceView extends TripartiteBalanceView {
  gender: GenderBalanceView;
}
