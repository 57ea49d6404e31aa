import { getMetadataStorage } from 'class-validator';

/** The parts of class-validator's MetadataStorage (0.15) that validate() asks at every call, and that are cached here. */
interface RuleStorage {
  getTargetValidationMetadatas(target: unknown, schema: unknown, always: unknown, strictGroups: unknown, groups?: string[]): object[];
  groupByPropertyName(rules: object[]): Record<string, object[]>;
  addValidationMetadata(rule: object): void;
}

const CACHED = Symbol('greentable.validationRulesCached');

/**
 * class-validator finds a class's rules at every validate() by testing the class against every class that has rules
 * (for inherited ones): with the app's hundreds of DTO classes that was about a third of validating a small payload,
 * on every request and every socket event. The rules come from decorators, declared once as the modules load, so the
 * answer for a class and options never changes after: it is kept here, per class, schema and options, and grouped by
 * property once. Any rule declared later (a class loaded late) forgets everything kept. The kept lists are frozen, so
 * a future class-validator that changed them in place would fail loudly instead of validating wrongly.
 *
 * Safe to call more than once; does nothing when the storage is not shaped as expected (another class-validator).
 */
export function cacheValidationRules(): void {
  const storage = getMetadataStorage() as unknown as Partial<RuleStorage> & { [CACHED]?: true };
  if (storage[CACHED]) return;
  const { getTargetValidationMetadatas, groupByPropertyName, addValidationMetadata } = storage;
  if (typeof getTargetValidationMetadatas !== 'function' || typeof groupByPropertyName !== 'function' || typeof addValidationMetadata !== 'function') return;

  let byTarget = new Map<unknown, Map<string, object[]>>();
  let grouped = new WeakMap<object[], Record<string, object[]>>();
  storage.addValidationMetadata = function addRule(rule: object) {
    byTarget = new Map();
    grouped = new WeakMap();
    return addValidationMetadata.call(this, rule);
  };
  storage.getTargetValidationMetadatas = function rulesOf(target, schema, always, strictGroups, groups) {
    const key = `${String(schema)}|${String(always)}|${String(strictGroups)}|${groups?.join(',') ?? ''}`;
    let forTarget = byTarget.get(target);
    if (!forTarget) byTarget.set(target, (forTarget = new Map<string, object[]>()));
    let rules = forTarget.get(key);
    if (!rules) forTarget.set(key, (rules = Object.freeze(getTargetValidationMetadatas.call(this, target, schema, always, strictGroups, groups)) as object[]));
    return rules;
  };
  storage.groupByPropertyName = function byProperty(rules) {
    if (!Object.isFrozen(rules)) return groupByPropertyName.call(this, rules);
    let byName = grouped.get(rules);
    if (!byName) {
      byName = groupByPropertyName.call(this, rules);
      for (const list of Object.values(byName)) Object.freeze(list);
      grouped.set(rules, Object.freeze(byName));
    }
    return byName;
  };
  storage[CACHED] = true;
}
