import { ApiClient, memoryTokenStore } from './client';
import { createEndpoints } from './endpoints';

/**
 * The app's one API client. The access token is kept in this tab's memory only; the refresh token is an HttpOnly
 * cookie, so a reload or another tab picks the session up by refreshing (AuthProvider does at start).
 */
export const apiClient = new ApiClient({ tokens: memoryTokenStore() });
export const api = createEndpoints(apiClient);

export { ApiError, errorKey, fieldErrorKey, fieldErrors, isApiError } from './errors';
export type * from './types';
