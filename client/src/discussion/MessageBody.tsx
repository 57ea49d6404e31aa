import { Fragment, type ReactNode } from 'react';
import { formatMessage, type Inline } from './formatMessage';

function renderInline(tokens: Inline[], keyPrefix: string): ReactNode[] {
  return tokens.map((token, index) => {
    const key = `${keyPrefix}.${index}`;
    switch (token.type) {
      case 'text':
        return <Fragment key={key}>{token.text}</Fragment>;
      case 'strong':
        return <strong key={key}>{renderInline(token.children, key)}</strong>;
      case 'em':
        return <em key={key}>{renderInline(token.children, key)}</em>;
      case 'link':
        return (
          <a key={key} href={token.href} target="_blank" rel="noopener noreferrer nofollow ugc">
            {token.text}
          </a>
        );
    }
  });
}

/**
 * A message body with light formatting, built from React elements only: text is always escaped by React, links go to
 * http(s) addresses only, and nothing is ever injected as HTML.
 */
export function MessageBody({ body }: { body: string }) {
  const lines = formatMessage(body);
  return (
    <>
      {lines.map((line, index) => (
        <Fragment key={index}>
          {index > 0 ? <br /> : null}
          {renderInline(line, String(index))}
        </Fragment>
      ))}
    </>
  );
}
