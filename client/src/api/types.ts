/** Response and request shapes of the GreenTable REST API (/api), as the server sends them (camelCase JSON). */

import {
  ADOPTIONS,
  AGGREGATIONS,
  CHANNEL_KINDS,
  COMPLETION_LEVELS,
  CONSENSUS_STATES,
  CONSTITUENCIES,
  DIRECTIONS,
  DISAGGREGATION_KEYS,
  DISAGGREGATIONS,
  LOCALES,
  PARK_LEVELS,
  POLICY_AREAS,
  ROLES,
  ROUNDTABLE_ROLES,
  ROUNDTABLE_STATUSES,
  SCOPE_TYPES,
  STANCES,
  TRAJECTORIES,
  TRIPARTITE,
  WORKING_GROUP_STATUSES,
  CATEGORIES as INDICATOR_CATEGORIES,
  UNITS as INDICATOR_UNITS,
  type ActionItemStatus,
  type Adoption,
  type Aggregation,
  type ChannelKind,
  type CompletionLevel,
  type ConsensusState,
  type Constituency,
  type Direction,
  type IndicatorCategory,
  type InvitationStatus,
  type Locale,
  type ObservationStatus,
  type ParkLevel,
  type PolicyArea,
  type Priority,
  type Role,
  type RoundtableRole,
  type RoundtableStatus,
  type RoundtableVisibility,
  type ScopeType,
  type Stance,
  type Trajectory,
  type WorkingGroupStatus,
  type Unit as IndicatorUnit,
} from '@shared/enums';
import type { BalanceVerdict } from '@shared/balance';

export {
  ADOPTIONS,
  AGGREGATIONS,
  CHANNEL_KINDS,
  COMPLETION_LEVELS,
  CONSENSUS_STATES,
  CONSTITUENCIES,
  DIRECTIONS,
  DISAGGREGATION_KEYS,
  DISAGGREGATIONS,
  LOCALES,
  PARK_LEVELS,
  POLICY_AREAS,
  ROLES,
  ROUNDTABLE_ROLES,
  ROUNDTABLE_STATUSES,
  SCOPE_TYPES,
  STANCES,
  TRAJECTORIES,
  TRIPARTITE,
  WORKING_GROUP_STATUSES,
  INDICATOR_CATEGORIES,
  INDICATOR_UNITS,
  type ActionItemStatus,
  type Adoption,
  type Aggregation,
  type ChannelKind,
  type CompletionLevel,
  type ConsensusState,
  type Constituency,
  type Direction,
  type IndicatorCategory,
  type InvitationStatus,
  type Locale,
  type ObservationStatus,
  type ParkLevel,
  type PolicyArea,
  type Priority,
  type Role,
  type RoundtableRole,
  type RoundtableStatus,
  type RoundtableVisibility,
  type ScopeType,
  type Stance,
  type Trajectory,
  type WorkingGroupStatus,
  type IndicatorUnit,
};
export { BALANCE_VERDICTS, type BalanceVerdict, type RoundtableBalance, type TripartiteBalance } from '@shared/balance';

/** In the order of the board's columns (the delayed beside those under way). */
export const ACTION_ITEM_STATUSES: readonly ActionItemStatus[] = ['proposed', 'agreed', 'in_progress', 'delayed', 'completed', 'dropped'];
/** Most pressing first, as pickers offer them. */
export const PRIORITIES: readonly Priority[] = ['high', 'medium', 'low'];
/** The narrower choice first, as the roundtable form offers it. */
export const ROUNDTABLE_VISIBILITIES: readonly RoundtableVisibility[] = ['participants', 'platform'];


/** Text written in two languages; at least one is given. */
export interface LocalizedText {
  en?: string;
  zh?: string;
}

export interface FieldErrorDetail {
  field: string;
  message: string;
}

/** The one error body of the API. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: FieldErrorDetail[];
  retryAfterSeconds?: number;
  /** 409 on a status move: the moves allowed from the current status. */
  allowed?: unknown[];
  /** 409 on promoting a decision twice: the commitment it already became. */
  actionItemId?: unknown;
}

export interface Organization {
  id: string;
  name: LocalizedText;
  constituency: Constituency;
  region: string | null;
}

export interface User {
  id: string;
  displayName: string;
  /** Only shown to the user themself, admins and facilitators. */
  email?: string;
  role: Role;
  locale: Locale;
  active: boolean;
  organization: Organization;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: User;
}

export interface Park {
  id: string;
  name: LocalizedText;
  city: string;
  province: string;
  level: ParkLevel;
  organization: Organization | null;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  organization: { id: string; name: LocalizedText; constituency: Constituency };
  status: InvitationStatus;
  expiresAt: string;
  createdAt: string;
  invitedBy: string | null;
}

/** Only the answer to creating an invitation carries its secret token. */
export interface CreatedInvitation extends Invitation {
  token: string;
  acceptPath: string;
}

export interface ActivityEntry {
  id: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  changes: Record<string, unknown>;
  createdAt: string;
}

export interface ItemList<T> {
  items: T[];
}

export interface Page<T> extends ItemList<T> {
  nextCursor: string | null;
}

// Requests

export interface LoginRequest {
  email: string;
  password: string;
}

export interface UpdateMeRequest {
  displayName?: string;
  locale?: Locale;
  newPassword?: string;
  currentPassword?: string;
}

export interface OrganizationInput {
  name: LocalizedText;
  constituency: Constituency;
  region?: string;
}

export interface OrganizationQuery {
  constituency?: Constituency;
  q?: string;
}

export interface UserQuery {
  organizationId?: string;
  role?: Role;
  active?: boolean;
  q?: string;
}

export interface UserUpdate {
  displayName?: string;
  role?: Role;
  organizationId?: string;
  active?: boolean;
  locale?: Locale;
}

export interface ParkQuery {
  province?: string;
  city?: string;
  level?: ParkLevel;
  q?: string;
}

export interface ParkInput {
  name: LocalizedText;
  city: string;
  province: string;
  level: ParkLevel;
  /** null detaches the park from its organization (on update). */
  organizationId?: string | null;
}

export interface InvitationRequest {
  email: string;
  organizationId: string;
  role: Role;
}

export interface AcceptInvitationRequest {
  displayName: string;
  password: string;
}

export interface ActivityQuery {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  limit?: number;
  cursor?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Roundtables


export interface PersonRef {
  id: string;
  displayName: string;
}

export interface RoundtableLocation {
  city: string | null;
  venue: string | null;
  online: boolean;
  url: string | null;
}

export interface ParticipantCounts {
  facilitator: number;
  participant: number;
  observer: number;
  attended: number;
  total: number;
}

export interface Roundtable {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  startsAt: string;
  endsAt: string;
  location: RoundtableLocation;
  status: RoundtableStatus;
  visibility: RoundtableVisibility;
  createdBy: PersonRef | null;
  participantCounts: ParticipantCounts;
  verdict: BalanceVerdict;
  myRole: RoundtableRole | null;
  canManage: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface RoundtableQuery {
  status?: RoundtableStatus;
  when?: 'upcoming' | 'past';
  q?: string;
  limit?: number;
  cursor?: string;
}

export interface RoundtableInput {
  title: LocalizedText;
  description?: LocalizedText;
  startsAt: string;
  endsAt: string;
  location?: { city?: string; venue?: string; online: boolean; url?: string };
  visibility?: RoundtableVisibility;
}

export interface Participant {
  userId: string;
  displayName: string;
  role: RoundtableRole;
  /** true: present; false: absent; null: not recorded. */
  attended: boolean | null;
  organization: Organization;
  constituency: Constituency;
  addedAt: string;
}

export interface AddedParticipants {
  added: Participant[];
  skippedUserIds: string[];
}

export interface Minutes {
  agendaItemId: string;
  revision: number;
  text: LocalizedText;
  author: PersonRef | null;
  createdAt: string;
}

export interface AgendaItem {
  id: string;
  roundtableId: string;
  position: number;
  title: LocalizedText;
  presenter: PersonRef | null;
  presenterName: string | null;
  startsAt: string | null;
  endsAt: string | null;
  minutes: Minutes | null;
  createdAt: string;
  updatedAt: string;
}

export interface AgendaItemInput {
  title?: LocalizedText;
  presenterId?: string | null;
  presenterName?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  position?: number;
}

export interface Decision {
  id: string;
  roundtableId: string;
  text: LocalizedText;
  adoption: Adoption;
  constituencies: Constituency[];
  actionItemId: string | null;
  createdBy: PersonRef | null;
  createdAt: string;
  updatedAt: string;
}

export interface DecisionInput {
  text?: LocalizedText;
  adoption?: Adoption;
  constituencies?: Constituency[];
}


// ---------------------------------------------------------------------------------------------------------------
// Working groups


export interface WorkingGroup {
  id: string;
  name: LocalizedText;
  mandate: LocalizedText;
  chair: { id: string; displayName: string; organization: Organization };
  formedByRoundtableId: string | null;
  formedByRoundtable: { id: string; title: LocalizedText } | null;
  status: WorkingGroupStatus;
  memberCount: number;
  verdict: BalanceVerdict;
  isMember: boolean;
  canManage: boolean;
  canManageMembers: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface WorkingGroupMember {
  userId: string;
  displayName: string;
  organization: Organization;
  constituency: Constituency;
  isChair: boolean;
  addedAt: string;
}

export interface WorkingGroupQuery {
  status?: WorkingGroupStatus;
  formedByRoundtableId?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

export interface WorkingGroupInput {
  name?: LocalizedText;
  mandate?: LocalizedText;
  chairId?: string;
  formedByRoundtableId?: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Roadmaps and action items (commitments)


export interface Roadmap {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  periodStart: number;
  periodEnd: number;
  ownerOrganization: Organization;
  itemCount: number;
  createdAt: string;
}

export interface RoadmapInput {
  title?: LocalizedText;
  description?: LocalizedText;
  periodStart?: number;
  periodEnd?: number;
  ownerOrganizationId?: string;
}

export interface Milestone {
  id: string;
  title: LocalizedText;
  dueDate: string | null;
  completedAt: string | null;
  position: number;
}

export interface Position {
  id: string;
  organization: Organization;
  stance: Stance;
  statement: string;
  author: PersonRef | null;
  createdAt: string;
  supersededAt: string | null;
}

export interface ActionItem {
  id: string;
  roadmapId: string;
  title: LocalizedText;
  description: LocalizedText;
  workingGroup: { id: string; name: LocalizedText } | null;
  leadOrganization: Organization;
  supportingOrganizations: Organization[];
  origin: { roundtableId: string | null; decisionId: string | null };
  dueDate: string | null;
  priority: Priority;
  policyArea: PolicyArea;
  status: ActionItemStatus;
  statusReason: string | null;
  allowedTransitions: ActionItemStatus[];
  progress: number;
  progressFromMilestones: boolean;
  completionLevel: CompletionLevel;
  consensus: ConsensusState;
  milestones: { total: number; done: number };
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ActionItemDetail extends ActionItem {
  milestoneList: Milestone[];
  positions: Position[];
  can: { changeStatus: boolean; edit: boolean; statePosition: boolean };
}

export type ActionItemSort = 'dueDate' | '-dueDate' | 'priority' | '-priority' | 'status' | 'updatedAt' | '-updatedAt' | 'title';

export interface ActionItemQuery {
  roadmapId?: string;
  status?: ActionItemStatus[];
  workingGroupId?: string;
  organizationId?: string;
  policyArea?: PolicyArea;
  q?: string;
  sort?: ActionItemSort;
  limit?: number;
}

export interface ActionItemInput {
  roadmapId?: string;
  originDecisionId?: string;
  title?: LocalizedText;
  description?: LocalizedText;
  workingGroupId?: string | null;
  leadOrganizationId?: string;
  supportingOrganizationIds?: string[];
  dueDate?: string | null;
  priority?: Priority;
  policyArea?: PolicyArea;
  progress?: number;
  reason?: string;
}

export interface ProgressTally {
  total: number;
  byStatus: Record<ActionItemStatus, number>;
  overdue: number;
  averageProgress: number;
  byCompletionLevel: Record<CompletionLevel, number>;
  byConsensus: Record<ConsensusState, number>;
}

export interface RoadmapProgress extends ProgressTally {
  roadmapId: string;
  overdueItems: { id: string; title: LocalizedText; dueDate: string | null; status: ActionItemStatus; leadOrganization: Organization }[];
  byWorkingGroup: (ProgressTally & { workingGroup: { id: string; name: LocalizedText } | null })[];
  byLeadConstituency: (ProgressTally & { constituency: Constituency })[];
}

// Indicators, observations and indicator links (docs/indicators.md)

export type ReportOutcome = 'inserted' | 'superseded' | 'unchanged';


export interface Indicator {
  id: string;
  code: string;
  category: IndicatorCategory;
  dimension: string;
  name: LocalizedText;
  definition: LocalizedText;
  unit: IndicatorUnit;
  direction: Direction;
  aggregation: Aggregation;
  disaggregations: string[];
  source: string;
  /** Observations exist: the code and the unit are locked. */
  hasObservations: boolean;
}

/** The indicator as other views embed it. */
export interface IndicatorRef {
  id: string;
  code: string;
  name: LocalizedText;
  unit: IndicatorUnit;
  direction: Direction;
}

export interface IndicatorQuery {
  category?: IndicatorCategory;
  dimension?: string;
  q?: string;
}

export interface IndicatorInput {
  code?: string;
  category?: IndicatorCategory;
  dimension?: string;
  name?: LocalizedText;
  definition?: LocalizedText;
  unit?: IndicatorUnit;
  direction?: Direction;
  aggregation?: Aggregation;
  disaggregations?: string[];
  source?: string;
}

export interface IndicatorScope {
  type: ScopeType;
  park: { id: string; name: LocalizedText } | null;
  province: string | null;
  city: string | null;
  /** As the CSV files write it: the park id, Province/City, or the province. */
  key: string;
}

export interface SeriesPoint {
  period: string;
  value: number;
  status: 'verified' | 'submitted';
  isDemo: boolean;
  /**
   * Roll-ups only: how many of the scope's parks the value is made of, whether that is too few to stand for the
   * scope (a sum short of a park; a mean of fewer than half of them), and whether a weighted mean could weight them all.
   */
  parkCount?: number;
  expectedParkCount?: number;
  partial?: boolean;
  weighted?: boolean;
}

export interface Series {
  indicator: IndicatorRef;
  scope: IndicatorScope;
  disaggregation: string;
  /** The unit of the points (a roll-up of a yes/no indicator is a percentage of parks). */
  unit: IndicatorUnit;
  rule: 'direct' | Aggregation;
  weightedBy: string | null;
  parks: { id: string; name: LocalizedText }[];
  points: SeriesPoint[];
}

/** One value of a park's total, on the park page. */
export interface ParkIndicatorValue {
  period: string;
  value: number;
  status: 'verified' | 'submitted';
  isDemo: boolean;
}

/** GET /api/parks/:id/indicators: every catalogue indicator with the park's latest value and the one before it. */
export interface ParkIndicators {
  park: { id: string; name: LocalizedText };
  items: { indicator: IndicatorRef; unit: IndicatorUnit; latest: ParkIndicatorValue | null; previous: ParkIndicatorValue | null }[];
}

export interface SeriesQuery {
  scopeType: ScopeType;
  scope: string;
  from?: string;
  to?: string;
  disaggregation?: string;
  status?: 'verified' | 'all';
}

export interface Observation {
  id: string;
  indicator: IndicatorRef;
  scope: IndicatorScope;
  period: string;
  periodStart: string;
  periodEnd: string;
  disaggregation: string;
  value: number;
  source: string;
  notes: string;
  status: ObservationStatus;
  isDemo: boolean;
  reportedBy: PersonRef | null;
  reportedAt: string;
  reviewedBy: PersonRef | null;
  reviewedAt: string | null;
  rejectionReason: string | null;
  supersedesId: string | null;
  supersededById: string | null;
  supersededAt: string | null;
  current: boolean;
  importId: string | null;
}

export interface ReportedObservation extends Observation {
  outcome: ReportOutcome;
}

export interface ObservationQuery {
  indicatorId?: string;
  scopeType?: ScopeType;
  scope?: string;
  /** Lists hold current values, never a superseded one. */
  status?: Exclude<ObservationStatus, 'superseded'>;
  from?: string;
  to?: string;
  order?: 'newest' | 'oldest';
  limit?: number;
  cursor?: string;
}

export interface ObservationInput {
  indicatorId: string;
  scopeType: ScopeType;
  parkId?: string;
  city?: string;
  province?: string;
  period: string;
  disaggregation?: string;
  value: number;
  source?: string;
  notes?: string;
}

export interface ObservationCorrection {
  value: number;
  source?: string;
  notes?: string;
}

export interface ImportError {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number;
  field: string;
  message: string;
}

export interface ImportReport {
  ok: boolean;
  dryRun: boolean;
  rows: number;
  inserted: number;
  superseded: number;
  unchanged: number;
  errors: ImportError[];
  /** All errors, when more than listed. */
  errorCount: number;
  importId: string | null;
}


export interface IndicatorLink {
  id: string;
  actionItemId: string;
  indicator: IndicatorRef;
  scope: IndicatorScope;
  disaggregation: string;
  unit: IndicatorUnit;
  baseline: { value: number; date: string };
  target: { value: number; date: string };
  trajectory: Trajectory;
  /** Rolled up: the latest period enough of the scope's parks reported for (parkCount of expectedParkCount). */
  latest: { period: string; value: number; date: string; isDemo: boolean; rolledUp: boolean; parkCount?: number; expectedParkCount?: number } | null;
  expected: number | null;
  ratio: number | null;
}

export interface IndicatorLinkInput {
  indicatorId: string;
  scopeType: ScopeType;
  parkId?: string;
  city?: string;
  province?: string;
  disaggregation?: string;
  baselineValue: number;
  baselineDate: string;
  targetValue: number;
  targetDate: string;
}

export type IndicatorLinkUpdate = Partial<Pick<IndicatorLinkInput, 'baselineValue' | 'baselineDate' | 'targetValue' | 'targetDate'>>;

export interface IndicatorHealth {
  roadmapId: string;
  asOf: string;
  counts: Record<Trajectory, number>;
  items: {
    actionItem: { id: string; title: LocalizedText; status: string; leadOrganizationId?: string };
    trajectory: Trajectory | null;
    links: IndicatorLink[];
  }[];
  offTrack: { id: string; title: LocalizedText; indicators: { linkId: string; code: string; scope: IndicatorScope }[] }[];
}

// ---------------------------------------------------------------------------------------------------------------
// Discussion


export interface Channel {
  id: string;
  kind: ChannelKind;
  refId: string | null;
  lastSeq: number;
  createdAt: string;
  access: { read: boolean; post: boolean; moderate: boolean };
}

export interface ChatMessage {
  id: string;
  channelId: string;
  seq: number;
  clientMessageId: string;
  author: { id: string; displayName: string; organization: { id: string; name: LocalizedText }; constituency: Constituency };
  /** null once a moderator removed it. */
  body: string | null;
  parentId: string | null;
  createdAt: string;
  editedAt: string | null;
  removed: { at: string; by: PersonRef | null; reason: string } | null;
  mentions: string[];
}

export interface MessagePage {
  items: ChatMessage[];
  hasMore: boolean;
}

export interface AppNotification {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationPage extends Page<AppNotification> {
  unreadCount: number;
}
