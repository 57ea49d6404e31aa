import { ApiClient, memoryTokenStore, storageTokenStore } from './client';
import { createEndpoints } from './endpoints';

function defaultStore() {
  try {
    return storageTokenStore(window.localStorage);
  } catch {
    // Storage disabled (private mode, policy): the session lasts as long as the tab.
    return memoryTokenStore();
  }
}

/** The app's one API client: tokens kept in localStorage, shared by every tab. */
export const apiClient = new ApiClient({ tokens: defaultStore() });
export const api = createEndpoints(apiClient);

export { ApiError, errorKey, fieldErrorKey, fieldErrors, isApiError } from './errors';
export type * from './types';
