import type { TextTranslation } from '../api/types';
import { languageOfText, nameFor, translationFor } from './translatedText';

const zh: TextTranslation = {
  lang: 'zh',
  text: '我们支持。',
  translatedBy: { id: 'u1', displayName: 'Li Na', nameZh: '李娜' },
  machine: false,
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('translated text', () => {
  it('tells Chinese text from English', () => {
    expect(languageOfText('We support it.')).toBe('en');
    expect(languageOfText('我们支持 the plan')).toBe('zh');
  });

  it('shows a Chinese reader the Chinese translation of an English original, and an English reader the original', () => {
    expect(translationFor('We support it.', [zh], 'zh-CN')).toBe(zh);
    expect(translationFor('We support it.', [zh], 'en')).toBeNull();
    expect(translationFor('我们支持。', [zh], 'zh-CN')).toBeNull();
    expect(translationFor('We support it.', [], 'zh-CN')).toBeNull();
  });

  it('names a person in Chinese for a Chinese reader when they gave a Chinese name', () => {
    expect(nameFor({ displayName: 'Li Na', nameZh: '李娜' }, 'zh-CN')).toBe('李娜');
    expect(nameFor({ displayName: 'Li Na', nameZh: '李娜' }, 'en')).toBe('Li Na');
    expect(nameFor({ displayName: 'Li Na', nameZh: null }, 'zh-CN')).toBe('Li Na');
  });
});
