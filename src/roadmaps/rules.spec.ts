import { ACTION_ITEM_STATUSES, type ActionItemStatus } from '../shared/enums';
import { allowedTransitions, canTransition, completionLevel, consensusOf, isOverdue, progressOf } from './rules';

describe('status workflow', () => {
  const legal: [ActionItemStatus, ActionItemStatus][] = [
    ['proposed', 'agreed'],
    ['proposed', 'dropped'],
    ['agreed', 'in_progress'],
    ['agreed', 'delayed'],
    ['agreed', 'dropped'],
    ['in_progress', 'completed'],
    ['in_progress', 'delayed'],
    ['in_progress', 'dropped'],
    ['delayed', 'in_progress'],
    ['delayed', 'dropped'],
  ];

  it.each(legal)('allows %s → %s', (from, to) => expect(canTransition(from, to)).toBe(true));

  it('refuses every other move, including staying put', () => {
    for (const from of ACTION_ITEM_STATUSES) {
      for (const to of ACTION_ITEM_STATUSES) {
        const expected = legal.some(([f, t]) => f === from && t === to);
        expect([from, to, canTransition(from, to)]).toEqual([from, to, expected]);
      }
    }
  });

  it('names the allowed moves; completed and dropped are final', () => {
    expect(allowedTransitions('proposed')).toEqual(['agreed', 'dropped']);
    expect(allowedTransitions('completed')).toEqual([]);
    expect(allowedTransitions('dropped')).toEqual([]);
  });
});

describe('progress and completion level', () => {
  it('is the share of milestones done when there are milestones, ignoring the manual value', () => {
    expect(progressOf([{ completedAt: new Date() }, { completedAt: null }, { completedAt: null }], 90)).toBe(33);
    expect(progressOf([{ completedAt: '2024-01-01' }, { completedAt: '2024-02-01' }], 0)).toBe(100);
    expect(progressOf([{ completedAt: null }], 70)).toBe(0);
  });

  it('is the manual value without milestones, kept within 0–100', () => {
    expect(progressOf([], 40)).toBe(40);
    expect(progressOf([], 140)).toBe(100);
    expect(progressOf([], -5)).toBe(0);
  });

  it.each([
    [0, 'not_started'],
    [1, 'limited'],
    [49, 'limited'],
    [50, 'substantial'],
    [99, 'substantial'],
    [100, 'completed'],
  ])('progress %i is %s', (progress, level) => expect(completionLevel(progress)).toBe(level));
});

describe('consensus', () => {
  it('is pending when no tripartite organization has spoken', () => {
    expect(consensusOf([])).toBe('pending');
    expect(
      consensusOf([
        { constituency: 'international', stance: 'oppose' },
        { constituency: 'academia', stance: 'support' },
      ]),
    ).toBe('pending');
  });

  it('is contested when any tripartite organization opposes', () => {
    expect(
      consensusOf([
        { constituency: 'government', stance: 'support' },
        { constituency: 'employers', stance: 'support' },
        { constituency: 'workers', stance: 'support' },
        { constituency: 'workers', stance: 'oppose' },
      ]),
    ).toBe('contested');
  });

  it('is consensus when each of the three supports, with or without reservations, and none opposes', () => {
    expect(
      consensusOf([
        { constituency: 'government', stance: 'support' },
        { constituency: 'employers', stance: 'support' },
        { constituency: 'workers', stance: 'support_with_reservations' },
        { constituency: 'employers', stance: 'abstain' },
        { constituency: 'civil_society', stance: 'oppose' },
      ]),
    ).toBe('consensus');
  });

  it('is partial when someone spoke but not all three support', () => {
    expect(consensusOf([{ constituency: 'workers', stance: 'support' }])).toBe('partial');
    expect(
      consensusOf([
        { constituency: 'government', stance: 'support' },
        { constituency: 'employers', stance: 'abstain' },
        { constituency: 'workers', stance: 'support' },
      ]),
    ).toBe('partial');
  });
});

describe('overdue', () => {
  const today = new Date('2024-06-15T10:00:00Z');
  it('is past due and still open', () => {
    expect(isOverdue({ dueDate: '2024-06-14', status: 'in_progress' }, today)).toBe(true);
    expect(isOverdue({ dueDate: '2024-06-15', status: 'in_progress' }, today)).toBe(false);
    expect(isOverdue({ dueDate: '2024-01-01', status: 'completed' }, today)).toBe(false);
    expect(isOverdue({ dueDate: '2024-01-01', status: 'dropped' }, today)).toBe(false);
    expect(isOverdue({ dueDate: null, status: 'agreed' }, today)).toBe(false);
  });
});
