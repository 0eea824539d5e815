import { DomainError, type BilingualMessage, type ErrorKind } from '../../../../kernel/errors.js';

export type DrawErrorCode =
  | 'draw_team_unfillable'
  | 'spot_check_population_empty'
  | 'spot_check_ratio_invalid'
  | 'spot_check_team_size_invalid'
  | 'spot_check_parameters_invalid'
  | 'spot_check_commitment_invalid'
  | 'spot_check_reveal_mismatch'
  | 'spot_check_beacon_required'
  | 'draw_directory_invalid'
  | 'draw_seed_invalid';

const MESSAGES: Record<DrawErrorCode, { kind: ErrorKind; text: BilingualMessage }> = {
  draw_team_unfillable: {
    kind: 'conflict',
    text: { zh: '符合回避要求的检查人员不足，无法为该机构组成检查组', en: 'Not enough eligible inspectors to form a team for this provider' },
  },
  spot_check_population_empty: {
    kind: 'conflict',
    text: { zh: '抽查范围内没有定点医药机构', en: 'There are no providers in the scope of this spot-check' },
  },
  spot_check_ratio_invalid: {
    kind: 'validation',
    text: { zh: '抽查比例须在 10% 至 100% 之间', en: 'A spot-check ratio must be between 10% and 100%' },
  },
  spot_check_team_size_invalid: {
    kind: 'validation',
    text: { zh: '检查组人数须为 2 至 5 人', en: 'A team must have 2 to 5 inspectors' },
  },
  spot_check_parameters_invalid: {
    kind: 'validation',
    text: { zh: '抽查参数不合法', en: 'The spot-check parameters are malformed' },
  },
  spot_check_commitment_invalid: {
    kind: 'validation',
    text: { zh: '见证人承诺值须为 64 位十六进制 SHA-256 摘要', en: 'A witness commitment must be a 64-digit hex SHA-256 digest' },
  },
  spot_check_reveal_mismatch: {
    kind: 'validation',
    text: { zh: '见证人公开的随机串与其承诺值不符', en: "A witness's revealed secret does not match their commitment" },
  },
  spot_check_beacon_required: {
    kind: 'validation',
    text: { zh: '本次抽查要求提供公共随机信标', en: 'This spot-check requires a public randomness beacon' },
  },
  draw_directory_invalid: {
    kind: 'validation',
    text: { zh: '抽查名录数据不合法', en: 'The draw directories are malformed' },
  },
  draw_seed_invalid: {
    kind: 'validation',
    text: { zh: '随机种子须为 64 位十六进制 SHA-256 摘要', en: 'The seed must be a 64-digit hex SHA-256 digest' },
  },
};

/** Every failure of the draw engine: a DomainError with a stable code and bilingual message. */
export class DrawError extends DomainError {
  declare readonly code: DrawErrorCode;

  constructor(code: DrawErrorCode, details?: Record<string, unknown>) {
    super(MESSAGES[code].kind, code, MESSAGES[code].text, details);
    this.name = 'DrawError';
  }
}
