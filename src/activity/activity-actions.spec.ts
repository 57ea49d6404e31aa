import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/paths';
import { ACTIVITY_ACTIONS } from './activity-actions';

type Messages = { [key: string]: string | Messages };
const locale = (name: string) => JSON.parse(readFileSync(join(projectRoot(), 'client', 'src', 'i18n', `${name}.json`), 'utf8')) as Messages;
const sentenceOf = (messages: Messages, action: string): unknown => {
  const [type, verb] = action.split('.');
  return ((messages.auditSentence as Messages | undefined)?.[type] as Messages | undefined)?.[verb];
};

describe('the audit log in words', () => {
  // ActivityService.record takes only ACTIVITY_ACTIONS (the compiler holds every call to it), so this is every action
  // the server can record.
  it.each(['en', 'zh-CN'])('has a sentence in %s for every action the server records, naming who acted', (name) => {
    const messages = locale(name);
    const missing = ACTIVITY_ACTIONS.filter((action) => typeof sentenceOf(messages, action) !== 'string');
    expect(missing).toEqual([]);
    for (const action of ACTIVITY_ACTIONS) {
      const sentence = sentenceOf(messages, action) as string;
      expect(sentence).toContain('<actor>{{actor}}</actor>');
      // Every marked name is closed, and nothing is left that reads like a key.
      for (const slot of ['actor', 'target', 'subject']) expect(sentence.split(`<${slot}>`).length).toBe(sentence.split(`</${slot}>`).length);
      expect(sentence).not.toMatch(/\b[a-z_]+\.[a-z_]+\b/);
    }
  });

  it('lists each action once, each named type.verb', () => {
    expect(new Set(ACTIVITY_ACTIONS).size).toBe(ACTIVITY_ACTIONS.length);
    for (const action of ACTIVITY_ACTIONS) expect(action).toMatch(/^[a-z_]+\.[a-z_]+$/);
  });
});
