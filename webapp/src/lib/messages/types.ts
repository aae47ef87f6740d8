/** One message: plain text with `{name}` placeholders, or plural forms chosen by `count` (Intl.PluralRules). */
export type Message = string | ({ other: string } & Partial<Record<Intl.LDMLPluralRule, string>>);

export type Catalogue = Record<string, Message>;
