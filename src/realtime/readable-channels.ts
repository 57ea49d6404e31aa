import type { ChannelKind } from './entities/channel.entity';
import type { ReadableScope } from './channel-access.registry';

/**
 * SQL for "channel c is one the user may read", from their readable scopes, with its parameters numbered from
 * `firstParam`. Kinds missing from the scopes match nothing.
 */
export function readableChannelsSql(scopes: Map<ChannelKind, ReadableScope>, alias: string, firstParam: number): { sql: string; params: unknown[] } {
  const terms: string[] = [];
  const params: unknown[] = [];
  const next = (value: unknown) => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  for (const [kind, scope] of scopes) {
    const k = next(kind);
    if ('all' in scope) terms.push(`${alias}.kind = ${k}`);
    else if ('except' in scope) terms.push(`(${alias}.kind = ${k} AND NOT (${alias}.ref_id = ANY (${next(scope.except)}::uuid[])))`);
    else terms.push(`(${alias}.kind = ${k} AND ${alias}.ref_id = ANY (${next(scope.only)}::uuid[]))`);
  }
  return { sql: terms.length ? `(${terms.join(' OR ')})` : 'false', params };
}
