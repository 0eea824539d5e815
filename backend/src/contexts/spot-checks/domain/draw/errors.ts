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

type Message = { kind: ErrorKind; text: BilingualMessage };
const conflict = (zh: string, en: string): Message => ({ kind: 'conflict', text: { zh, en } });
const invalid = (zh: string, en: string): Message => ({ kind: 'validation', text: { zh, en } });

const MESSAGES: Record<DrawErrorCode, Message> = {
  draw_team_unfillable: conflict('符合回避要求的检查人员不足，无法为该机构组成检查组', 'Not enough eligible inspectors to form a team for this provider'),
  spot_check_population_empty: conflict('抽查范围内没有定点医药机构', 'There are no providers in the scope of this spot-check'),
  spot_check_ratio_invalid: invalid('抽查比例须在 10% 至 100% 之间', 'A spot-check ratio must be between 10% and 100%'),
  spot_check_team_size_invalid: invalid('检查组人数须为 2 至 5 人', 'A team must have 2 to 5 inspectors'),
  spot_check_parameters_invalid: invalid('抽查参数不合法', 'The spot-check parameters are malformed'),
  spot_check_commitment_invalid: invalid('见证人承诺值须为 64 位十六进制 SHA-256 摘要', 'A witness commitment must be a 64-digit hex SHA-256 digest'),
  spot_check_reveal_mismatch: invalid('见证人公开的随机串与其承诺值不符', "A witness's revealed secret does not match their commitment"),
  spot_check_beacon_required: invalid('本次抽查要求提供公共随机信标', 'This spot-check requires a public randomness beacon'),
  draw_directory_invalid: invalid('抽查名录数据不合法', 'The draw directories are malformed'),
  draw_seed_invalid: invalid('随机种子须为 64 位十六进制 SHA-256 摘要', 'The seed must be a 64-digit hex SHA-256 digest'),
};

/** Every failure of the draw engine: a DomainError with a stable code and bilingual message. */
export class DrawError extends DomainError {
  declare readonly code: DrawErrorCode;

  constructor(code: DrawErrorCode, details?: Record<string, unknown>) {
    super(MESSAGES[code].kind, code, MESSAGES[code].text, details);
    this.name = 'DrawError';
  }
}
