import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { cleanLocalizedText, IsLocalizedText, type LocalizedText } from './localized-text';

class Sample {
  @IsLocalizedText({ maxLength: 10 })
  title: LocalizedText;
}

const problems = (title: unknown) => validateSync(plainToInstance(Sample, { title })).flatMap((e) => Object.values(e.constraints ?? {}));

describe('IsLocalizedText', () => {
  it('accepts either language or both', () => {
    expect(problems({ en: 'Roadmap' })).toEqual([]);
    expect(problems({ zh: '路线图' })).toEqual([]);
    expect(problems({ en: 'Roadmap', zh: '路线图' })).toEqual([]);
  });

  it.each([
    [undefined, 'is required'],
    ['Roadmap', 'must be an object'],
    [{}, 'at least one language'],
    [{ en: '   ' }, 'at least one language'],
    [{ fr: 'Feuille' }, 'unknown language "fr"'],
    [{ en: 42 }, 'en must be a string'],
    [{ zh: '一二三四五六七八九十十一' }, 'zh must be at most 10 characters'],
  ])('refuses %j (%s)', (value, message) => {
    expect(problems(value).join(' ')).toContain(message);
  });

  it('refuses null for optional text (cleared with {}), and takes {} there', () => {
    class Optional {
      @IsLocalizedText({ maxLength: 10, required: false })
      description?: LocalizedText;
    }
    const optional = (description: unknown) => validateSync(plainToInstance(Optional, { description })).flatMap((e) => Object.values(e.constraints ?? {}));
    expect(optional(null)).toEqual(['description must be an object { en, zh }; send {} to clear it']);
    expect(optional({})).toEqual([]);
    expect(optional(undefined)).toEqual([]);
  });

  it('cleans: trims and drops empty languages', () => {
    expect(cleanLocalizedText({ en: '  Roadmap ', zh: ' ' })).toEqual({ en: 'Roadmap' });
  });
});
