/** de, en, it and sv all have two plural forms: one and other. */
export const plural = (n: number, one: string, other: string) => (n === 1 ? one : other);
