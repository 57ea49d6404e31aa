import { contentLanguageOf, localized, localizedString } from './localized';

describe('localized', () => {
  const both = { en: 'Suzhou Industrial Park', zh: '苏州工业园区' };

  it("shows the reader's language when it is given", () => {
    expect(localized(both, 'en')).toEqual({ text: 'Suzhou Industrial Park', language: 'en', fallback: false });
    expect(localized(both, 'zh-CN')).toEqual({ text: '苏州工业园区', language: 'zh', fallback: false });
  });

  it('falls back to the other language and flags it', () => {
    expect(localized({ en: 'Nanjing University' }, 'zh-CN')).toEqual({ text: 'Nanjing University', language: 'en', fallback: true });
    expect(localized({ zh: '南京大学' }, 'en')).toEqual({ text: '南京大学', language: 'zh', fallback: true });
  });

  it('treats blank text as missing', () => {
    expect(localized({ en: '   ', zh: '南京大学' }, 'en')).toEqual({ text: '南京大学', language: 'zh', fallback: true });
    expect(localized({ en: ' Trimmed ' }, 'en').text).toBe('Trimmed');
  });

  it('gives empty text and no language when neither is given', () => {
    expect(localized({}, 'en')).toEqual({ text: '', language: null, fallback: false });
    expect(localized(null, 'zh-CN')).toEqual({ text: '', language: null, fallback: false });
    expect(localized(undefined, 'en')).toEqual({ text: '', language: null, fallback: false });
  });

  it('maps interface locales to content languages', () => {
    expect(contentLanguageOf('zh-CN')).toBe('zh');
    expect(contentLanguageOf('zh')).toBe('zh');
    expect(contentLanguageOf('en')).toBe('en');
    expect(contentLanguageOf('en-GB')).toBe('en');
    expect(localizedString(both, 'zh-CN')).toBe('苏州工业园区');
  });
});
