import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, IsInt, IsString, MaxLength, validateSync } from 'class-validator';
import { cacheValidationRules } from './validation-rules-cache';

class Base {
  @IsString()
  name: string;
}

class Child extends Base {
  @IsInt()
  count: number;
}

const options = { whitelist: true, forbidNonWhitelisted: true };
const problems = <T extends object>(type: new () => T, value: object) =>
  validateSync(plainToInstance(type, value), options)
    .flatMap((e) => Object.values(e.constraints ?? {}))
    .sort();

describe('cacheValidationRules', () => {
  const before = {
    valid: problems(Child, { name: 'Suzhou', count: 3 }),
    inherited: problems(Child, { name: 7, count: 3 }),
    own: problems(Child, { name: 'Suzhou', count: 'three' }),
    unknown: problems(Child, { name: 'Suzhou', count: 3, extra: true }),
  };

  beforeAll(() => cacheValidationRules());

  it('validates exactly as before, own and inherited rules and unknown fields alike, call after call', () => {
    expect(before.inherited).toEqual(['name must be a string']);
    for (let i = 0; i < 3; i++) {
      expect(problems(Child, { name: 'Suzhou', count: 3 })).toEqual(before.valid);
      expect(problems(Child, { name: 7, count: 3 })).toEqual(before.inherited);
      expect(problems(Child, { name: 'Suzhou', count: 'three' })).toEqual(before.own);
      expect(problems(Child, { name: 'Suzhou', count: 3, extra: true })).toEqual(before.unknown);
    }
  });

  it('hands out the same frozen rules for a class, so nothing can change them in place', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Child, '', false, false);
    expect(storage.getTargetValidationMetadatas(Child, '', false, false)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first.map((rule) => rule.propertyName).sort()).toEqual(['count', 'name']);
  });

  it('sees a rule declared after the cache was filled (a class loaded late)', () => {
    problems(Child, { name: 'a'.repeat(50), count: 1 });
    class Later extends Child {}
    MaxLength(5)(Later.prototype, 'name');
    expect(problems(Later, { name: 'a'.repeat(50), count: 1 })).toEqual(['name must be shorter than or equal to 5 characters']);
    // Declaring Later's rule forgot what was kept: Child still has no length rule.
    expect(problems(Child, { name: 'a'.repeat(50), count: 1 })).toEqual([]);
  });

  it('is safe to call again', () => {
    cacheValidationRules();
    expect(problems(Child, { name: 7, count: 3 })).toEqual(before.inherited);
  });
});
