import { SLOT_MARKS, sentenceParts } from './auditSentence';

const values = { actor: 'Wang Li (ACFTU)', target: 'Green skills <b>training</b>', subject: 'Li Na', context: ' (Suzhou, 2024)' };
const template = (s: string) =>
  s
    .replace('{{actor}}', SLOT_MARKS.actor)
    .replace('{{target}}', SLOT_MARKS.target)
    .replace('{{subject}}', SLOT_MARKS.subject)
    .replace('{{context}}', SLOT_MARKS.context);

describe('audit sentences', () => {
  it('cuts a sentence into text and the people and things it names, in the order of the language', () => {
    expect(sentenceParts(template('<actor>{{actor}}</actor> stated a position on <target>“{{target}}”</target>'), values)).toEqual([
      { kind: 'actor', text: 'Wang Li (ACFTU)' },
      { kind: 'text', text: ' stated a position on ' },
      { kind: 'target', text: '“Green skills <b>training</b>”' },
    ]);
    expect(
      sentenceParts(template('<actor>{{actor}}</actor>将<subject>{{subject}}</subject>加入工作组<target>“{{target}}”</target>'), values).map((p) => p.kind),
    ).toEqual(['actor', 'text', 'subject', 'text', 'target']);
  });

  it('puts plain values (the period) into the text, and never reads a value as markup', () => {
    const parts = sentenceParts(template('<actor>{{actor}}</actor> verified a value of <target>“{{target}}”</target>{{context}}'), {
      ...values,
      target: '<actor>x</actor>',
    });
    expect(parts).toEqual([
      { kind: 'actor', text: 'Wang Li (ACFTU)' },
      { kind: 'text', text: ' verified a value of ' },
      { kind: 'target', text: '“<actor>x</actor>”' },
      { kind: 'text', text: ' (Suzhou, 2024)' },
    ]);
  });
});
