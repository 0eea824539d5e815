// The reward for a tip whose violation was confirmed (issue 17, "Rewards"): a share of the confirmed
// amount (案值) by bands, then the minimum and maximum. Plain rules; the province configures them
// (TIPS_REWARD_RULES), the defaults and their sources are below and in the context's README.

/** One band: the amount up to `upTo` yuan (null: no upper end) earns `rate` (0.04 = 4 %). Bands are cumulative (分段累计). */
export interface RewardBand { upTo: number | null; rate: number }

export interface RewardRules {
  bands: RewardBand[];
  /** yuan: no reward below it (a confirmed tip earns at least this). */
  minimum: number;
  /** yuan: no reward above it. */
  maximum: number;
  /** Where the figures come from, quoted with each proposal. */
  source: string;
}

/**
 * The national figures: 《违法违规使用医疗保障基金举报奖励办法》(国家医疗保障局办公室、财政部办公厅，
 * 医保办发〔2022〕22号) — a one-off reward by a share of the confirmed amount, 最高不超过20万元、最低不少于200元
 * (it replaced the 2018 《欺诈骗取医疗保障基金行为举报奖励暂行办法》, whose maximum was 10万元). The national text
 * leaves the share to the provinces: the 4 % band is this suite's placeholder, to be replaced by the
 * province's implementing rules (实施细则) through TIPS_REWARD_RULES.
 */
export const DEFAULT_REWARD_RULES: RewardRules = {
  bands: [{ upTo: null, rate: 0.04 }],
  minimum: 200,
  maximum: 200_000,
  source: '医保办发〔2022〕22号《违法违规使用医疗保障基金举报奖励办法》：按查实金额一定比例，最低200元、最高20万元；比例 4% 为本系统默认值，以本省实施细则为准',
};

/** Reads TIPS_REWARD_RULES (already parsed JSON); anything malformed is a configuration error, said in English for the operator. */
export function rewardRulesFrom(json: string | null): RewardRules {
  if (!json) return DEFAULT_REWARD_RULES;
  const raw = JSON.parse(json) as Partial<RewardRules>;
  const bands = raw.bands;
  const ok = Array.isArray(bands) && bands.length > 0 && bands.every((b, i) =>
    typeof b.rate === 'number' && b.rate >= 0 && b.rate <= 1 &&
    (b.upTo === null ? i === bands.length - 1 : typeof b.upTo === 'number' && b.upTo > 0 && (i === 0 || (bands[i - 1]!.upTo ?? Infinity) < b.upTo)));
  if (!ok || typeof raw.minimum !== 'number' || typeof raw.maximum !== 'number' || raw.minimum < 0 || raw.maximum < raw.minimum) {
    throw new Error('TIPS_REWARD_RULES must be {"bands":[{"upTo":number|null,"rate":0..1}, ...ascending, null last],"minimum":n,"maximum":n>=minimum,"source":"..."}');
  }
  return { bands: bands!, minimum: raw.minimum, maximum: raw.maximum, source: typeof raw.source === 'string' && raw.source ? raw.source : 'TIPS_REWARD_RULES' };
}

/** The reward in yuan (2 decimals) for a confirmed amount: the bands' shares summed, then kept within the minimum and maximum. */
export function proposedReward(confirmedAmount: number, rules: RewardRules): number {
  const cents = (v: number) => Math.round(v * 100);
  let total = 0;
  let lower = 0;
  for (const band of rules.bands) {
    const upper = band.upTo ?? Infinity;
    if (confirmedAmount <= lower) break;
    total += (Math.min(confirmedAmount, upper) - lower) * band.rate;
    lower = upper;
  }
  return Math.min(Math.max(cents(total), cents(rules.minimum)), cents(rules.maximum)) / 100;
}
