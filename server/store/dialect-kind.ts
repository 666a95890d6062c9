/** The two databases the store runs on. */
export type DialectKind = 'sqlite' | 'postgres';
