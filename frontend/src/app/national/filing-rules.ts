import type { TranslationKey } from '../i18n/dictionaries';
import type { CampaignFiling, FilingKind, FilingStatus } from './national-api';

export const filingStatusKey = (s: FilingStatus) => `national.filing.status.${s}` as TranslationKey;
export const filingKindKey = (k: FilingKind) => `national.filing.kind.${k}` as TranslationKey;

/** One province's filings at a glance (the overseer's home): its plan and summary of each campaign year. */
export interface ProvinceFilings {
  provinceName: string;
  regionPath: string;
  plan: CampaignFiling | null;
  summary: CampaignFiling | null;
  /** Filings waiting for the national bureau (sent, not yet acknowledged). */
  waiting: number;
  /** Filings late (sent late, or not validly filed past the due day). */
  late: number;
}

/**
 * Groups the filings by province, keeping for each the latest campaign's plan and summary (by due day)
 * and counting what waits for the national bureau and what is late across all its rows.
 */
export function byProvince(rows: readonly CampaignFiling[]): ProvinceFilings[] {
  const map = new Map<string, ProvinceFilings>();
  for (const r of rows) {
    const p = map.get(r.regionPath) ?? { provinceName: r.provinceName, regionPath: r.regionPath, plan: null, summary: null, waiting: 0, late: 0 };
    const current = p[r.kind];
    if (!current || r.dueDate > current.dueDate) p[r.kind] = r;
    if (r.status === 'sent') p.waiting++;
    if (r.late) p.late++;
    map.set(r.regionPath, p);
  }
  return [...map.values()].sort((a, b) => a.regionPath.localeCompare(b.regionPath));
}
