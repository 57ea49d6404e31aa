import type { ApiClient } from './client';
import type {
  AcceptInvitationRequest,
  ActivityEntry,
  ActivityQuery,
  CreatedInvitation,
  Invitation,
  InvitationRequest,
  ItemList,
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
  };
}

export type Api = ReturnType<typeof createEndpoints>;
