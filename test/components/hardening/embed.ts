/**
 * The BUILT embed, loaded as a host page loads it (`npm test` builds dist/ before the browser
 * tests), so these suites test what site owners ship, not the sources.
 */
// @ts-expect-error -- a built file without type declarations, served from the project root
await import('/dist/punchcard.js');
export {};
