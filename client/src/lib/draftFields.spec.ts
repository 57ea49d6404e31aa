import { draftFields } from './draftFields';
import { message, type Message } from './message';

describe('draftFields', () => {
  const msg = (m: Message | null | undefined) => (m ? `said:${m.key}` : undefined);

  it("gives a control the draft's value, writes its change back into the draft and names the field's error", () => {
    const draft = { city: 'Suzhou', province: '' };
    const written: (typeof draft)[] = [];
    const field = draftFields(draft, (d) => written.push(d), { province: message('errors.field.required') }, msg);

    expect(field('city').value).toBe('Suzhou');
    expect(field('city').error).toBeUndefined();
    expect(field('province').error).toBe('said:errors.field.required');
    field('province').onChange('Jiangsu');
    expect(written).toEqual([{ city: 'Suzhou', province: 'Jiangsu' }]);
  });
});
