import type { ApiClient } from './client';
import type {
  AcceptInvitationRequest,
  ActionItem,
  ActionItemDetail,
  ActionItemInput,
  ActionItemQuery,
  ActionItemStatus,
  ActivityEntry,
  AddedParticipants,
  AgendaItem,
  AgendaItemInput,
  Channel,
  ChannelKind,
  Decision,
  DecisionInput,
  ImportReport,
  Indicator,
  IndicatorHealth,
  IndicatorInput,
  IndicatorLink,
  IndicatorLinkInput,
  IndicatorLinkUpdate,
  IndicatorQuery,
  Observation,
  ObservationCorrection,
  ObservationInput,
  ObservationQuery,
  ParkIndicators,
  ReportedObservation,
  Series,
  SeriesQuery,
  MessagePage,
  Milestone,
  Minutes,
  NotificationPage,
  Participant,
  Position,
  Roadmap,
  RoadmapInput,
  RoadmapProgress,
  Roundtable,
  RoundtableBalance,
  RoundtableInput,
  RoundtableQuery,
  RoundtableRole,
  RoundtableStatus,
  Stance,
  TripartiteBalance,
  WorkingGroup,
  WorkingGroupInput,
  WorkingGroupMember,
  WorkingGroupQuery,
  WorkingGroupStatus,
  ActivityQuery,
  CreatedInvitation,
  Invitation,
  InvitationRequest,
  ItemList,
  LocalizedText,
  LoginRequest,
  Organization,
  OrganizationInput,
  OrganizationQuery,
  Page,
  Park,
  ParkInput,
  ParkQuery,
  Session,
  UpdateMeRequest,
  User,
  UserQuery,
  UserUpdate,
} from './types';

const id = (value: string) => encodeURIComponent(value);

/** One typed function per API route the client uses. */
export function createEndpoints(client: ApiClient) {
  return {
    auth: {
      async login(body: LoginRequest): Promise<Session> {
        const session = await client.post<Session>('/auth/login', body, { auth: false });
        client.startSession(session);
        return session;
      },
      /** Ends the session on the server and here; local sign-out happens even when the server cannot be reached. */
      async logout(): Promise<void> {
        const tokens = client.currentTokens();
        try {
          if (tokens) await client.post<void>('/auth/logout', { refreshToken: tokens.refreshToken }, { auth: false });
        } finally {
          client.endSession();
        }
      },
      me: () => client.get<User>('/auth/me'),
      updateMe: (body: UpdateMeRequest) => client.patch<User>('/auth/me', body),
    },
    organizations: {
      list: (query: OrganizationQuery = {}) => client.get<ItemList<Organization>>('/organizations', { query: { ...query } }),
      get: (orgId: string) => client.get<Organization>(`/organizations/${id(orgId)}`),
      create: (body: OrganizationInput) => client.post<Organization>('/organizations', body),
      update: (orgId: string, body: Partial<OrganizationInput>) => client.patch<Organization>(`/organizations/${id(orgId)}`, body),
      remove: (orgId: string) => client.delete(`/organizations/${id(orgId)}`),
    },
    users: {
      list: (query: UserQuery = {}) => client.get<ItemList<User>>('/users', { query: { ...query } }),
      get: (userId: string) => client.get<User>(`/users/${id(userId)}`),
      update: (userId: string, body: UserUpdate) => client.patch<User>(`/users/${id(userId)}`, body),
    },
    parks: {
      list: (query: ParkQuery = {}) => client.get<ItemList<Park>>('/parks', { query: { ...query } }),
      get: (parkId: string) => client.get<Park>(`/parks/${id(parkId)}`),
      create: (body: ParkInput) => client.post<Park>('/parks', body),
      update: (parkId: string, body: Partial<ParkInput>) => client.patch<Park>(`/parks/${id(parkId)}`, body),
      remove: (parkId: string) => client.delete(`/parks/${id(parkId)}`),
      /** Every catalogue indicator with the park's latest verified total and the one before it. */
      indicators: (parkId: string, signal?: AbortSignal) => client.get<ParkIndicators>(`/parks/${id(parkId)}/indicators`, { signal }),
    },
    invitations: {
      list: () => client.get<ItemList<Invitation>>('/invitations'),
      create: (body: InvitationRequest) => client.post<CreatedInvitation>('/invitations', body),
      revoke: (invitationId: string) => client.delete(`/invitations/${id(invitationId)}`),
      preview: (token: string) => client.get<Invitation>(`/invitations/by-token/${id(token)}`, { auth: false }),
      async accept(token: string, body: AcceptInvitationRequest): Promise<Session> {
        const session = await client.post<Session>(`/invitations/${id(token)}/accept`, body, { auth: false });
        client.startSession(session);
        return session;
      },
    },
    activity: {
      list: (query: ActivityQuery = {}) => client.get<Page<ActivityEntry>>('/activity', { query: { ...query } }),
    },
    roundtables: {
      list: (query: RoundtableQuery = {}) => client.get<Page<Roundtable>>('/roundtables', { query: { ...query } }),
      get: (rtId: string) => client.get<Roundtable>(`/roundtables/${id(rtId)}`),
      create: (body: RoundtableInput) => client.post<Roundtable>('/roundtables', body),
      update: (rtId: string, body: Partial<RoundtableInput>) => client.patch<Roundtable>(`/roundtables/${id(rtId)}`, body),
      changeStatus: (rtId: string, status: RoundtableStatus, reason?: string) =>
        client.post<Roundtable>(`/roundtables/${id(rtId)}/status`, { status, reason }),
      balance: (rtId: string) => client.get<RoundtableBalance>(`/roundtables/${id(rtId)}/balance`),
      history: (rtId: string, cursor?: string) =>
        client.get<Page<ActivityEntry>>(`/roundtables/${id(rtId)}/history`, { query: { cursor, limit: 50 } }),
      calendar: (rtId: string, lang: string) => client.download(`/roundtables/${id(rtId)}/calendar.ics`, { query: { lang } }),
      participants: (rtId: string) => client.get<ItemList<Participant>>(`/roundtables/${id(rtId)}/participants`),
      addParticipants: (rtId: string, body: { userId?: string; organizationId?: string; role?: RoundtableRole }) =>
        client.post<AddedParticipants>(`/roundtables/${id(rtId)}/participants`, body),
      updateParticipant: (rtId: string, userId: string, body: { role?: RoundtableRole; attended?: boolean | null }) =>
        client.patch<Participant>(`/roundtables/${id(rtId)}/participants/${id(userId)}`, body),
      removeParticipant: (rtId: string, userId: string) => client.delete(`/roundtables/${id(rtId)}/participants/${id(userId)}`),
      agenda: (rtId: string) => client.get<ItemList<AgendaItem>>(`/roundtables/${id(rtId)}/agenda-items`),
      addAgendaItem: (rtId: string, body: AgendaItemInput) => client.post<AgendaItem>(`/roundtables/${id(rtId)}/agenda-items`, body),
      updateAgendaItem: (rtId: string, itemId: string, body: AgendaItemInput) =>
        client.patch<AgendaItem>(`/roundtables/${id(rtId)}/agenda-items/${id(itemId)}`, body),
      removeAgendaItem: (rtId: string, itemId: string) => client.delete(`/roundtables/${id(rtId)}/agenda-items/${id(itemId)}`),
      reorderAgenda: (rtId: string, itemIds: string[]) =>
        client.put<ItemList<AgendaItem>>(`/roundtables/${id(rtId)}/agenda-items/order`, { itemIds }),
      putMinutes: (rtId: string, itemId: string, text: LocalizedText) =>
        client.put<Minutes>(`/roundtables/${id(rtId)}/agenda-items/${id(itemId)}/minutes`, { text }),
      minutesHistory: (rtId: string, itemId: string) =>
        client.get<ItemList<Minutes>>(`/roundtables/${id(rtId)}/agenda-items/${id(itemId)}/minutes/history`),
      decisions: (rtId: string) => client.get<ItemList<Decision>>(`/roundtables/${id(rtId)}/decisions`),
      addDecision: (rtId: string, body: DecisionInput) => client.post<Decision>(`/roundtables/${id(rtId)}/decisions`, body),
      updateDecision: (rtId: string, decisionId: string, body: DecisionInput) =>
        client.patch<Decision>(`/roundtables/${id(rtId)}/decisions/${id(decisionId)}`, body),
      removeDecision: (rtId: string, decisionId: string) => client.delete(`/roundtables/${id(rtId)}/decisions/${id(decisionId)}`),
    },
    workingGroups: {
      list: (query: WorkingGroupQuery = {}) => client.get<Page<WorkingGroup>>('/working-groups', { query: { ...query } }),
      get: (groupId: string) => client.get<WorkingGroup>(`/working-groups/${id(groupId)}`),
      create: (body: WorkingGroupInput) => client.post<WorkingGroup>('/working-groups', body),
      update: (groupId: string, body: WorkingGroupInput) => client.patch<WorkingGroup>(`/working-groups/${id(groupId)}`, body),
      changeStatus: (groupId: string, status: WorkingGroupStatus, reason?: string) =>
        client.post<WorkingGroup>(`/working-groups/${id(groupId)}/status`, { status, reason }),
      members: (groupId: string) => client.get<ItemList<WorkingGroupMember>>(`/working-groups/${id(groupId)}/members`),
      addMember: (groupId: string, userId: string) => client.post<WorkingGroupMember>(`/working-groups/${id(groupId)}/members`, { userId }),
      removeMember: (groupId: string, userId: string) => client.delete(`/working-groups/${id(groupId)}/members/${id(userId)}`),
      balance: (groupId: string) => client.get<TripartiteBalance>(`/working-groups/${id(groupId)}/balance`),
      history: (groupId: string, cursor?: string) =>
        client.get<Page<ActivityEntry>>(`/working-groups/${id(groupId)}/history`, { query: { cursor, limit: 50 } }),
    },
    roadmaps: {
      list: () => client.get<ItemList<Roadmap>>('/roadmaps'),
      get: (roadmapId: string) => client.get<Roadmap>(`/roadmaps/${id(roadmapId)}`),
      create: (body: RoadmapInput) => client.post<Roadmap>('/roadmaps', body),
      update: (roadmapId: string, body: RoadmapInput) => client.patch<Roadmap>(`/roadmaps/${id(roadmapId)}`, body),
      progress: (roadmapId: string) => client.get<RoadmapProgress>(`/roadmaps/${id(roadmapId)}/progress`),
      exportCsv: (roadmapId: string) => client.download(`/roadmaps/${id(roadmapId)}/export.csv`),
      indicatorHealth: (roadmapId: string) => client.get<IndicatorHealth>(`/roadmaps/${id(roadmapId)}/indicator-health`),
    },
    actionItems: {
      list: ({ status, ...query }: ActionItemQuery = {}) =>
        client.get<ItemList<ActionItem>>('/action-items', { query: { ...query, status: status?.length ? status.join(',') : undefined } }),
      get: (itemId: string) => client.get<ActionItemDetail>(`/action-items/${id(itemId)}`),
      create: (body: ActionItemInput) => client.post<ActionItemDetail>('/action-items', body),
      update: (itemId: string, body: ActionItemInput) => client.patch<ActionItemDetail>(`/action-items/${id(itemId)}`, body),
      changeStatus: (itemId: string, status: ActionItemStatus, reason?: string) =>
        client.post<ActionItemDetail>(`/action-items/${id(itemId)}/status`, { status, reason }),
      history: (itemId: string) => client.get<Page<ActivityEntry>>(`/action-items/${id(itemId)}/history`),
      positionHistory: (itemId: string) => client.get<ItemList<Position>>(`/action-items/${id(itemId)}/positions/history`),
      statePosition: (itemId: string, stance: Stance, statement: string) =>
        client.post<ActionItemDetail>(`/action-items/${id(itemId)}/positions`, { stance, statement }),
      addMilestone: (itemId: string, body: { title: LocalizedText; dueDate?: string }) =>
        client.post<Milestone>(`/action-items/${id(itemId)}/milestones`, body),
      updateMilestone: (itemId: string, milestoneId: string, body: { title?: LocalizedText; dueDate?: string | null; completed?: boolean }) =>
        client.patch<Milestone>(`/action-items/${id(itemId)}/milestones/${id(milestoneId)}`, body),
      removeMilestone: (itemId: string, milestoneId: string) => client.delete(`/action-items/${id(itemId)}/milestones/${id(milestoneId)}`),
      indicatorLinks: (itemId: string) => client.get<ItemList<IndicatorLink>>(`/action-items/${id(itemId)}/indicator-links`),
      addIndicatorLink: (itemId: string, body: IndicatorLinkInput) =>
        client.post<IndicatorLink>(`/action-items/${id(itemId)}/indicator-links`, body),
      updateIndicatorLink: (itemId: string, linkId: string, body: IndicatorLinkUpdate) =>
        client.patch<IndicatorLink>(`/action-items/${id(itemId)}/indicator-links/${id(linkId)}`, body),
      removeIndicatorLink: (itemId: string, linkId: string) => client.delete(`/action-items/${id(itemId)}/indicator-links/${id(linkId)}`),
    },
    indicators: {
      list: (query: IndicatorQuery = {}) => client.get<ItemList<Indicator>>('/indicators', { query: { ...query } }),
      /** By id or code. */
      get: (ref: string) => client.get<Indicator>(`/indicators/${id(ref)}`),
      create: (body: IndicatorInput) => client.post<Indicator>('/indicators', body),
      update: (ref: string, body: IndicatorInput) => client.patch<Indicator>(`/indicators/${id(ref)}`, body),
      series: (ref: string, query: SeriesQuery, signal?: AbortSignal) =>
        client.get<Series>(`/indicators/${id(ref)}/series`, { query: { ...query }, signal }),
    },
    observations: {
      list: (query: ObservationQuery = {}, signal?: AbortSignal) =>
        client.get<Page<Observation>>('/observations', { query: { ...query }, signal }),
      get: (obsId: string) => client.get<Observation>(`/observations/${id(obsId)}`),
      history: (obsId: string) => client.get<ItemList<Observation>>(`/observations/${id(obsId)}/history`),
      report: (body: ObservationInput) => client.post<ReportedObservation>('/observations', body),
      correct: (obsId: string, body: ObservationCorrection) => client.post<ReportedObservation>(`/observations/${id(obsId)}/correct`, body),
      verify: (obsId: string) => client.post<Observation>(`/observations/${id(obsId)}/verify`),
      reject: (obsId: string, reason: string) => client.post<Observation>(`/observations/${id(obsId)}/reject`, { reason }),
      /** A CSV file, imported whole or not at all; a refused file throws an ApiError whose body is the report. */
      importCsv: (file: Blob, filename: string, dryRun = false) => {
        const form = new FormData();
        form.append('file', file, filename);
        return client.post<ImportReport>('/observations/import', form, { query: { dryRun: dryRun || undefined } });
      },
      exportCsv: (query: Omit<ObservationQuery, 'limit' | 'cursor' | 'order'> = {}) => client.download('/observations/export.csv', { query: { ...query } }),
    },
    channels: {
      /** The channel of a roundtable, working group or action item (or the lobby); null when the reader has none. */
      async find(kind: ChannelKind, refId?: string): Promise<Channel | null> {
        const page = await client.get<Page<Channel>>('/channels', { query: { kind, refId } });
        return page.items[0] ?? null;
      },
      list: (kind: ChannelKind, cursor?: string) => client.get<Page<Channel>>('/channels', { query: { kind, cursor, limit: 200 } }),
      messages: (channelId: string, query: { beforeSeq?: number; afterSeq?: number; limit?: number } = {}) =>
        client.get<MessagePage>(`/channels/${id(channelId)}/messages`, { query: { ...query } }),
    },
    notifications: {
      list: (query: { unread?: boolean; limit?: number; cursor?: string } = {}) =>
        client.get<NotificationPage>('/notifications', { query: { ...query } }),
      markRead: (ids?: string[]) => client.post<{ unreadCount: number }>('/notifications/read', ids ? { ids } : {}),
    },
  };
}

export type Api = ReturnType<typeof createEndpoints>;
