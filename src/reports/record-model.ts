import type { LocalizedText } from '../common/localized-text';
import type { Constituency } from '../shared/enums';

/** A file attached to the roundtable (or one of its parts), as the record lists it. */
export interface RecordDocument {
  name: string;
  /** What it is attached to, e.g. the agenda item's title; absent for the roundtable itself. */
  attachedTo?: LocalizedText;
  sizeBytes?: number;
  uploadedAt?: string;
}

export interface RecordPerson {
  name: string;
  role: 'facilitator' | 'participant' | 'observer';
  attended: boolean | null;
  organization: LocalizedText;
  constituency: Constituency;
  /** Where recorded (e.g. 'female', 'male'); absent when the platform keeps none. */
  sex?: string | null;
}

export interface RecordAgendaItem {
  id: string;
  title: LocalizedText;
  presenter: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  minutes: LocalizedText | null;
  minutesRevision: number | null;
  comments: { author: string | null; text: string; createdAt: Date }[];
}

export interface RecordDecision {
  id: string;
  text: LocalizedText;
  adoption: 'consensus' | 'constituencies';
  constituencies: Constituency[];
  /** Constituencies present at the meeting that did not adopt it. */
  reservations: Constituency[];
  agendaItemTitle: LocalizedText | null;
  actionItemId: string | null;
}

export interface RecordCommitment {
  title: LocalizedText;
  status: string;
  dueDate: string | null;
  leadOrganization: LocalizedText;
}

/** Everything the official record of a roundtable holds, gathered once and rendered as PDF or Word. */
export interface RoundtableRecord {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  place: { city: string | null; venue: string | null; online: boolean; url: string | null };
  status: string;
  organisers: string[];
  people: RecordPerson[];
  agenda: RecordAgendaItem[];
  minutes: {
    status: 'draft' | 'circulated' | 'adopted' | 'locked';
    commentDeadline: Date | null;
    adoptedAt: Date | null;
    adoptedBy: string | null;
    lockedAt: Date | null;
    objections: { name: string | null; statement: string }[];
    corrigenda: { number: number; agendaItemTitle: LocalizedText | null; text: LocalizedText; createdAt: Date }[];
  };
  decisions: RecordDecision[];
  commitments: RecordCommitment[];
  documents: RecordDocument[];
}
