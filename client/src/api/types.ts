/**
 * The app's names for the shapes of the GreenTable REST API (/api). Each is the server's own, read from openapi.json
 * (generated into schema.gen.ts: `npm run api:types`); the vocabularies are the server's too, from src/shared.
 */

import type { ActionItemStatus, Priority, RoundtableVisibility } from '@shared/enums';
import type { Body, components, Draft, Item, Ok, Query } from './schema';

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
  SEXES,
  QUEUE_ORDERS,
  VOTE_ANSWERS,
  VOTE_BALLOTS,
  VOTE_KINDS,
  VOTE_RULES,
  CATEGORIES as INDICATOR_CATEGORIES,
  UNITS as INDICATOR_UNITS,
  type ActionItemSort,
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
  type Sex,
  type QueueOrder,
  type VoteBallot,
  type VoteKind,
  type VoteRule,
  type Unit as IndicatorUnit,
} from '@shared/enums';

/** In the order of the board's columns (the delayed beside those under way). */
export const ACTION_ITEM_STATUSES: readonly ActionItemStatus[] = ['proposed', 'agreed', 'in_progress', 'delayed', 'completed', 'dropped'];
/** Most pressing first, as pickers offer them. */
export const PRIORITIES: readonly Priority[] = ['high', 'medium', 'low'];
/** The narrower choice first, as the roundtable form offers it. */
export const ROUNDTABLE_VISIBILITIES: readonly RoundtableVisibility[] = ['participants', 'platform'];

export { BALANCE_VERDICTS, type BalanceVerdict } from '@shared/balance';

// Envelopes

/** A list answer: `{ items }`. */
export type ItemList<T> = Omit<Ok<'/api/roadmaps', 'get'>, 'items'> & { items: T[] };
/** A page of a list read by cursor: `{ items, nextCursor }`. */
export type Page<T> = Omit<Ok<'/api/activity', 'get'>, 'items'> & { items: T[] };

/** The one error body of the API. */
export type ApiErrorBody = components['schemas']['ErrorResponse'];
export type FieldErrorDetail = NonNullable<ApiErrorBody['details']>[number];

// Directory, accounts, invitations, activity

export type Organization = Ok<'/api/organizations/{id}', 'get'>;
/** Text written in two languages; at least one is given. */
export type LocalizedText = Organization['name'];
export type User = Ok<'/api/users/{id}', 'get'>;
export type Session = Ok<'/api/auth/login', 'post'>;
export type Park = Ok<'/api/parks/{id}', 'get'>;
export type Invitation = Item<Ok<'/api/invitations', 'get'>>;
/** Only the answer to creating an invitation carries its secret token. */
export type CreatedInvitation = Ok<'/api/invitations', 'post'>;
export type ActivityEntry = Item<Ok<'/api/activity', 'get'>>;

export type LoginRequest = Body<'/api/auth/login', 'post'>;
export type UpdateMeRequest = Body<'/api/auth/me', 'patch'>;
export type OrganizationInput = Body<'/api/organizations', 'post'>;
export type OrganizationUpdate = Body<'/api/organizations/{id}', 'patch'>;
export type OrganizationQuery = Query<'/api/organizations', 'get'>;
export type UserQuery = Query<'/api/users', 'get'>;
export type UserUpdate = Body<'/api/users/{id}', 'patch'>;
export type ParkQuery = Query<'/api/parks', 'get'>;
export type ParkInput = Body<'/api/parks', 'post'>;
export type ParkUpdate = Body<'/api/parks/{id}', 'patch'>;
export type InvitationRequest = Body<'/api/invitations', 'post'>;
export type AcceptInvitationRequest = Body<'/api/invitations/{token}/accept', 'post'>;
export type ActivityQuery = Query<'/api/activity', 'get'>;

// Roundtables

export type Roundtable = Ok<'/api/roundtables/{id}', 'get'>;
export type PersonRef = NonNullable<Roundtable['createdBy']>;
export type RoundtableLocation = Roundtable['location'];
export type ParticipantCounts = Roundtable['participantCounts'];
export type RoundtableQuery = Query<'/api/roundtables', 'get'>;
export type RoundtableInput = Body<'/api/roundtables', 'post'>;
export type RoundtableUpdate = Body<'/api/roundtables/{id}', 'patch'>;
export type CalendarQuery = Query<'/api/roundtables/{id}/calendar.ics', 'get'>;
export type Participant = Item<Ok<'/api/roundtables/{id}/participants', 'get'>>;
export type AddedParticipants = Ok<'/api/roundtables/{id}/participants', 'post'>;
export type ParticipantsInput = Body<'/api/roundtables/{id}/participants', 'post'>;
export type ParticipantUpdate = Body<'/api/roundtables/{id}/participants/{userId}', 'patch'>;
export type AgendaItem = Ok<'/api/roundtables/{id}/agenda-items', 'post'>;
export type Minutes = Ok<'/api/roundtables/{id}/agenda-items/{itemId}/minutes', 'put'>;
export type AgendaItemCreate = Body<'/api/roundtables/{id}/agenda-items', 'post'>;
export type AgendaItemUpdate = Body<'/api/roundtables/{id}/agenda-items/{itemId}', 'patch'>;
/** What a form holds for creating or editing one. */
export type AgendaItemInput = Draft<AgendaItemCreate, AgendaItemUpdate>;
export type Decision = Ok<'/api/roundtables/{id}/decisions', 'post'>;
export type DocumentList = Ok<'/api/documents', 'get'>;
export type AttachedDocument = Ok<'/api/documents/{id}', 'get'>;
export type DocumentTargetType = AttachedDocument['targetType'];
export type DecisionCreate = Body<'/api/roundtables/{id}/decisions', 'post'>;
export type DecisionUpdate = Body<'/api/roundtables/{id}/decisions/{decisionId}', 'patch'>;
/** What a form holds for creating or editing one. */
export type DecisionInput = Draft<DecisionCreate, DecisionUpdate>;
export type RoundtableBalance = Ok<'/api/roundtables/{id}/balance', 'get'>;
export type MinutesRecord = Ok<'/api/roundtables/{id}/minutes', 'get'>;
export type MinutesStatus = MinutesRecord['status'];
export type MinutesStatusInput = Body<'/api/roundtables/{id}/minutes/status', 'post'>;
export type MinutesComment = Ok<'/api/roundtables/{id}/agenda-items/{itemId}/minutes/comments', 'post'>;
export type Corrigendum = Ok<'/api/roundtables/{id}/minutes/corrigenda', 'post'>;
export type CorrigendumInput = Body<'/api/roundtables/{id}/minutes/corrigenda', 'post'>;
export type ReportLanguage = NonNullable<Query<'/api/roundtables/{id}/report.pdf', 'get'>['lang']>;
export type TripartiteBalance = Ok<'/api/working-groups/{id}/balance', 'get'>;
export type GenderBalance = RoundtableBalance['gender'];
export type ConstituencyGender = GenderBalance['byConstituency'][number];

// Deciding together: votes, the speaker queue, caucuses (README "Deciding together")

export type Vote = Ok<'/api/votes/{id}', 'get'>;
export type VoteSummary = Item<Ok<'/api/roundtables/{id}/votes', 'get'>>;
export type VoteTally = Vote['tally'];
export type ConstituencyTally = VoteTally['byConstituency'][number];
export type VoteOutcome = NonNullable<Vote['outcome']>;
export type OutcomeReason = VoteOutcome['reasons'][number];
export type OpenVoteInput = Body<'/api/roundtables/{id}/votes', 'post'>;
export type OpenCommitmentVoteInput = Body<'/api/commitments/{id}/votes', 'post'>;
export type BallotInput = Body<'/api/votes/{id}/ballot', 'post'>;
export type MyBallot = Ok<'/api/votes/{id}/ballot', 'post'>;
export type DecisionVoteResult = NonNullable<Decision['voteResult']>;
export type SpeakerQueue = Ok<'/api/roundtables/{id}/queue', 'get'>;
export type SpeakerTurn = SpeakerQueue['waiting'][number];
export type GiveFloorInput = Body<'/api/roundtables/{id}/queue/floor', 'post'>;
export type Caucus = Item<Ok<'/api/roundtables/{id}/caucuses', 'get'>>;
export type CaucusConstituency = Caucus['constituency'];

// Working groups

export type WorkingGroup = Ok<'/api/working-groups/{id}', 'get'>;
export type WorkingGroupMember = Ok<'/api/working-groups/{id}/members', 'post'>;
export type WorkingGroupQuery = Query<'/api/working-groups', 'get'>;
export type WorkingGroupCreate = Body<'/api/working-groups', 'post'>;
export type WorkingGroupUpdate = Body<'/api/working-groups/{id}', 'patch'>;
/** What a form holds for creating or editing one. */
export type WorkingGroupInput = Draft<WorkingGroupCreate, WorkingGroupUpdate>;

// Roadmaps and action items (commitments)

export type Roadmap = Ok<'/api/roadmaps/{id}', 'get'>;
export type RoadmapCreate = Body<'/api/roadmaps', 'post'>;
export type RoadmapUpdate = Body<'/api/roadmaps/{id}', 'patch'>;
/** What a form holds for creating or editing one. */
export type RoadmapInput = Draft<RoadmapCreate, RoadmapUpdate>;
export type Milestone = Ok<'/api/action-items/{id}/milestones', 'post'>;
export type MilestoneInput = Body<'/api/action-items/{id}/milestones', 'post'>;
export type MilestoneUpdate = Body<'/api/action-items/{id}/milestones/{milestoneId}', 'patch'>;
export type Position = Item<Ok<'/api/action-items/{id}/positions/history', 'get'>>;
export type ActionItem = Item<Ok<'/api/action-items', 'get'>>;
export type ActionItemDetail = Ok<'/api/action-items/{id}', 'get'>;
export type ActionItemQuery = Query<'/api/action-items', 'get'>;
export type ActionItemCreate = Body<'/api/action-items', 'post'>;
export type ActionItemUpdate = Body<'/api/action-items/{id}', 'patch'>;
/** What a form holds for creating or editing one. */
export type ActionItemInput = Draft<ActionItemCreate, ActionItemUpdate>;
export type RoadmapProgress = Ok<'/api/roadmaps/{id}/progress', 'get'>;
export type ProgressTally = Omit<RoadmapProgress['byWorkingGroup'][number], 'workingGroup'>;

// Indicators, observations and indicator links (docs/indicators.md)

export type Indicator = Ok<'/api/indicators/{id}', 'get'>;
export type IndicatorQuery = Query<'/api/indicators', 'get'>;
export type IndicatorCreate = Body<'/api/indicators', 'post'>;
export type IndicatorUpdate = Body<'/api/indicators/{id}', 'patch'>;
/** What a form holds for creating or editing one. */
export type IndicatorInput = Draft<IndicatorCreate, IndicatorUpdate>;
export type Series = Ok<'/api/indicators/{id}/series', 'get'>;
export type SeriesQuery = Query<'/api/indicators/{id}/series', 'get'>;
export type SeriesPoint = Series['points'][number];
/** The indicator as other views embed it. */
export type IndicatorRef = Series['indicator'];
export type IndicatorScope = Series['scope'];
/** GET /api/parks/:id/indicators: every catalogue indicator with the park's latest value and the one before it. */
export type ParkIndicators = Ok<'/api/parks/{id}/indicators', 'get'>;
export type ParkIndicatorValue = NonNullable<ParkIndicators['items'][number]['latest']>;
export type Observation = Ok<'/api/observations/{id}', 'get'>;
export type ReportedObservation = Ok<'/api/observations', 'post'>;
export type ReportOutcome = ReportedObservation['outcome'];
export type ObservationQuery = Query<'/api/observations', 'get'>;
export type ObservationExportQuery = Query<'/api/observations/export.csv', 'get'>;
export type ObservationInput = Body<'/api/observations', 'post'>;
export type ObservationCorrection = Body<'/api/observations/{id}/correct', 'post'>;
export type ImportReport = Ok<'/api/observations/import', 'post'>;
export type ImportError = ImportReport['errors'][number];
export type ImportWarning = ImportReport['warnings'][number];
export type Dhis2ImportSummary = Ok<'/api/exchange/dhis2/dataValueSets', 'post'>;
export type SdmxExportQuery = Query<'/api/exchange/sdmx.csv', 'get'>;
export type Dhis2ExportQuery = Query<'/api/exchange/dhis2/dataValueSets', 'get'>;
export type IndicatorLink = Ok<'/api/action-items/{id}/indicator-links', 'post'>;
export type IndicatorLinkInput = Body<'/api/action-items/{id}/indicator-links', 'post'>;
export type IndicatorLinkUpdate = Body<'/api/action-items/{id}/indicator-links/{linkId}', 'patch'>;
export type IndicatorHealth = Ok<'/api/roadmaps/{id}/indicator-health', 'get'>;
export type IndicatorTarget = Ok<'/api/indicators/{id}/targets', 'get'>['items'][number];
/** Flagged values a facilitator has still to confirm or send back, with the values before each. */
export type FollowUpItem = Ok<'/api/observations/follow-up', 'get'>['items'][number];
/** A park's period on its way up the approval levels (submitted, city-approved, locked). */
export type PeriodApproval = Ok<'/api/approvals/submit', 'post'>;
/** Who approves park periods at city or province level, and who gave them the role. */
export type Approver = Ok<'/api/approvals/approvers', 'post'>;
export type ApproverGrant = Body<'/api/approvals/approvers', 'post'>;
/** Parks × periods of one indicator: on time, late, missing, not due, with rates. */
export type Completeness = Ok<'/api/indicators/{id}/completeness', 'get'>;
export type CompletenessQuery = Query<'/api/indicators/{id}/completeness', 'get'>;

// The public portal (no sign-in)

export type PublicRoadmap = Ok<'/api/public/roadmaps', 'get'>['items'][number];
export type PublicRoadmapDetail = Ok<'/api/public/roadmaps/{id}', 'get'>;
export type PublicSeries = Ok<'/api/public/roadmaps/{id}/indicators/{code}/series', 'get'>;

// Discussion

export type Channel = Ok<'/api/channels/{id}', 'get'>;
export type MessagePage = Ok<'/api/channels/{id}/messages', 'get'>;
export type ChatMessage = Item<MessagePage>;
export type MessageAttachment = ChatMessage['attachments'][number];
export type NotificationPage = Ok<'/api/notifications', 'get'>;
export type AppNotification = Item<NotificationPage>;
export type MessageQuery = Query<'/api/channels/{id}/messages', 'get'>;
export type NotificationQuery = Query<'/api/notifications', 'get'>;

export type OutboxMail = Item<Ok<'/api/admin/outbox', 'get'>>;
export type OutboxQuery = Query<'/api/admin/outbox', 'get'>;
export type OutboxStatus = OutboxMail['status'];
export type MailPreferences = Ok<'/api/mail/preferences', 'get'>;
export type ConsultationReport = Ok<'/api/reports/consultations', 'get'>;
export type ConsultationMeeting = ConsultationReport['meetings'][number];
export type MailPreferencesChange = Body<'/api/mail/preferences', 'put'>;
export { MAIL_KINDS, MAIL_MODES, type MailKind, type MailMode } from '@shared/mail-kinds';
// Search and my channels

export type SearchQuery = Query<'/api/search', 'get'>;
export type SearchResults = Ok<'/api/search', 'get'>;
export type SearchHit = Item<SearchResults>;
export type SearchKind = SearchHit['kind'];
export type MyChannel = Item<Ok<'/api/channels/mine', 'get'>>;
export type Desk = Ok<'/api/desk', 'get'>;
export type DeskObservation = NonNullable<Desk['toVerify']>['items'][number];
export type DeskCommitment = NonNullable<Desk['overdueCommitments']>['items'][number];
export type Reaction = ChatMessage['reactions'][number];
export type MessageQuote = NonNullable<ChatMessage['quote']>;
export type Conversation = Ok<'/api/conversations/{id}', 'get'>;

// Translations

export { TRANSLATION_KINDS, type TranslationKind, type TranslationLang } from '@shared/enums';
export type TextTranslation = components['schemas']['TranslationView'];
export type TranslationCapabilities = Ok<'/api/translations/capabilities', 'get'>;
export type TranslationQueueQuery = Query<'/api/translations/queue', 'get'>;
export type TranslationQueueItem = Item<Ok<'/api/translations/queue', 'get'>>;
export type SaveTranslation = Body<'/api/translations', 'put'>;
export type MachineDraftRequest = Body<'/api/translations/machine-draft', 'post'>;
