import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import type { LocalizedText } from '../../common/localized-text';
import { toInt } from '../../common/pagination';
import { Omittable } from '../../common/validation';
import { GenderBalanceView, RoundtableBalanceView } from '../../roundtables/dto/roundtable.dto';
import { ACTION_ITEM_STATUSES, CONSTITUENCIES, type ActionItemStatus, type Constituency } from '../../shared/enums';
import { ClosedVoteView } from '../../votes/dto/vote.dto';
import { REPORT_LANGUAGES } from './report.dto';

export const CONSULTATION_FORMATS = ['json', 'csv', 'pdf'] as const;
export type ConsultationFormat = (typeof CONSULTATION_FORMATS)[number];

export class ConsultationQuery {
  /** The calendar year (a meeting belongs to the year of its start in the venue's time zone). */
  @ApiProperty({ type: 'integer', minimum: 1990, maximum: 2100, example: 2019 })
  @Transform(toInt)
  @IsInt({ message: 'year must be a whole number, e.g. 2019' })
  @Min(1990, { message: 'year must be between 1990 and 2100' })
  @Max(2100, { message: 'year must be between 1990 and 2100' })
  year: number;

  /** json (the default), csv (one row per meeting) or pdf. */
  @Omittable()
  @IsIn(CONSULTATION_FORMATS, { message: `format must be one of ${CONSULTATION_FORMATS.join(', ')}` })
  format?: ConsultationFormat;

  /** For the PDF: en, zh, or both side by side (the default). */
  @Omittable()
  @IsIn(REPORT_LANGUAGES, { message: `lang must be one of ${REPORT_LANGUAGES.join(', ')}` })
  lang?: (typeof REPORT_LANGUAGES)[number];
}

/** The same query for the .csv and .pdf paths: the format is in the path. */
export class ConsultationFileQuery {
  @ApiProperty({ type: 'integer', minimum: 1990, maximum: 2100, example: 2019 })
  @Transform(toInt)
  @IsInt({ message: 'year must be a whole number, e.g. 2019' })
  @Min(1990, { message: 'year must be between 1990 and 2100' })
  @Max(2100, { message: 'year must be between 1990 and 2100' })
  year: number;

  @Omittable()
  @IsIn(REPORT_LANGUAGES, { message: `lang must be one of ${REPORT_LANGUAGES.join(', ')}` })
  lang?: (typeof REPORT_LANGUAGES)[number];
}

export class RepresentedOrganizationView {
  name: LocalizedText;
  @ApiProperty({ enum: CONSTITUENCIES })
  constituency: Constituency;
  /** How many of its people took part (attended, or invited where attendance was not recorded). */
  @ApiProperty({ type: 'integer' })
  people: number;
}

/** A commitment that came out of the meeting, with the outcome of the last vote on it. */
export class ConsultationCommitmentView {
  id: string;
  title: LocalizedText;
  @ApiProperty({ enum: ACTION_ITEM_STATUSES })
  status: ActionItemStatus;
  leadOrganization: LocalizedText;
  dueDate: string | null;
  /** Whether the last closed vote on it adopted it; null when it was never put to a vote. */
  voteAdopted: boolean | null;
}

/** A closed vote in the report, with the text (decision) or title (commitment) it was on. */
export class ConsultationVoteView extends ClosedVoteView {
  subject: LocalizedText;
}

export class ConsultationMeetingView {
  id: string;
  title: LocalizedText;
  startsAt: string;
  endsAt: string;
  /** The venue's time zone; the meeting's date is given in it. */
  timeZone: string;
  /** The day it started, in the venue's time zone (YYYY-MM-DD). */
  date: string;
  city: string | null;
  online: boolean;
  status: string;
  /** The agenda items, in order. */
  topics: LocalizedText[];
  /** The constituencies represented among those who took part. */
  @ApiProperty({ enum: CONSTITUENCIES, isArray: true })
  constituencies: Constituency[];
  organizations: RepresentedOrganizationView[];
  /** The tripartite balance (invited and attending) and women's share, with the 30% warning and the not-stated count. */
  balance: RoundtableBalanceView;
  /** Closed votes on its decisions and on the commitments that came out of it, oldest first. */
  votes: ConsultationVoteView[];
  commitments: ConsultationCommitmentView[];
}

export class ConsultationSummaryView {
  @ApiProperty({ type: 'integer' })
  meetings: number;
  /** Distinct organizations represented over the year. */
  @ApiProperty({ type: 'integer' })
  organizations: number;
  /** Meetings where government, employers and workers were all represented. */
  @ApiProperty({ type: 'integer' })
  tripartiteMeetings: number;
  @ApiProperty({ type: 'integer' })
  votes: number;
  @ApiProperty({ type: 'integer' })
  votesAdopted: number;
  @ApiProperty({ type: 'integer' })
  commitments: number;
  /** Women's share over every seat taken at the year's meetings (a person at two meetings counts twice). */
  gender: GenderBalanceView;
}

/** ILO Convention No. 144: the tripartite consultations held in a year. */
export class ConsultationReportView {
  @ApiProperty({ type: 'integer' })
  year: number;
  /** The ILO minimum target for women in delegations (0.3). */
  womenMinShare: number;
  generatedAt: string;
  summary: ConsultationSummaryView;
  meetings: ConsultationMeetingView[];
}
