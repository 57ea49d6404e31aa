import { Suspense, type ComponentProps } from 'react';
import { Loading } from '../components/Feedback';
import { lazyPart } from '../lib/lazyPage';
import type { DiscussionPanel as Panel } from './DiscussionPanel';

/** The discussion's script (the panel, its channel and composer), fetched when a record's discussion is first shown. */
export const DiscussionPanelPart = lazyPart(() => import('./DiscussionPanel').then((m) => m.DiscussionPanel));

/**
 * A record's discussion, for the tab of a record's page that shows it: most visits to a record never open that tab,
 * so its script is not part of the page's own; the tab starts loading it when the reader points at it (PageTabs'
 * `prepare`).
 */
export function DiscussionPanel(props: ComponentProps<typeof Panel>) {
  return (
    <Suspense fallback={<Loading />}>
      <DiscussionPanelPart {...props} />
    </Suspense>
  );
}
