import { weakPasswordProblem } from './password-policy';

describe('weakPasswordProblem', () => {
  const person = { email: 'wang.fang@union.example', displayName: 'Wang Fang' };

  it('refuses common, repeated and sequential passwords, and ones built from the email or name, naming the field', () => {
    for (const password of ['aaaaaaaaaaaa', 'password1234', 'abcabcabcabc', 'qwertyuiop12', 'wang.fang@union.example', 'wangfang2024', 'WangFang1234']) {
      expect(weakPasswordProblem('password', password, person)).toMatch(/^password is too easy to guess/);
    }
  });

  it('lets long, uncommon passwords through', () => {
    for (const password of ['amber-lantern-orchard', 'correct-horse-battery', 'Tr0ub4dor&3x-q'])
      expect(weakPasswordProblem('password', password, person)).toBeNull();
  });
});
