import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { formatMessage, safeHref } from './formatMessage';
import { MessageBody } from './MessageBody';

const html = (body: string) => renderToStaticMarkup(createElement(MessageBody, { body }));

describe('formatMessage', () => {
  it('keeps plain text as one text token per line', () => {
    expect(formatMessage('Hello table')).toEqual([[{ type: 'text', text: 'Hello table' }]]);
    expect(formatMessage('one\ntwo\r\nthree')).toEqual([[{ type: 'text', text: 'one' }], [{ type: 'text', text: 'two' }], [{ type: 'text', text: 'three' }]]);
  });

  it('reads **bold** and _italic_, nested', () => {
    expect(formatMessage('a **big** step')).toEqual([
      [
        { type: 'text', text: 'a ' },
        { type: 'strong', children: [{ type: 'text', text: 'big' }] },
        { type: 'text', text: ' step' },
      ],
    ]);
    expect(formatMessage('_quite_ **_so_**')).toEqual([
      [
        { type: 'em', children: [{ type: 'text', text: 'quite' }] },
        { type: 'text', text: ' ' },
        { type: 'strong', children: [{ type: 'em', children: [{ type: 'text', text: 'so' }] }] },
      ],
    ]);
  });

  it('leaves snake_case, lone markers and spaced markers alone', () => {
    expect(formatMessage('policy_area and green_jobs_rate')).toEqual([[{ type: 'text', text: 'policy_area and green_jobs_rate' }]]);
    expect(formatMessage('2 ** 3 and a * b and _ x _')).toEqual([[{ type: 'text', text: '2 ** 3 and a * b and _ x _' }]]);
    expect(formatMessage('**unclosed')).toEqual([[{ type: 'text', text: '**unclosed' }]]);
  });

  it('links http and https addresses, without the sentence punctuation after them', () => {
    expect(formatMessage('See https://www.ilo.org/green-jobs. Thanks')).toEqual([
      [
        { type: 'text', text: 'See ' },
        { type: 'link', href: 'https://www.ilo.org/green-jobs', text: 'https://www.ilo.org/green-jobs' },
        { type: 'text', text: '. Thanks' },
      ],
    ]);
    expect(formatMessage('(http://example.org/a_b_c)')[0]).toEqual([
      { type: 'text', text: '(' },
      { type: 'link', href: 'http://example.org/a_b_c', text: 'http://example.org/a_b_c' },
      { type: 'text', text: ')' },
    ]);
    expect(formatMessage('报告见https://example.cn/r。谢谢')[0][1]).toEqual({ type: 'link', href: 'https://example.cn/r', text: 'https://example.cn/r' });
  });

  it('never links other schemes', () => {
    for (const body of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:msgbox', 'file:///etc/passwd', 'ftp://x.org/f', 'mailto:a@b.c']) {
      expect(
        formatMessage(body)
          .flat()
          .some((t) => t.type === 'link'),
      ).toBe(false);
    }
    expect(formatMessage('xhttp://evil.example')[0]).toEqual([{ type: 'text', text: 'xhttp://evil.example' }]);
  });

  it('safeHref accepts only well-formed http(s) URLs', () => {
    expect(safeHref('https://ilo.org/x?y=1')).toBe('https://ilo.org/x?y=1');
    expect(safeHref('HTTP://ILO.ORG')).toBe('http://ilo.org/');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('https://')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
  });
});

describe('MessageBody', () => {
  it('never produces HTML from the message: markup shows as text', () => {
    const out = html('<script>alert(1)</script> <img src=x onerror=alert(1)> <b>hi</b>');
    expect(out).not.toMatch(/<script|<img|<b>/);
    expect(out).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; &lt;b&gt;hi&lt;/b&gt;');
  });

  it('escapes markup inside bold, italic and links too', () => {
    expect(html('**<i>x</i>** _<u>y</u>_')).toBe('<strong>&lt;i&gt;x&lt;/i&gt;</strong> <em>&lt;u&gt;y&lt;/u&gt;</em>');
    const out = html('https://example.org/"onmouseover="alert(1)');
    expect(out).toBe(
      '<a href="https://example.org/" target="_blank" rel="noopener noreferrer nofollow ugc">https://example.org/</a>&quot;onmouseover=&quot;alert(1)',
    );
  });

  it('renders links with safe attributes only for http(s), and line breaks as <br>', () => {
    expect(html('a\n**b**\nhttps://ilo.org')).toBe(
      'a<br/><strong>b</strong><br/><a href="https://ilo.org/" target="_blank" rel="noopener noreferrer nofollow ugc">https://ilo.org</a>',
    );
    expect(html('javascript:alert(document.cookie)')).toBe('javascript:alert(document.cookie)');
  });
});
