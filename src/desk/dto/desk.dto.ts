import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger } from '../../common/decorators';
import type { LocalizedText } from '../../common/localized-text';
import { ParkRef, ScopeView } from '../../indicators/dto/indicator.dto';
import { MyChannelView } from '../../realtime/dto/views';
import { ACTION_ITEM_STATUSES, type ActionItemStatus } from '../../shared/enums';

/** A meeting I take part in that has not ended yet. */
export class DeskMeetingView {
  id: string;
  title: LocalizedText;
  startsAt: string;
  endsAt: string;
  /** The venue's IANA time zone. */
  timeZone: string;
  city: string | null;
  online: boolean;
  @ApiProperty({ enum: ['facilitator', 'participant', 'observer'] })
  myRole: 'facilitator' | 'participant' | 'observer';
}

export class DeskMeetingList {
  /** How many there are in all (the list shows the first few). */
  @ApiInteger()
  total: number;
  items: DeskMeetingView[];
}

/** A commitment of my organization's (it leads or supports it). */
export class DeskCommitmentView {
  id: string;
  roadmapId: string;
  title: LocalizedText;
  /** YYYY-MM-DD, or null. */
  dueDate: string | null;
  @ApiProperty({ enum: ACTION_ITEM_STATUSES })
  status: ActionItemStatus;
}

export class DeskCommitmentList {
  @ApiInteger()
  total: number;
  items: DeskCommitmentView[];
}

export class DeskIndicatorRef {
  id: string;
  code: string;
  name: LocalizedText;
}

/** A reported value waiting for someone: to be verified, followed up, or corrected. */
export class DeskObservationView {
  id: string;
  indicator: DeskIndicatorRef;
  scope: ScopeView;
  period: string;
  reportedAt: string;
  /** Why it was rejected or sent back (values to correct), else null. */
  rejectionReason: string | null;
}

export class DeskObservationList {
  @ApiInteger()
  total: number;
  items: DeskObservationView[];
}

/** A park's period waiting for my approval at the level I approve. */
export class DeskApprovalView {
  id: string;
  park: ParkRef;
  period: string;
  @ApiProperty({ enum: ['city', 'province'] })
  awaiting: 'city' | 'province';
}

export class DeskApprovalList {
  @ApiInteger()
  total: number;
  items: DeskApprovalView[];
}

/** A value my park has not reported for a period whose due day is near or past. */
export class DeskReportDueView {
  indicator: DeskIndicatorRef;
  park: ParkRef;
  period: string;
  /** The due day (YYYY-MM-DD, UTC). */
  due: string;
  /** True once the due day has passed. */
  overdue: boolean;
}

export class DeskReportDueList {
  @ApiInteger()
  total: number;
  items: DeskReportDueView[];
}

/** My channels with messages I have not read, and the totals. */
export class DeskUnreadView {
  /** Channels with something unread. */
  @ApiInteger()
  channels: number;
  /** Unread messages that mention me, over all my channels. */
  @ApiInteger()
  mentions: number;
  items: MyChannelView[];
}

/**
 * My desk: what is waiting for me, each item a way to the place to act. A section is null when it does not concern
 * the reader's role (an observer states no positions; only facilitators and admins verify; only officers of an
 * organization that runs a park report for it; only approvers approve).
 */
export class DeskView {
  meetings: DeskMeetingList;
  /** Commitments my organization leads or supports, still open, on which it has stated no position. */
  positionsAwaited: DeskCommitmentList | null;
  /** Values awaiting verification that I did not report (facilitators and admins). */
  toVerify: DeskObservationList | null;
  /** Flagged values still to be followed up (facilitators and admins). */
  followUp: DeskObservationList | null;
  /** Park periods awaiting approval at my level (approvers). */
  approvals: DeskApprovalList | null;
  /** My parks' current values that were rejected or sent back (park officers). */
  toCorrect: DeskObservationList | null;
  /** My parks' reports due soon or overdue (park officers). */
  reportsDue: DeskReportDueList | null;
  unread: DeskUnreadView;
  /** Commitments my organization leads or supports whose due day has passed, neither completed nor dropped. */
  overdueCommitments: DeskCommitmentList | null;
}
