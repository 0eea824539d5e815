import type { TranslationKey } from './dictionaries';

/** What follows `<P>.` in the dictionaries' keys. */
export type KeySuffix<P extends string> = TranslationKey extends infer K ? (K extends `${P}.${infer S}` ? S : never) : never;

/**
 * A label table: each value's translation key `<prefix>.<value>`, for the values in the order
 * given. Every key made must be in the dictionaries (a value without its key does not compile),
 * and annotating the result as `Record<Value, TranslationKey>` checks that no value is missing.
 */
export function labelTable<const P extends string, const V extends KeySuffix<P>>(prefix: P, values: readonly V[]): Readonly<Record<V, `${P}.${V}`>> {
  return Object.fromEntries(values.map((value) => [value, `${prefix}.${value}`])) as Record<V, `${P}.${V}`>;
}
