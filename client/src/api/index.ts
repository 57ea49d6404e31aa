import { ApiClient, memoryTokenStore } from './client';
import { createEndpoints } from './endpoints';
import { takeFirstRefresh } from './first-refresh';

/**
 * The app's one API client. The access token is kept in this tab's memory only; the refresh token is an HttpOnly
 * cookie, so a reload or another tab picks the session up by refreshing (AuthProvider does at start, taking the answer
 * to the check the page's first script sent).
 */
export const apiClient = new ApiClient({ tokens: memoryTokenStore(), firstRefresh: takeFirstRefresh });
export const api = createEndpoints(apiClient);

export { ApiError, errorKey, fieldErrorKey, fieldErrors, isApiError } from './errors';
export type * from './types';
