// The tips context's public entry (举报): what other contexts may use. The leads context learns of a
// tip through its own RegisterLeadCommand (source 'tip', the tip's id as sourceRef).
export { TipsTodoQuery } from './application/queries.js';
export { tipCountsByCountyMonth, type TipMonthCounts, type TipSqlExec } from './infrastructure/tip-figures.js';
/** The operator's rotation of the key-encryption key (cli.js tips-rotate-kek). */
export { rotateTipKeys, type TipKeyRotation } from './infrastructure/tip-key-rotation.js';
