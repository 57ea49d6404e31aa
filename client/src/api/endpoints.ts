import type { ApiClient } from './client';
import { ApiError, NETWORK_ERROR } from './errors';
import type {
  SearchQuery,
  AttachedDocument,
  BallotInput,
  CaucusConstituency,
  GiveFloorInput,
  QueueOrder,
  OpenCommitmentVoteInput,
  OpenVoteInput,
  DocumentTargetType,
  AcceptInvitationRequest,
  ActionItemCreate,
  ActionItemInput,
  ActionItemQuery,
  ActionItemStatus,
  ActionItemUpdate,
  ActivityQuery,
  ApproverGrant,
  AgendaItemCreate,
  AgendaItemInput,
  AgendaItemUpdate,
  CalendarQuery,
  ConsultationReport,
  CorrigendumInput,
  MinutesStatusInput,
  ReportLanguage,
  ChannelKind,
  DecisionCreate,
  DecisionInput,
  DecisionUpdate,
  IndicatorCreate,
  IndicatorInput,
  IndicatorLinkInput,
  IndicatorLinkUpdate,
  IndicatorQuery,
  IndicatorUpdate,
  InvitationRequest,
  LocalizedText,
  LoginRequest,
  MessageQuery,
  MilestoneInput,
  MilestoneUpdate,
  NotificationQuery,
  OutboxQuery,
  MailPreferencesChange,
  ObservationCorrection,
  ObservationExportQuery,
  SdmxExportQuery,
  CompletenessQuery,
  Dhis2ExportQuery,
  ObservationInput,
  ObservationQuery,
  OrganizationInput,
  OrganizationQuery,
  OrganizationUpdate,
  ParkInput,
  ParkQuery,
  ParkUpdate,
  ParticipantsInput,
  ParticipantUpdate,
  RoadmapCreate,
  RoadmapInput,
  RoadmapUpdate,
  RoundtableInput,
  RoundtableQuery,
  RoundtableStatus,
  RoundtableUpdate,
  SeriesQuery,
  Session,
  Stance,
  UpdateMeRequest,
  UserQuery,
  UserUpdate,
  WorkingGroupCreate,
  WorkingGroupInput,
  WorkingGroupQuery,
  WorkingGroupStatus,
  WorkingGroupUpdate,
  TranslationQueueQuery,
  SaveTranslation,
  MachineDraftRequest,
} from './types';

/**
 * The data of a typed call's answer. A call that fails throws its ApiError before openapi-fetch sees the answer
 * (ApiClient's fetch), so a call that resolves holds its 2xx data (nothing for a 204).
 */
async function data<T>(call: Promise<{ data?: T }>): Promise<T> {
  return (await call).data as T;
}

/** A file answer (calendar .ics, CSV export), with the server's file name when it gives one. */
async function file(call: Promise<{ data?: unknown; response: Response }>): Promise<{ blob: Blob; filename: string | null }> {
  const { data: blob, response } = await call;
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return { blob: blob as Blob, filename: match ? decodeURIComponent(match[1]) : null };
}

const onPath = <P extends Record<string, string>>(path: P) => ({ params: { path } });

/** A multipart form holding one file as the field `file`, with its own name. */
function formWith(file: Blob, filename: string): FormData {
  const form = new FormData();
  form.append('file', file, filename);
  return form;
}

/**
 * One typed function per API route the client uses; paths, parameters, bodies and answers come from openapi.json.
 * A form's draft (XInput) goes to a creation as the creation's body: the form has checked what it requires.
 */
export function createEndpoints(client: ApiClient) {
  const { api, publicApi } = client;
  return {
    auth: {
      async login(body: LoginRequest): Promise<Session> {
        const session = await data(publicApi.POST('/api/auth/login', { body }));
        client.startSession(session);
        return session;
      },
      /**
       * Ends the session on the server (the refresh cookie, and this access token, stop working) and here; local
       * sign-out happens even when the server cannot be reached.
       */
      async logout(): Promise<void> {
        const tokens = client.currentTokens();
        try {
          await publicApi.POST('/api/auth/logout', { body: {}, headers: tokens ? { Authorization: `Bearer ${tokens.accessToken}` } : {} });
        } finally {
          client.endSession();
        }
      },
      me: () => data(api.GET('/api/auth/me')),
      updateMe: (body: UpdateMeRequest) => data(api.PATCH('/api/auth/me', { body })),
    },
    organizations: {
      list: (query: OrganizationQuery = {}) => data(api.GET('/api/organizations', { params: { query } })),
      get: (id: string) => data(api.GET('/api/organizations/{id}', onPath({ id }))),
      create: (body: OrganizationInput) => data(api.POST('/api/organizations', { body })),
      update: (id: string, body: OrganizationUpdate) => data(api.PATCH('/api/organizations/{id}', { ...onPath({ id }), body })),
      remove: (id: string) => data(api.DELETE('/api/organizations/{id}', onPath({ id }))),
    },
    users: {
      list: (query: UserQuery = {}) => data(api.GET('/api/users', { params: { query } })),
      get: (id: string) => data(api.GET('/api/users/{id}', onPath({ id }))),
      update: (id: string, body: UserUpdate) => data(api.PATCH('/api/users/{id}', { ...onPath({ id }), body })),
    },
    parks: {
      list: (query: ParkQuery = {}) => data(api.GET('/api/parks', { params: { query } })),
      /** The provinces the parks are in, each with its cities. */
      areas: (signal?: AbortSignal) => data(api.GET('/api/parks/areas', { signal })),
      get: (id: string) => data(api.GET('/api/parks/{id}', onPath({ id }))),
      create: (body: ParkInput) => data(api.POST('/api/parks', { body })),
      update: (id: string, body: ParkUpdate) => data(api.PATCH('/api/parks/{id}', { ...onPath({ id }), body })),
      remove: (id: string) => data(api.DELETE('/api/parks/{id}', onPath({ id }))),
      /** Every catalogue indicator with the park's latest verified total and the one before it. */
      indicators: (id: string, signal?: AbortSignal) => data(api.GET('/api/parks/{id}/indicators', { ...onPath({ id }), signal })),
    },
    invitations: {
      list: () => data(api.GET('/api/invitations')),
      create: (body: InvitationRequest) => data(api.POST('/api/invitations', { body })),
      revoke: (id: string) => data(api.DELETE('/api/invitations/{id}', onPath({ id }))),
      preview: (token: string) => data(publicApi.GET('/api/invitations/by-token/{token}', onPath({ token }))),
      async accept(token: string, body: AcceptInvitationRequest): Promise<Session> {
        const session = await data(publicApi.POST('/api/invitations/{token}/accept', { ...onPath({ token }), body }));
        client.startSession(session);
        return session;
      },
    },
    activity: {
      list: (query: ActivityQuery = {}) => data(api.GET('/api/activity', { params: { query } })),
    },
    roundtables: {
      list: (query: RoundtableQuery = {}) => data(api.GET('/api/roundtables', { params: { query } })),
      get: (id: string) => data(api.GET('/api/roundtables/{id}', onPath({ id }))),
      create: (body: RoundtableInput) => data(api.POST('/api/roundtables', { body })),
      update: (id: string, body: RoundtableUpdate) => data(api.PATCH('/api/roundtables/{id}', { ...onPath({ id }), body })),
      changeStatus: (id: string, status: RoundtableStatus, reason?: string) =>
        data(api.POST('/api/roundtables/{id}/status', { ...onPath({ id }), body: { status, reason } })),
      balance: (id: string) => data(api.GET('/api/roundtables/{id}/balance', onPath({ id }))),
      history: (id: string, cursor?: string) => data(api.GET('/api/roundtables/{id}/history', { params: { path: { id }, query: { cursor, limit: 50 } } })),
      /** The calendar file in the reader's language (the API knows en and zh-CN). */
      calendar: (id: string, lang: string) =>
        file(api.GET('/api/roundtables/{id}/calendar.ics', { params: { path: { id }, query: { lang: lang as CalendarQuery['lang'] } }, parseAs: 'blob' })),
      participants: (id: string) => data(api.GET('/api/roundtables/{id}/participants', onPath({ id }))),
      addParticipants: (id: string, body: ParticipantsInput) => data(api.POST('/api/roundtables/{id}/participants', { ...onPath({ id }), body })),
      updateParticipant: (id: string, userId: string, body: ParticipantUpdate) =>
        data(api.PATCH('/api/roundtables/{id}/participants/{userId}', { ...onPath({ id, userId }), body })),
      removeParticipant: (id: string, userId: string) => data(api.DELETE('/api/roundtables/{id}/participants/{userId}', onPath({ id, userId }))),
      agenda: (id: string) => data(api.GET('/api/roundtables/{id}/agenda-items', onPath({ id }))),
      addAgendaItem: (id: string, body: AgendaItemInput) =>
        data(api.POST('/api/roundtables/{id}/agenda-items', { ...onPath({ id }), body: body as AgendaItemCreate })),
      updateAgendaItem: (id: string, itemId: string, body: AgendaItemUpdate) =>
        data(api.PATCH('/api/roundtables/{id}/agenda-items/{itemId}', { ...onPath({ id, itemId }), body })),
      removeAgendaItem: (id: string, itemId: string) => data(api.DELETE('/api/roundtables/{id}/agenda-items/{itemId}', onPath({ id, itemId }))),
      /** Mails the agenda to everyone taking part and notifies them in the app. */
      circulateAgenda: (id: string) => data(api.POST('/api/roundtables/{id}/agenda/circulate', onPath({ id }))),
      reorderAgenda: (id: string, itemIds: string[]) => data(api.PUT('/api/roundtables/{id}/agenda-items/order', { ...onPath({ id }), body: { itemIds } })),
      putMinutes: (id: string, itemId: string, text: LocalizedText) =>
        data(api.PUT('/api/roundtables/{id}/agenda-items/{itemId}/minutes', { ...onPath({ id, itemId }), body: { text } })),
      minutesHistory: (id: string, itemId: string) => data(api.GET('/api/roundtables/{id}/agenda-items/{itemId}/minutes/history', onPath({ id, itemId }))),
      minutesRecord: (id: string) => data(api.GET('/api/roundtables/{id}/minutes', onPath({ id }))),
      moveMinutes: (id: string, body: MinutesStatusInput) => data(api.POST('/api/roundtables/{id}/minutes/status', { ...onPath({ id }), body })),
      commentMinutes: (id: string, itemId: string, text: string) =>
        data(api.POST('/api/roundtables/{id}/agenda-items/{itemId}/minutes/comments', { ...onPath({ id, itemId }), body: { text } })),
      addCorrigendum: (id: string, body: CorrigendumInput) => data(api.POST('/api/roundtables/{id}/minutes/corrigenda', { ...onPath({ id }), body })),
      /** The official record as PDF or Word, in English, Chinese or both side by side. */
      report: (id: string, format: 'pdf' | 'docx', lang: ReportLanguage) =>
        format === 'pdf'
          ? file(api.GET('/api/roundtables/{id}/report.pdf', { params: { path: { id }, query: { lang } }, parseAs: 'blob' }))
          : file(api.GET('/api/roundtables/{id}/report.docx', { params: { path: { id }, query: { lang } }, parseAs: 'blob' })),
      decisions: (id: string) => data(api.GET('/api/roundtables/{id}/decisions', onPath({ id }))),
      addDecision: (id: string, body: DecisionInput) => data(api.POST('/api/roundtables/{id}/decisions', { ...onPath({ id }), body: body as DecisionCreate })),
      updateDecision: (id: string, decisionId: string, body: DecisionUpdate) =>
        data(api.PATCH('/api/roundtables/{id}/decisions/{decisionId}', { ...onPath({ id, decisionId }), body })),
      removeDecision: (id: string, decisionId: string) => data(api.DELETE('/api/roundtables/{id}/decisions/{decisionId}', onPath({ id, decisionId }))),
      votes: (id: string) => data(api.GET('/api/roundtables/{id}/votes', onPath({ id }))),
      openVote: (id: string, body: OpenVoteInput) => data(api.POST('/api/roundtables/{id}/votes', { ...onPath({ id }), body })),
      queue: (id: string) => data(api.GET('/api/roundtables/{id}/queue', onPath({ id }))),
      raiseHand: (id: string) => data(api.POST('/api/roundtables/{id}/queue/hand', onPath({ id }))),
      lowerHand: (id: string) => data(api.DELETE('/api/roundtables/{id}/queue/hand', onPath({ id }))),
      giveFloor: (id: string, body: GiveFloorInput = {}) => data(api.POST('/api/roundtables/{id}/queue/floor', { ...onPath({ id }), body })),
      endTurn: (id: string) => data(api.POST('/api/roundtables/{id}/queue/done', onPath({ id }))),
      setQueueOrder: (id: string, order: QueueOrder) => data(api.PUT('/api/roundtables/{id}/queue/order', { ...onPath({ id }), body: { order } })),
      caucuses: (id: string) => data(api.GET('/api/roundtables/{id}/caucuses', onPath({ id }))).then((r) => r.items),
      publishCaucusStatement: (id: string, constituency: CaucusConstituency, statement: LocalizedText) =>
        data(api.PUT('/api/roundtables/{id}/caucuses/{constituency}/statement', { ...onPath({ id, constituency }), body: { statement } })),
    },
    votes: {
      get: (id: string) => data(api.GET('/api/votes/{id}', onPath({ id }))),
      cast: (id: string, body: BallotInput) => data(api.POST('/api/votes/{id}/ballot', { ...onPath({ id }), body })),
      close: (id: string) => data(api.POST('/api/votes/{id}/close', onPath({ id }))),
    },
    workingGroups: {
      list: (query: WorkingGroupQuery = {}) => data(api.GET('/api/working-groups', { params: { query } })),
      get: (id: string) => data(api.GET('/api/working-groups/{id}', onPath({ id }))),
      create: (body: WorkingGroupInput) => data(api.POST('/api/working-groups', { body: body as WorkingGroupCreate })),
      update: (id: string, body: WorkingGroupUpdate) => data(api.PATCH('/api/working-groups/{id}', { ...onPath({ id }), body })),
      changeStatus: (id: string, status: WorkingGroupStatus, reason?: string) =>
        data(api.POST('/api/working-groups/{id}/status', { ...onPath({ id }), body: { status, reason } })),
      members: (id: string) => data(api.GET('/api/working-groups/{id}/members', onPath({ id }))),
      addMember: (id: string, userId: string) => data(api.POST('/api/working-groups/{id}/members', { ...onPath({ id }), body: { userId } })),
      removeMember: (id: string, userId: string) => data(api.DELETE('/api/working-groups/{id}/members/{userId}', onPath({ id, userId }))),
      balance: (id: string) => data(api.GET('/api/working-groups/{id}/balance', onPath({ id }))),
      history: (id: string, cursor?: string) => data(api.GET('/api/working-groups/{id}/history', { params: { path: { id }, query: { cursor, limit: 50 } } })),
    },
    roadmaps: {
      list: () => data(api.GET('/api/roadmaps')),
      get: (id: string) => data(api.GET('/api/roadmaps/{id}', onPath({ id }))),
      create: (body: RoadmapInput) => data(api.POST('/api/roadmaps', { body: body as RoadmapCreate })),
      update: (id: string, body: RoadmapUpdate) => data(api.PATCH('/api/roadmaps/{id}', { ...onPath({ id }), body })),
      progress: (id: string) => data(api.GET('/api/roadmaps/{id}/progress', onPath({ id }))),
      exportCsv: (id: string) => file(api.GET('/api/roadmaps/{id}/export.csv', { ...onPath({ id }), parseAs: 'blob' })),
      indicatorHealth: (id: string) => data(api.GET('/api/roadmaps/{id}/indicator-health', onPath({ id }))),
    },
    actionItems: {
      /** Several statuses go as one comma-separated parameter (ApiClient's query string). */
      list: (query: ActionItemQuery = {}) =>
        data(api.GET('/api/action-items', { params: { query: { ...query, status: query.status?.length ? query.status : undefined } } })),
      get: (id: string) => data(api.GET('/api/action-items/{id}', onPath({ id }))),
      votes: (id: string) => data(api.GET('/api/commitments/{id}/votes', onPath({ id }))),
      openVote: (id: string, body: OpenCommitmentVoteInput) => data(api.POST('/api/commitments/{id}/votes', { ...onPath({ id }), body })),
      create: (body: ActionItemInput) => data(api.POST('/api/action-items', { body: body as ActionItemCreate })),
      update: (id: string, body: ActionItemUpdate) => data(api.PATCH('/api/action-items/{id}', { ...onPath({ id }), body })),
      changeStatus: (id: string, status: ActionItemStatus, reason?: string) =>
        data(api.POST('/api/action-items/{id}/status', { ...onPath({ id }), body: { status, reason } })),
      history: (id: string) => data(api.GET('/api/action-items/{id}/history', onPath({ id }))),
      positionHistory: (id: string) => data(api.GET('/api/action-items/{id}/positions/history', onPath({ id }))),
      statePosition: (id: string, stance: Stance, statement: string) =>
        data(api.POST('/api/action-items/{id}/positions', { ...onPath({ id }), body: { stance, statement } })),
      addMilestone: (id: string, body: MilestoneInput) => data(api.POST('/api/action-items/{id}/milestones', { ...onPath({ id }), body })),
      updateMilestone: (id: string, milestoneId: string, body: MilestoneUpdate) =>
        data(api.PATCH('/api/action-items/{id}/milestones/{milestoneId}', { ...onPath({ id, milestoneId }), body })),
      removeMilestone: (id: string, milestoneId: string) => data(api.DELETE('/api/action-items/{id}/milestones/{milestoneId}', onPath({ id, milestoneId }))),
      indicatorLinks: (id: string) => data(api.GET('/api/action-items/{id}/indicator-links', onPath({ id }))),
      addIndicatorLink: (id: string, body: IndicatorLinkInput) => data(api.POST('/api/action-items/{id}/indicator-links', { ...onPath({ id }), body })),
      updateIndicatorLink: (id: string, linkId: string, body: IndicatorLinkUpdate) =>
        data(api.PATCH('/api/action-items/{id}/indicator-links/{linkId}', { ...onPath({ id, linkId }), body })),
      removeIndicatorLink: (id: string, linkId: string) => data(api.DELETE('/api/action-items/{id}/indicator-links/{linkId}', onPath({ id, linkId }))),
    },
    indicators: {
      list: (query: IndicatorQuery = {}) => data(api.GET('/api/indicators', { params: { query } })),
      /** By id or code. */
      get: (ref: string) => data(api.GET('/api/indicators/{id}', onPath({ id: ref }))),
      create: (body: IndicatorInput) => data(api.POST('/api/indicators', { body: body as IndicatorCreate })),
      update: (ref: string, body: IndicatorUpdate) => data(api.PATCH('/api/indicators/{id}', { ...onPath({ id: ref }), body })),
      series: (ref: string, query: SeriesQuery, signal?: AbortSignal) =>
        data(api.GET('/api/indicators/{id}/series', { params: { path: { id: ref }, query }, signal })),
      /** Every commitment's baseline and target for the indicator, per scope. */
      targets: (ref: string, signal?: AbortSignal) => data(api.GET('/api/indicators/{id}/targets', { params: { path: { id: ref } }, signal })),
      /** Parks × periods: reported on time, late, missing or not due. */
      completeness: (ref: string, query: CompletenessQuery, signal?: AbortSignal) =>
        data(api.GET('/api/indicators/{id}/completeness', { params: { path: { id: ref }, query }, signal })),
      /** The indicator's verified current values as SDMX-CSV 2.0. */
      sdmxCsv: (ref: string) => file(api.GET('/api/indicators/{id}/sdmx.csv', { params: { path: { id: ref } }, parseAs: 'blob' })),
    },
    /** The public portal: published roadmaps, read without signing in. */
    portal: {
      list: () => data(api.GET('/api/public/roadmaps')),
      roadmap: (id: string) => data(api.GET('/api/public/roadmaps/{id}', onPath({ id }))),
      series: (id: string, code: string, signal?: AbortSignal) =>
        data(api.GET('/api/public/roadmaps/{id}/indicators/{code}/series', { params: { path: { id, code } }, signal })),
    },
    observations: {
      list: (query: ObservationQuery = {}, signal?: AbortSignal) => data(api.GET('/api/observations', { params: { query }, signal })),
      get: (id: string) => data(api.GET('/api/observations/{id}', onPath({ id }))),
      history: (id: string) => data(api.GET('/api/observations/{id}/history', onPath({ id }))),
      report: (body: ObservationInput) => data(api.POST('/api/observations', { body })),
      correct: (id: string, body: ObservationCorrection) => data(api.POST('/api/observations/{id}/correct', { ...onPath({ id }), body })),
      verify: (id: string) => data(api.POST('/api/observations/{id}/verify', onPath({ id }))),
      reject: (id: string, reason: string) => data(api.POST('/api/observations/{id}/reject', { ...onPath({ id }), body: { reason } })),
      /** Flagged values awaiting a facilitator's confirmation, oldest first. */
      followUp: (signal?: AbortSignal) => data(api.GET('/api/observations/follow-up', { signal })),
      confirmFollowUp: (id: string, comment: string) => data(api.POST('/api/observations/{id}/follow-up/confirm', { ...onPath({ id }), body: { comment } })),
      sendBack: (id: string, comment: string) => data(api.POST('/api/observations/{id}/follow-up/send-back', { ...onPath({ id }), body: { comment } })),
      /** A CSV file, imported whole or not at all; a refused file throws an ApiError whose body is the report. */
      importCsv: (file: Blob, filename: string, dryRun = false) =>
        data(
          api.POST('/api/observations/import', {
            params: { query: { dryRun: dryRun || undefined } },
            body: { file },
            // Sent as the multipart form the document describes, with the file's own name.
            bodySerializer: () => {
              const form = new FormData();
              form.append('file', file, filename);
              return form;
            },
          }),
        ),
      exportCsv: (query: ObservationExportQuery = {}) => file(api.GET('/api/observations/export.csv', { params: { query }, parseAs: 'blob' })),
      /** The first sheet of an .xlsx workbook, with the CSV columns; refused as importCsv is. */
      importXlsx: (file: Blob, filename: string, dryRun = false) =>
        data(
          api.POST('/api/observations/import.xlsx', {
            params: { query: { dryRun: dryRun || undefined } },
            body: { file },
            bodySerializer: () => formWith(file, filename),
          }),
        ),
    },
    /** A park's periods going up the approval levels; the province's approval locks the period. */
    approvals: {
      list: (parkId: string, signal?: AbortSignal) => data(api.GET('/api/approvals', { params: { query: { parkId } }, signal })),
      submit: (parkId: string, period: string) => data(api.POST('/api/approvals/submit', { body: { parkId, period } })),
      approve: (parkId: string, period: string) => data(api.POST('/api/approvals/approve', { body: { parkId, period } })),
      /** Admins only: reopens a locked period, saying why. */
      unlock: (parkId: string, period: string, reason: string) => data(api.POST('/api/approvals/unlock', { body: { parkId, period, reason } })),
      approvers: (signal?: AbortSignal) => data(api.GET('/api/approvals/approvers', { signal })),
      grantApprover: (body: ApproverGrant) => data(api.POST('/api/approvals/approvers', { body })),
      revokeApprover: (id: string) => data(api.DELETE('/api/approvals/approvers/{id}', onPath({ id }))),
    },
    exchange: {
      /** An SDMX-CSV 2.0 file; refused as importCsv is (rows and fields named as in the file). */
      importSdmx: (file: Blob, filename: string, dryRun = false) =>
        data(
          api.POST('/api/exchange/sdmx', {
            params: { query: { dryRun: dryRun || undefined } },
            body: { file },
            bodySerializer: () => formWith(file, filename),
          }),
        ),
      /** A DHIS2 dataValueSet file; a refused set throws an ApiError whose body is the ERROR import summary. */
      importDhis2: (file: Blob, filename: string, dryRun = false) =>
        data(
          api.POST('/api/exchange/dhis2/dataValueSets', {
            params: { query: { dryRun: dryRun || undefined } },
            body: { dataValues: [] },
            bodySerializer: () => formWith(file, filename),
          }),
        ),
      sdmxCsv: (query: SdmxExportQuery = {}) => file(api.GET('/api/exchange/sdmx.csv', { params: { query }, parseAs: 'blob' })),
      dhis2: (query: Dhis2ExportQuery = {}) => file(api.GET('/api/exchange/dhis2/dataValueSets', { params: { query }, parseAs: 'blob' })),
    },
    desk: {
      /** My desk: what waits for me, section by section (one request for the whole home page). */
      get: (signal?: AbortSignal) => data(api.GET('/api/desk', { signal })),
    },
    channels: {
      /** The channel of a roundtable, working group or action item (or the lobby); null when the reader has none. */
      async find(kind: ChannelKind, refId?: string) {
        const page = await data(api.GET('/api/channels', { params: { query: { kind, refId } } }));
        return page.items[0] ?? null;
      },
      list: (kind: ChannelKind, cursor?: string) => data(api.GET('/api/channels', { params: { query: { kind, cursor, limit: 200 } } })),
      messages: (id: string, query: MessageQuery = {}) => data(api.GET('/api/channels/{id}/messages', { params: { path: { id }, query } })),
      /** My channels (the lobby, my roundtables', groups' and organization's commitments' discussions) with unread counts. */
      mine: () => data(api.GET('/api/channels/mine')).then((r) => r.items),
      /** The channel's pinned messages, most recently pinned first. */
      pins: (id: string) => data(api.GET('/api/channels/{id}/pins', onPath({ id }))).then((r) => r.items),
    },
    conversations: {
      /** Starts a direct conversation with these people, or opens the one they already have. */
      start: (userIds: string[]) => data(api.POST('/api/conversations', { body: { userIds } })),
      get: (id: string) => data(api.GET('/api/conversations/{id}', onPath({ id }))),
      list: () => data(api.GET('/api/conversations')).then((r) => r.items),
    },
    search: (query: SearchQuery) => data(api.GET('/api/search', { params: { query } })),
    translations: {
      capabilities: () => data(api.GET('/api/translations/capabilities')),
      queue: (query: TranslationQueueQuery = {}) => data(api.GET('/api/translations/queue', { params: { query } })).then((r) => r.items),
      save: (body: SaveTranslation) => data(api.PUT('/api/translations', { body })),
      machineDraft: (body: MachineDraftRequest) => data(api.POST('/api/translations/machine-draft', { body })),
    },
    notifications: {
      list: (query: NotificationQuery = {}) => data(api.GET('/api/notifications', { params: { query } })),
      markRead: (ids?: string[]) => data(api.POST('/api/notifications/read', { body: ids ? { ids } : {} })),
    },
    mail: {
      outbox: (query: OutboxQuery = {}) => data(api.GET('/api/admin/outbox', { params: { query } })),
      mail: (id: string) => data(api.GET('/api/admin/outbox/{id}', { params: { path: { id } } })),
      retry: (id: string) => data(api.POST('/api/admin/outbox/{id}/retry', { params: { path: { id } } })),
      preferences: () => data(api.GET('/api/mail/preferences')),
      setPreferences: (body: MailPreferencesChange) => data(api.PUT('/api/mail/preferences', { body })),
    },
    reports: {
      /** The tripartite consultations held in a year (ILO C144): admins and facilitators. */
      // The route answers CSV or PDF too when asked with format: without it, always the JSON.
      consultations: (year: number, signal?: AbortSignal) =>
        data(api.GET('/api/reports/consultations', { params: { query: { year } }, signal })) as Promise<ConsultationReport>,
      consultationsFile: (year: number, format: 'csv' | 'pdf', lang: ReportLanguage) =>
        format === 'csv'
          ? file(api.GET('/api/reports/consultations.csv', { params: { query: { year } }, parseAs: 'blob' }))
          : file(api.GET('/api/reports/consultations.pdf', { params: { query: { year, lang } }, parseAs: 'blob' })),
    },
    documents: {
      list: (targetType: DocumentTargetType, targetId: string, signal?: AbortSignal) =>
        data(api.GET('/api/documents', { params: { query: { targetType, targetId } }, signal })),
      get: (id: string) => data(api.GET('/api/documents/{id}', onPath({ id }))),
      /** One version's bytes (the current one when none is named), with its name. */
      download: (id: string, version?: number) =>
        version
          ? file(api.GET('/api/documents/{id}/versions/{version}/download', { params: { path: { id, version } }, parseAs: 'blob' }))
          : file(api.GET('/api/documents/{id}/download', { ...onPath({ id }), parseAs: 'blob' })),
      /** A raster image's bytes to show inline (a small preview); other types come as an attachment. */
      preview: (id: string, signal?: AbortSignal) =>
        file(api.GET('/api/documents/{id}/download', { params: { path: { id }, query: { disposition: 'inline' } }, parseAs: 'blob', signal })),
      /**
       * Streams a file up with progress (fetch reports none): to the thing named, or as a new version of a document.
       * Rejects with an ApiError (status 0 when the network failed).
       */
      upload: (target: { targetType: DocumentTargetType; targetId: string } | { documentId: string }, blob: File, onProgress: (fraction: number) => void) =>
        new Promise<AttachedDocument>((resolve, reject) => {
          const path =
            'documentId' in target
              ? `/api/documents/${encodeURIComponent(target.documentId)}/versions`
              : `/api/documents?targetType=${encodeURIComponent(target.targetType)}&targetId=${encodeURIComponent(target.targetId)}`;
          const request = new XMLHttpRequest();
          request.open('POST', path);
          const token = client.currentTokens()?.accessToken;
          if (token) request.setRequestHeader('Authorization', `Bearer ${token}`);
          request.upload.onprogress = (event) => {
            if (event.lengthComputable) onProgress(event.loaded / event.total);
          };
          request.onload = () => {
            let body: unknown = null;
            try {
              body = JSON.parse(request.responseText);
            } catch {
              body = null;
            }
            if (request.status === 201) return resolve(body as AttachedDocument);
            const answer = (body ?? {}) as { message?: string; details?: { field: string; message: string }[] };
            reject(new ApiError(request.status, answer.message ?? `upload failed (${request.status})`, { details: answer.details, body }));
          };
          request.onerror = () => reject(new ApiError(NETWORK_ERROR, 'upload did not reach the server'));
          const form = new FormData();
          form.append('file', blob, blob.name);
          request.send(form);
        }),
    },
  };
}

export type Api = ReturnType<typeof createEndpoints>;
