/**
 * The vocabularies of the API: the values a field may take, shared by the server (entities, DTOs, SQL) and the
 * web client (pickers, labels). Orders here are the server's; the client keeps its own display orders where they differ.
 */

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export const ROLES = ['admin', 'facilitator', 'member', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** Staff run the platform's dialogue: they manage roundtables, verify values and report for any scope. */
export const isStaffRole = (role: Role): boolean => role === 'admin' || role === 'facilitator';

export const CONSTITUENCIES = ['government', 'employers', 'workers', 'park_management', 'civil_society', 'academia', 'international'] as const;
export type Constituency = (typeof CONSTITUENCIES)[number];
/** The three ILO constituents whose presence makes a dialogue tripartite. */
export const TRIPARTITE: Constituency[] = ['government', 'employers', 'workers'];

export const PARK_LEVELS = ['national', 'provincial'] as const;
export type ParkLevel = (typeof PARK_LEVELS)[number];

export const INVITATION_STATUSES = ['pending', 'accepted', 'expired', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

// Roundtables

export const ROUNDTABLE_STATUSES = ['planned', 'open', 'concluded'] as const;
export type RoundtableStatus = (typeof ROUNDTABLE_STATUSES)[number];
export const ROUNDTABLE_VISIBILITIES = ['platform', 'participants'] as const;
/** platform: every signed-in user reads it; participants: only those taking part, plus admins. */
export type RoundtableVisibility = (typeof ROUNDTABLE_VISIBILITIES)[number];
export const ROUNDTABLE_ROLES = ['facilitator', 'participant', 'observer'] as const;
/** A person's role at one roundtable (not their platform role). */
export type RoundtableRole = (typeof ROUNDTABLE_ROLES)[number];
export const ADOPTIONS = ['consensus', 'constituencies'] as const;
/** consensus: everyone agreed; constituencies: adopted by the constituencies listed. */
export type Adoption = (typeof ADOPTIONS)[number];

// Working groups

export const WORKING_GROUP_STATUSES = ['active', 'closed'] as const;
export type WorkingGroupStatus = (typeof WORKING_GROUP_STATUSES)[number];

// Roadmaps and action items (commitments)

export const ACTION_ITEM_STATUSES = ['proposed', 'agreed', 'in_progress', 'completed', 'delayed', 'dropped'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];
export const COMPLETION_LEVELS = ['not_started', 'limited', 'substantial', 'completed'] as const;
export type CompletionLevel = (typeof COMPLETION_LEVELS)[number];
export const STANCES = ['support', 'support_with_reservations', 'oppose', 'abstain'] as const;
export type Stance = (typeof STANCES)[number];
export const CONSENSUS_STATES = ['consensus', 'partial', 'contested', 'pending'] as const;
export type ConsensusState = (typeof CONSENSUS_STATES)[number];
export const POLICY_AREAS = [
  'macroeconomic_growth',
  'industrial_sectoral',
  'enterprise',
  'skills',
  'occupational_safety_health',
  'social_protection',
  'active_labour_market',
  'rights',
  'social_dialogue_tripartism',
] as const;
export type PolicyArea = (typeof POLICY_AREAS)[number];
export const PRIORITIES = ['low', 'medium', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];
/** How a list of commitments may be ordered: a field, `-` first for descending. */
export const ACTION_ITEM_SORTS = ['dueDate', '-dueDate', 'priority', '-priority', 'status', 'updatedAt', '-updatedAt', 'title'] as const;
export type ActionItemSort = (typeof ACTION_ITEM_SORTS)[number];

// Indicators (docs/indicators.md)

export const CATEGORIES = ['green_jobs', 'eip_social'] as const;
export type IndicatorCategory = (typeof CATEGORIES)[number];
export const UNITS = ['persons', 'percent', 'rate_per_100k', 'count', 'cny_per_month', 'boolean', 'score_0_6'] as const;
export type Unit = (typeof UNITS)[number];
export const DIRECTIONS = ['higher', 'lower'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const AGGREGATIONS = ['sum', 'weighted_mean', 'mean', 'share_true'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const SCOPE_TYPES = ['park', 'city', 'province'] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

/** What a current value can be: awaiting verification, verified or rejected. */
export const CURRENT_STATUSES = ['submitted', 'verified', 'rejected'] as const;
export type CurrentStatus = (typeof CURRENT_STATUSES)[number];
/**
 * A value replaced by a correction keeps the outcome of its review (verified, rejected); one replaced while still
 * awaiting verification is `superseded`: nobody is to verify it any more.
 */
export const OBSERVATION_STATUSES = [...CURRENT_STATUSES, 'superseded'] as const;
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];

/**
 * The disaggregations an indicator may allow, and the values each takes. An observation's disaggregation is
 * written `key=value` (several joined by `;`, e.g. `sex=female`); an empty one is the total.
 */
export const DISAGGREGATIONS: Record<string, readonly string[]> = {
  sex: ['female', 'male'],
  age_group: ['15_24', '25_54', '55_plus'],
};
export const DISAGGREGATION_KEYS = Object.keys(DISAGGREGATIONS);

export const TRAJECTORIES = ['on_track', 'at_risk', 'off_track', 'no_data'] as const;
export type Trajectory = (typeof TRAJECTORIES)[number];

// Discussion

export const CHANNEL_KINDS = ['lobby', 'roundtable', 'working_group', 'action_item', 'caucus', 'direct'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

// Votes (deciding by constituency)

export const VOTE_KINDS = ['yes_no_abstain', 'consent', 'choice'] as const;
/** yes_no_abstain: yes / no / abstain; consent: agree / abstain / disagree / block; choice: one or several given options. */
export type VoteKind = (typeof VOTE_KINDS)[number];
export const VOTE_BALLOTS = ['open', 'secret'] as const;
/** open: who voted what is visible; secret: who voted is recorded, never how. */
export type VoteBallot = (typeof VOTE_BALLOTS)[number];
export const VOTE_RULES = ['tripartite_majority', 'consensus', 'simple_majority'] as const;
export type VoteRule = (typeof VOTE_RULES)[number];

/** The speaker queue's order. fifo: hands in the order raised; alternate: one from each constituency in turn, so that no group is crowded out. */
export const QUEUE_ORDERS = ['alternate', 'fifo'] as const;
export type QueueOrder = (typeof QUEUE_ORDERS)[number];
export const VOTE_STATUSES = ['open', 'closed'] as const;
export type VoteStatus = (typeof VOTE_STATUSES)[number];
/** The answers of each kind of vote; a choice vote's answers are its options' keys ('1', '2', …). */
export const VOTE_ANSWERS = { yes_no_abstain: ['yes', 'no', 'abstain'], consent: ['agree', 'abstain', 'disagree', 'block'] } as const;

// People

export const SEXES = ['female', 'male', 'not_stated'] as const;
/** Self-declared and optional (null: never asked or never answered). */
export type Sex = (typeof SEXES)[number];

// Search

/** What a search finds: discussion messages, roundtables (title, agenda, minutes, decisions), commitments, indicators. */
export const SEARCH_KINDS = ['message', 'roundtable', 'commitment', 'indicator'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

// Reactions

/** The emoji the message picker offers first; any other single emoji is accepted too. */
export const QUICK_REACTIONS = ['👍', '❤️', '😄', '🎉', '🤔', '👀', '✅'] as const;
// Translations (every text in both languages)

/** The languages of bilingual text ({ en, zh }) and of translations. */
export const TRANSLATION_LANGS = ['en', 'zh'] as const;
export type TranslationLang = (typeof TRANSLATION_LANGS)[number];
/** Texts written in one language that may carry translations added later. */
export const FREE_TEXT_KINDS = ['position', 'status_reason', 'message'] as const;
export type FreeTextKind = (typeof FREE_TEXT_KINDS)[number];
/** Bilingual fields ({ en, zh }) that the translation queue fills in. */
export const BILINGUAL_FIELD_KINDS = [
  'roundtable_title',
  'roundtable_description',
  'agenda_item',
  'decision',
  'commitment_title',
  'commitment_description',
  'indicator_definition',
] as const;
export type BilingualFieldKind = (typeof BILINGUAL_FIELD_KINDS)[number];
export const TRANSLATION_KINDS = [...FREE_TEXT_KINDS, ...BILINGUAL_FIELD_KINDS] as const;
export type TranslationKind = (typeof TRANSLATION_KINDS)[number];
