import type { AppNotification } from '../api/types';
import { notificationLink } from './notificationLink';

const note = (kind: string, payload: Record<string, unknown>) =>
  ({ id: 'n1', kind, payload, readAt: null, createdAt: '2026-12-04T10:00:00.000Z' }) as AppNotification;

// Each kind the server sends (realtime.notify calls), with the payload it writes.
describe('a notification opens the thing it is about', () => {
  it('opens a mention or a reply at the message, in its discussion', () => {
    const at = { channelId: 'c1', seq: 42, link: '/roundtables/r1' };
    expect(notificationLink(note('mention', { ...at, channelKind: 'roundtable', refId: 'r1' }))).toBe('/roundtables/r1?tab=discussion&seq=42');
    expect(notificationLink(note('reply', { ...at, channelKind: 'working_group', refId: 'w1' }))).toBe('/working-groups/w1?tab=discussion&seq=42');
    expect(notificationLink(note('mention', { ...at, channelKind: 'action_item', refId: 'a1' }))).toBe('/action-items/a1?tab=discussion&seq=42');
    expect(notificationLink(note('mention', { ...at, channelKind: 'lobby', refId: null }))).toBe('/discussions?seq=42');
    expect(notificationLink(note('reply', { ...at, channelKind: 'direct', refId: 'd1' }))).toBe('/conversations/d1?seq=42');
  });

  it.each([
    ['action_item.status_changed', { actionItemId: 'a1', link: '/action-items/a1' }, '/action-items/a1'],
    ['position.stated', { actionItemId: 'a1', link: '/action-items/a1' }, '/action-items/a1'],
    ['observation.verified', { id: 'o1', link: '/observations/o1' }, '/observations/o1'],
    ['observation.rejected', { id: 'o1', link: '/observations/o1' }, '/observations/o1'],
    ['observation.follow_up_sent_back', { id: 'o1', link: '/observations/o1' }, '/observations/o1'],
    ['minutes.circulated', { link: '/roundtables/r1?tab=agenda' }, '/roundtables/r1?tab=agenda'],
    ['period_approval.awaiting', { link: '/parks/p1' }, '/parks/p1'],
    ['reporting.due', { link: '/indicators/report?indicator=i1&scopeType=park&scope=p1' }, '/indicators/report?indicator=i1&scopeType=park&scope=p1'],
  ])('opens %s at its link', (kind, payload, expected) => {
    expect(notificationLink(note(kind, payload))).toBe(expected);
  });

  it('never leads off the site', () => {
    expect(notificationLink(note('minutes.circulated', { link: '//evil.example/x' }))).toBeNull();
    expect(notificationLink(note('minutes.circulated', { link: 'https://evil.example/x' }))).toBeNull();
  });
});
