/** The contract: every schema of the HTTP contract and the mock's dataset, and the types inferred from them. */
export * from './primitives.ts';
export * from './entities.ts';
export * from './problems.ts';
export * from './api.ts';
export * from './issues.ts';
