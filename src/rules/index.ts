/** The package rules (docs/rules.md): pure functions shared by the widget and the mock API. */
export * from './time.ts';
export * from './budget.ts';
export * from './usability.ts';
export * from './pick.ts';
export * from './offering.ts';
export * from './steps.ts';
export * from './decide.ts';
export * from './apply.ts';
export * from './bonus.ts';
export * from './reschedule.ts';
