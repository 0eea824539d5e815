import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';
import { clocksOf, provinceOfPath, type LegalClock, type LegalClocks as Clocks } from '../domain/legal-clock.js';

interface ClockRow { province_code: string; key: LegalClock['key']; value: string; unit: LegalClock['unit']; source_zh: string; source_en: string }

/** The legal clocks of a province, read on the unit of work's connection (the table is small and not region-scoped). */
@Injectable()
export class LegalClocks {
  constructor(private readonly uow: UnitOfWork) {}

  async rows(): Promise<LegalClock[]> {
    const rows = await this.uow.em.execute<ClockRow[]>(`select province_code, key, value::text as value, unit, source_zh, source_en from legal_clock order by province_code, key`);
    return rows.map((r) => ({ provinceCode: r.province_code, key: r.key, value: Number(r.value), unit: r.unit, sourceZh: r.source_zh, sourceEn: r.source_en }));
  }

  /** The clocks that apply to a record at this region path (its province's, else the defaults). */
  async forRegion(regionPath: string): Promise<Clocks> {
    return clocksOf(provinceOfPath(regionPath), await this.rows());
  }
}
