import { replyText } from './reply-text';

describe('replyText (the new text of a reply by mail)', () => {
  it('drops an English quote header and everything after it', () => {
    const text = [
      'Yes, the training budget is agreed.',
      '',
      'On Tue, 3 Mar 2026 at 10:00, GreenTable <no-reply@greentable.example> wrote:',
      '> Alice mentioned you',
      '> “the budget?”',
    ].join('\n');
    expect(replyText(text)).toBe('Yes, the training budget is agreed.');
  });

  it('drops a quote header wrapped over two lines', () => {
    const text = ['Agreed.', '', 'On Tue, 3 Mar 2026 at 10:00, GreenTable', '<no-reply@greentable.example> wrote:', '', 'Alice mentioned you'].join('\n');
    expect(replyText(text)).toBe('Agreed.');
  });

  it('drops a Chinese quote header (在 … 写道：) and everything after it', () => {
    const text = ['同意，培训预算没有问题。', '', '在 2026年3月3日 周二 10:00，GreenTable <no-reply@greentable.example> 写道：', '> 王芳 提到了您'].join('\n');
    expect(replyText(text)).toBe('同意，培训预算没有问题。');
  });

  it('drops a signature after "-- " and the mobile "Sent from" line', () => {
    expect(replyText('See you Thursday.\n\n-- \nWang Fang\nJiangsu Federation of Trade Unions')).toBe('See you Thursday.');
    expect(replyText('See you Thursday.\n\nSent from my iPhone')).toBe('See you Thursday.');
    expect(replyText('周四见。\n\n发自我的iPhone')).toBe('周四见。');
  });

  it('drops quoted lines interleaved with the answer, keeping the answer', () => {
    const text = ['> Should we meet on Thursday?', 'Yes.', '> And the venue?', 'The SIP Centre.'].join('\n');
    expect(replyText(text)).toBe('Yes.\nThe SIP Centre.');
  });

  it('drops an Outlook original-message block', () => {
    expect(replyText('Fine by me.\n\n-----Original Message-----\nFrom: GreenTable\nSent: Tuesday\nSubject: x')).toBe('Fine by me.');
    expect(replyText('Fine by me.\n\nFrom: GreenTable <no-reply@x>\nSent: Tuesday, 3 March 2026 10:00\nTo: me\n\nAlice mentioned you')).toBe('Fine by me.');
    expect(replyText('好的。\n\n发件人: GreenTable\n发送时间: 2026年3月3日 10:00\n主题: x')).toBe('好的。');
  });

  it('keeps ordinary text that only looks a little like a header', () => {
    expect(replyText('On Thursday we will present the figures.\nThe rest wrote itself.')).toBe(
      'On Thursday we will present the figures.\nThe rest wrote itself.',
    );
    expect(replyText('From: our side, the answer is yes.')).toBe('From: our side, the answer is yes.');
    expect(replyText('在苏州开会。')).toBe('在苏州开会。');
    expect(replyText('A -- B\n--- not a signature')).toBe('A -- B\n--- not a signature');
  });

  it('gives an empty text when nothing new was written', () => {
    expect(replyText('> only a quote\n> nothing else')).toBe('');
    expect(replyText('\r\n\r\nOn Tue, Alice wrote:\r\n> hi\r\n')).toBe('');
  });
});
