import { formatDate, formatter } from './format';

describe('formatter', () => {
  it('makes one Intl.DateTimeFormat per locale and options, and a new one when either differs', () => {
    const first = formatter('en', { timeZone: 'Asia/Shanghai', hour: '2-digit' });
    expect(formatter('en', { timeZone: 'Asia/Shanghai', hour: '2-digit' })).toBe(first);
    expect(formatter('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit' })).not.toBe(first);
    expect(formatter('en', { timeZone: 'Europe/Zurich', hour: '2-digit' })).not.toBe(first);
    expect(first.resolvedOptions().timeZone).toBe('Asia/Shanghai');
  });

  it('formats as a new Intl.DateTimeFormat would', () => {
    const at = '2027-03-10T01:00:00Z';
    expect(formatDate(at, 'zh-CN')).toBe(new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium' }).format(new Date(at)));
    expect(formatDate('not a date', 'en')).toBe('');
  });
});
