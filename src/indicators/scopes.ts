import type { LocalizedText } from '../common/localized-text';
import type { ScopeType } from './catalogue';
import type { ScopeView } from './dto/indicator.dto';

/** Where an observation or a link applies. province and city are '' where they do not apply (a park scope). */
export interface Scope {
  type: ScopeType;
  parkId: string | null;
  province: string;
  city: string;
}

export interface ResolvedScope extends Scope {
  park: { id: string; name: LocalizedText; organizationId: string | null } | null;
}

/** How the CSV files and the scope query parameter write a scope: the park id, Province/City, or the province. */
export const scopeKey = (s: Scope) => (s.type === 'park' ? s.parkId! : s.type === 'city' ? `${s.province}/${s.city}` : s.province);

export const toScopeView = (s: Scope, parkName: LocalizedText | null): ScopeView => ({
  type: s.type,
  park: s.parkId ? { id: s.parkId, name: parkName ?? {} } : null,
  province: s.type === 'park' ? null : s.province,
  city: s.type === 'city' ? s.city : null,
  key: scopeKey(s),
});
