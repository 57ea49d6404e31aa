import type { Role } from '../api/types';
import type en from '../i18n/en.json';

export interface NavItem<Key extends string = `nav.${keyof typeof en.nav}`> {
  path: string;
  /** Translation key of the label; adding the key to en.json and zh-CN.json makes it valid here. */
  labelKey: Key;
  /** Who sees the item; everyone signed in when absent. */
  roles?: readonly Role[];
  /** Also shown to people granted the translator right, whatever their role. */
  translators?: boolean;
  /** Marked current only on exactly this path (for "/"), not on the pages below it. */
  end?: boolean;
}

/**
 * The primary navigation, in order. Each area is one line here, plus its route in App.tsx.
 */
export const NAVIGATION: readonly NavItem[] = [
  { path: '/', labelKey: 'nav.home', end: true },
  { path: '/roundtables', labelKey: 'nav.roundtables' },
  { path: '/working-groups', labelKey: 'nav.workingGroups' },
  { path: '/roadmaps', labelKey: 'nav.roadmap' },
  { path: '/indicators', labelKey: 'nav.indicators' },
  { path: '/discussions', labelKey: 'nav.discussions' },
  { path: '/directory', labelKey: 'nav.directory' },
  { path: '/search', labelKey: 'nav.search' },
  { path: '/translations', labelKey: 'nav.translations', roles: ['admin', 'facilitator'], translators: true },
  { path: '/invitations', labelKey: 'nav.invitations', roles: ['admin', 'facilitator'] },
  { path: '/reports/consultations', labelKey: 'nav.reports', roles: ['admin', 'facilitator'] },
  { path: '/admin', labelKey: 'nav.admin', roles: ['admin'] },
];

/**
 * The sections of the admin area: admin-only, but for the approvers, which facilitators may read (they reach it from
 * a park's approvals; the primary navigation's Admin item stays an admin's).
 */
export const ADMIN_NAVIGATION: readonly NavItem<`adminNav.${keyof typeof en.adminNav}`>[] = [
  { path: '/admin/organizations', labelKey: 'adminNav.organizations', roles: ['admin'] },
  { path: '/admin/users', labelKey: 'adminNav.users', roles: ['admin'] },
  { path: '/admin/parks', labelKey: 'adminNav.parks', roles: ['admin'] },
  { path: '/admin/approvers', labelKey: 'adminNav.approvers', roles: ['admin', 'facilitator'] },
  { path: '/admin/activity', labelKey: 'adminNav.activity', roles: ['admin'] },
  { path: '/admin/outbox', labelKey: 'adminNav.outbox', roles: ['admin'] },
];

/** The sections of the indicators area. Reporting and importing are for those who may report; verifying for staff. */
export const INDICATOR_NAVIGATION: readonly NavItem<`indicatorNav.${keyof typeof en.indicatorNav}`>[] = [
  { path: '/indicators', labelKey: 'indicatorNav.catalogue', end: true },
  { path: '/indicators/parks', labelKey: 'indicatorNav.parks' },
  { path: '/indicators/report', labelKey: 'indicatorNav.report', roles: ['admin', 'facilitator', 'member'] },
  { path: '/indicators/import', labelKey: 'indicatorNav.import', roles: ['admin', 'facilitator', 'member'] },
  { path: '/indicators/verification', labelKey: 'indicatorNav.verification', roles: ['admin', 'facilitator'] },
  { path: '/indicators/follow-up', labelKey: 'indicatorNav.followUp', roles: ['admin', 'facilitator'] },
];

/** The items a user with this role (and, for some, the translator right) sees. */
export function navigationFor<Key extends string>(role: Role, items: readonly NavItem<Key>[], translator = false): NavItem<Key>[] {
  return items.filter((item) => !item.roles || item.roles.includes(role) || (translator && item.translators));
}
