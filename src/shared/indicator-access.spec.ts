import type { Role } from './enums';
import { canReport, seesUnverified, verifyBlockReason } from './indicator-access';

type ReportScope = Parameters<typeof canReport>[1];

const user = (role: Role, organizationId = 'org-park') => ({ role, organizationId });
const park = (organizationId: string | null): ReportScope => ({ type: 'park', park: { organizationId } });
const province: ReportScope = { type: 'province', park: null };

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

const submitted = (reporterId: string) => ({ status: 'submitted' as const, current: true, reportedBy: { id: reporterId, displayName: 'x' } });

describe('who verifies', () => {
  it('lets staff verify what others reported, never their own', () => {
    expect(verifyBlockReason({ id: 'f1', role: 'facilitator' }, submitted('p1'))).toBeNull();
    expect(verifyBlockReason({ id: 'a1', role: 'admin' }, submitted('p1'))).toBeNull();
    expect(verifyBlockReason({ id: 'f1', role: 'facilitator' }, submitted('f1'))).toBe('ownValue');
    expect(verifyBlockReason({ id: 'm1', role: 'member' }, submitted('p1'))).toBe('notStaff');
    expect(verifyBlockReason({ id: 'f1', role: 'facilitator' }, { ...submitted('p1'), status: 'verified' })).toBe('notSubmitted');
    expect(verifyBlockReason({ id: 'f1', role: 'facilitator' }, { ...submitted('p1'), current: false })).toBe('notSubmitted');
  });

  it('lets members report only for the parks their organization runs', () => {
    const sip = park('org-sip');
    expect(canReport({ role: 'member', organizationId: 'org-sip' }, sip)).toBe(true);
    expect(canReport({ role: 'member', organizationId: 'org-other' }, sip)).toBe(false);
    expect(canReport({ role: 'observer', organizationId: 'org-sip' }, sip)).toBe(false);
    expect(canReport({ role: 'facilitator', organizationId: 'x' }, { type: 'park', park: null })).toBe(true);
  });
});
