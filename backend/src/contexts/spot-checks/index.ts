// The spot-checks context's public entry (inspections, spot-checks, coverage): what other contexts may use.
export { AgencyInspectionFiguresQuery, type AgencyInspectionFigures } from './application/inspection-figures.query.js';
export { HIGH_CREDIT_GRADES } from './domain/coverage.js';
export { DocumentRequestsTodoQuery } from './application/queries.js';
export { InspectionRefQuery, type InspectionRef } from './application/inspection-ref.query.js';
