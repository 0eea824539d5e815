export * from './actor.js';
export * from './annual-plan.js';
export * from './internal-control.js';
export * from './notice.js';
export * from './campaign.js';
export * from './findings.js';
export * from './monthly-report.js';
export * from './inspection.js';
