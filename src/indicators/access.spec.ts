import type { AuthUser } from '../auth/auth-user';
import { canReport, seesUnverified } from './access';
import type { ResolvedScope } from './scopes';

const user = (role: AuthUser['role'], organizationId = 'org-park') => ({ role, organizationId });
const park = (organizationId: string | null): Pick<ResolvedScope, 'type' | 'park'> => ({ type: 'park', park: { id: 'p', name: { en: 'P' }, organizationId } });
const province: Pick<ResolvedScope, 'type' | 'park'> = { type: 'province', park: null };

describe('canReport', () => {
  it('lets facilitators and admins report for any scope', () => {
    expect(canReport(user('facilitator'), province)).toBe(true);
    expect(canReport(user('admin'), park('other'))).toBe(true);
  });

  it("lets members report only for their own organization's parks", () => {
    expect(canReport(user('member'), park('org-park'))).toBe(true);
    expect(canReport(user('member'), park('other'))).toBe(false);
    expect(canReport(user('member'), park(null))).toBe(false);
    expect(canReport(user('member'), province)).toBe(false);
  });

  it('never lets observers report', () => {
    expect(canReport(user('observer'), park('org-park'))).toBe(false);
    expect(seesUnverified(user('observer'))).toBe(false);
    expect(seesUnverified(user('member'))).toBe(true);
  });
});
