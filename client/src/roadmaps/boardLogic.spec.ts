import { ApiError } from '../api/errors';
import type { ActionItem, ActionItemStatus } from '../api/types';
import { allowedFromConflict, boardTemplate, canDrive, columns, movesFor, needsReason, replaceItem } from './boardLogic';

const lead = { id: 'org-union', name: { en: 'JFTU' }, constituency: 'workers' as const, region: null };
const item = (status: ActionItemStatus, allowedTransitions: ActionItemStatus[], id = 'a1') =>
  ({ id, status, allowedTransitions, leadOrganization: lead }) as Pick<ActionItem, 'id' | 'status' | 'allowedTransitions' | 'leadOrganization'>;

const facilitator = { role: 'facilitator' as const, organization: { id: 'org-ilo' } };
const leadMember = { role: 'member' as const, organization: { id: 'org-union' } };
const otherMember = { role: 'member' as const, organization: { id: 'org-employers' } };
const observer = { role: 'observer' as const, organization: { id: 'org-union' } };

describe('board moves', () => {
  it('lets staff and members of the lead organization move a card, nobody else', () => {
    expect(canDrive(facilitator, item('proposed', []))).toBe(true);
    expect(canDrive({ role: 'admin', organization: { id: 'x' } }, item('proposed', []))).toBe(true);
    expect(canDrive(leadMember, item('proposed', []))).toBe(true);
    expect(canDrive(otherMember, item('proposed', []))).toBe(false);
    // An observer of the lead organization still only reads.
    expect(canDrive(observer, item('proposed', []))).toBe(false);
  });

  it('offers exactly the allowed transitions, in workflow order', () => {
    expect(movesFor(facilitator, item('agreed', ['dropped', 'in_progress', 'delayed']))).toEqual(['in_progress', 'delayed', 'dropped']);
    expect(movesFor(leadMember, item('in_progress', ['completed', 'delayed', 'dropped']))).toEqual(['delayed', 'completed', 'dropped']);
    expect(movesFor(otherMember, item('agreed', ['in_progress']))).toEqual([]);
    expect(movesFor(facilitator, item('completed', []))).toEqual([]);
  });

  it('asks for a reason for delayed and dropped only', () => {
    expect(['proposed', 'agreed', 'in_progress', 'completed', 'delayed', 'dropped'].filter((s) => needsReason(s as ActionItemStatus))).toEqual([
      'delayed',
      'dropped',
    ]);
  });

  it('puts cards in one column per status, in workflow order', () => {
    const board = columns([item('agreed', [], 'a'), item('proposed', [], 'b'), item('agreed', [], 'c')]);
    expect(board.map((c) => c.status)).toEqual(['proposed', 'agreed', 'in_progress', 'delayed', 'completed', 'dropped']);
    expect(board[1].items.map((i) => i.id)).toEqual(['a', 'c']);
    expect(board[0].items.map((i) => i.id)).toEqual(['b']);
  });

  it('replaces a changed card in place and leaves unknown ones out', () => {
    const items = [item('proposed', ['agreed'], 'a'), item('agreed', [], 'b')];
    const moved = replaceItem(items, item('agreed', ['in_progress'], 'a'));
    expect(moved.map((i) => [i.id, i.status])).toEqual([
      ['a', 'agreed'],
      ['b', 'agreed'],
    ]);
    expect(replaceItem(items, item('agreed', [], 'zzz'))).toHaveLength(2);
  });

  it('reads the allowed moves from a 409 answer', () => {
    const conflict = ApiError.fromBody(409, { statusCode: 409, error: 'Conflict', message: 'Cannot move', allowed: ['dropped', 'in_progress', 'bogus'] });
    expect(allowedFromConflict(conflict)).toEqual(['in_progress', 'dropped']);
    expect(allowedFromConflict(ApiError.fromBody(409, { message: 'x' }))).toBeNull();
    expect(allowedFromConflict(new ApiError(400, 'x'))).toBeNull();
    expect(allowedFromConflict(new Error('x'))).toBeNull();
  });
});

describe('board layout', () => {
  it('gives each open column an equal share and each folded one a strip, in workflow order', () => {
    expect(boardTemplate([])).toBe(Array(6).fill('minmax(0, 1fr)').join(' '));
    expect(boardTemplate(['dropped', 'proposed']).split(' minmax').length).toBe(5);
    expect(boardTemplate(['dropped', 'proposed']).startsWith('2.75rem ')).toBe(true);
    expect(boardTemplate(['dropped', 'proposed']).endsWith(' 2.75rem')).toBe(true);
  });
});
