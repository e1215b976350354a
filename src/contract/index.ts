/** The contract: every schema of SPEC 2, 4 and 5, and the types inferred from them. */
export * from './primitives.ts';
export * from './entities.ts';
export * from './problems.ts';
export * from './api.ts';
export * from './issues.ts';
