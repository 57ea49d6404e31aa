import { emailProblem, problems, requiredProblem } from './validation';

describe('form checks before sending', () => {
  it('asks for a missing e-mail address, then for one shaped like an address', () => {
    expect(emailProblem('   ')).toEqual({ key: 'errors.field.required' });
    expect(emailProblem('someone@example')).toEqual({ key: 'errors.field.email' });
    expect(emailProblem(' someone@example.org ')).toBeUndefined();
  });

  it('keeps only the fields that have a problem', () => {
    expect(problems({ email: emailProblem('x'), password: requiredProblem(''), name: requiredProblem('Ana') })).toEqual({
      email: { key: 'errors.field.email' },
      password: { key: 'errors.field.required' },
    });
  });
});
