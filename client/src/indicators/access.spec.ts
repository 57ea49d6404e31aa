import { mayReportFor, verifyBlockReason } from './access';

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
    const park = { organization: { id: 'org-sip', name: {}, constituency: 'park_management' as const, region: null } };
    expect(mayReportFor({ role: 'member', organization: { id: 'org-sip' } }, park)).toBe(true);
    expect(mayReportFor({ role: 'member', organization: { id: 'org-other' } }, park)).toBe(false);
    expect(mayReportFor({ role: 'observer', organization: { id: 'org-sip' } }, park)).toBe(false);
    expect(mayReportFor({ role: 'facilitator', organization: { id: 'x' } }, null)).toBe(true);
  });
});
