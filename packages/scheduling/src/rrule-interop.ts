import * as rruleModule from "rrule";

// rrule 2.8 ships an ESM build (package.json "module", used by bundlers such as Next's) with named
// exports only, and a UMD/CommonJS "main" that Node's ESM loader exposes only as `default`.
// A namespace import works in both; the named export is taken from whichever shape arrived.
type RRuleModule = typeof rruleModule;
const loaded = rruleModule as RRuleModule & { default?: Partial<RRuleModule> };

function pick<K extends keyof RRuleModule>(key: K): RRuleModule[K] {
  const value = loaded[key] ?? loaded.default?.[key];
  if (value === undefined) throw new Error(`rrule export "${String(key)}" not found: unsupported module format.`);
  return value as RRuleModule[K];
}

export const RRule = pick("RRule");
export type RRule = InstanceType<typeof RRule>;
export type RRuleOptions = rruleModule.Options;
