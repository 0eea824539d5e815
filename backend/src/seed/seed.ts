import type { EntityManager } from '@mikro-orm/postgresql';
import { Prng } from './prng.js';
import { SERVICE_AGREEMENT_BACKFILL } from './agreements.js';
import { loadRegions, type RegionRow } from './regions.js';

export type SeedScale = 'demo' | 'benchmark';

export interface SeedOptions {
  scale: SeedScale;
  seed: number;
  /** Province the organizations are generated for (GB/T 2260 short code). */
  province: string;
}

export interface SeedSummary {
  regions: number;
  bureaus: number;
  agencies: number;
  institutions: number;
  inspectors: number;
}

const SCALE = {
  demo: { institutions: 300, inspectors: 120 },
  benchmark: { institutions: 30_000, inspectors: 2_000 },
} as const;

/** Organizations the demo accounts in deploy/keycloak belong to: fixed ids and names. */
const DEMO_INSTITUTIONS = [
  { id: 'inst-320102-0001', name: '南京玄武康宁医院', county: '320102', type: 'hospital', level: 'secondary', ownership: 'private' },
  { id: 'inst-320102-0002', name: '玄武区梅园社区卫生服务中心', county: '320102', type: 'clinic', level: 'primary', ownership: 'public' },
  { id: 'inst-320508-0001', name: '姑苏仁和大药房', county: '320508', type: 'pharmacy', level: 'none', ownership: 'private' },
  // Tertiary hospitals under 市级统筹: their service agreements are with the Nanjing city agency.
  { id: 'inst-320102-0003', name: '南京市玄武中心医院', county: '320102', type: 'hospital', level: 'tertiary', ownership: 'public' },
  { id: 'inst-320106-0001', name: '南京市鼓楼仁济医院', county: '320106', type: 'hospital', level: 'tertiary', ownership: 'public' },
] as const;

/**
 * The second province of the demo and test data (issue 15): Zhejiang with one city and one district
 * only — Hangzhou 3301, Xihu 330106 —, their bureaus and agencies named as the seeded province's are,
 * two institutions under contract with the district's agency, and a few inspectors. Enough for its
 * own demo accounts (deploy/keycloak) and for the isolation between provinces to be probed. Generated
 * after the seeded province, from a generator of its own, so that the seeded province's rows stay
 * what they were.
 */
const SECOND_PROVINCE = {
  province: '33',
  city: '3301',
  county: '330106',
  institutions: [
    { id: 'inst-330106-0001', name: '杭州西湖仁和医院', type: 'hospital', level: 'secondary', ownership: 'private' },
    { id: 'inst-330106-0002', name: '西湖区北山街道社区卫生服务中心', type: 'clinic', level: 'primary', ownership: 'public' },
  ],
  cityInspectors: 4,
} as const;

const HOSPITAL_WORDS = ['仁爱', '康宁', '博济', '同仁', '惠民', '济安', '明德', '安康', '华康', '永安', '长庚', '瑞金'];
const PHARMACY_WORDS = ['仁和', '百信', '益丰', '老百姓', '国大', '华润', '康佳', '润泽', '福寿', '济生'];
const CLINIC_WORDS = ['社区卫生服务中心', '卫生院', '门诊部', '诊所', '中医诊所', '口腔门诊部'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '霞', '平', '刚'];
const SPECIALTIES = ['medical', 'pharmacy', 'finance', 'it', 'legal'];
const COUNTY_INSPECTORS = 3;

function shortName(name: string): string {
  return name.replace(/(市辖区|自治县|自治州|地区|盟)$/, '').replace(/[市区县]$/, '');
}

async function insertRows(em: EntityManager, table: string, columns: string[], rows: unknown[][], conflict = 'do nothing') {
  const chunk = Math.floor(30_000 / columns.length);
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const values = part.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    await em.execute(
      `insert into ${table} (${columns.join(', ')}) values ${values} on conflict ${conflict}`,
      part.flat(),
    );
  }
}

function secondProvince(regions: RegionRow[]): { province: RegionRow; city: RegionRow; county: RegionRow } {
  const find = (code: string) => {
    const r = regions.find((x) => x.code === code);
    if (!r) throw new Error(`region ${code} is missing from the division tree`);
    return r;
  };
  return { province: find(SECOND_PROVINCE.province), city: find(SECOND_PROVINCE.city), county: find(SECOND_PROVINCE.county) };
}

/**
 * Seeds the region tree (all of China) and, for one province, its bureaus, agencies, designated
 * institutions and inspectors, generated deterministically from the seed number; then the small
 * second province (SECOND_PROVINCE) unless it is the one seeded. Safe to re-run.
 * Must run on the owner's connection; the scope is set to the whole nation for the transaction.
 */
export async function seed(em: EntityManager, opts: SeedOptions): Promise<SeedSummary> {
  const regions = loadRegions();
  const rng = new Prng(opts.seed);
  const scale = SCALE[opts.scale];

  return em.transactional(async (tx) => {
    await tx.execute(`select set_config('app.region_path', '/', true), set_config('app.organization_id', '', true)`);
    await insertRows(tx, 'region', ['code', 'name', 'level', 'parent_code', 'path'],
      regions.map((r) => [r.code, r.name, r.level, r.parentCode, r.path]), '(code) do update set name = excluded.name');

    const province = regions.find((r) => r.code === opts.province && r.level === 'province');
    if (!province) throw new Error(`unknown province code ${opts.province}`);
    const cities = regions.filter((r) => r.level === 'city' && r.parentCode === province.code);
    const counties = regions.filter((r) => r.level === 'county' && cities.some((c) => c.code === r.parentCode));
    const cityOf = new Map(cities.map((c) => [c.code, c]));

    const orgs: unknown[][] = [];
    const org = (id: string, name: string, kind: string, region: RegionRow, inst?: { type: string; level: string; ownership: string }, keySupervision = false) =>
      orgs.push([id, name, kind, inst?.type ?? null, inst?.level ?? null, inst?.ownership ?? null, keySupervision, region.code, region.path]);

    org('bureau-000000', '国家医疗保障局', 'bureau', regions[0]);
    org(`bureau-${province.code}`, `${province.name}医疗保障局`, 'bureau', province);
    org(`agency-${province.code}`, `${province.name}医疗保险基金管理中心`, 'agency', province);
    for (const c of cities) {
      org(`bureau-${c.code}`, `${c.name}医疗保障局`, 'bureau', c);
      org(`agency-${c.code}`, `${c.name}医疗保险基金管理中心`, 'agency', c);
    }
    for (const k of counties) {
      const city = cityOf.get(k.parentCode!)!;
      org(`bureau-${k.code}`, `${city.name}${k.name}医疗保障局`, 'bureau', k);
      org(`agency-${k.code}`, `${city.name}${k.name}医疗保险管理中心`, 'agency', k);
    }

    const byCounty = new Map(counties.map((k) => [k.code, k]));
    for (const d of DEMO_INSTITUTIONS) {
      const k = byCounty.get(d.county);
      if (k) org(d.id, d.name, 'institution', k, { type: d.type, level: d.level, ownership: d.ownership });
    }
    // Generated institutions, numbered per county after the fixed demo ones.
    const nextNumber = new Map<string, number>(counties.map((k) => [k.code, DEMO_INSTITUTIONS.filter((d) => d.county === k.code).length + 1]));
    const institutionIds: { id: string; county: RegionRow }[] = [];
    for (let i = 0; i < scale.institutions; i++) {
      const k = counties[rng.int(counties.length)];
      const n = nextNumber.get(k.code)!;
      nextNumber.set(k.code, n + 1);
      const id = `inst-${k.code}-${String(n).padStart(4, '0')}`;
      const type = rng.weighted([['pharmacy', 50], ['clinic', 30], ['hospital', 20]] as const);
      const place = shortName(k.name);
      let name: string;
      let level: string;
      let ownership: string;
      if (type === 'hospital') {
        level = rng.weighted([['tertiary', 10], ['secondary', 35], ['primary', 55]] as const);
        ownership = rng.weighted([['public', 55], ['private', 45]] as const);
        name = `${place}${rng.pick(HOSPITAL_WORDS)}${level === 'tertiary' ? '人民医院' : rng.pick(['医院', '中医医院', '妇幼保健院', '康复医院'])}`;
      } else if (type === 'pharmacy') {
        level = 'none';
        ownership = 'private';
        name = `${place}${rng.pick(PHARMACY_WORDS)}大药房${rng.int(90) + 1}号店`;
      } else {
        level = 'primary';
        ownership = rng.weighted([['public', 60], ['private', 40]] as const);
        name = `${place}${rng.pick(['东', '西', '南', '北', '中', '新', '城'])}${rng.pick(['街', '湖', '山', '桥', '门'])}${rng.pick(CLINIC_WORDS)}`;
      }
      org(id, `${name}（${String(n).padStart(4, '0')}）`, 'institution', k, { type, level, ownership }, rng.next() < 0.03);
      institutionIds.push({ id, county: k });
    }
    const second = opts.province === SECOND_PROVINCE.province ? null : secondProvince(regions);
    if (second) {
      for (const [region, kinds] of [[second.province, ['bureau', 'agency']], [second.city, ['bureau', 'agency']], [second.county, ['bureau', 'agency']]] as const) {
        const prefix = region === second.county ? second.city.name : '';
        for (const kind of kinds) {
          const suffix = kind === 'bureau' ? '医疗保障局' : region === second.county ? '医疗保险管理中心' : '医疗保险基金管理中心';
          org(`${kind}-${region.code}`, `${prefix}${region.name}${suffix}`, kind, region);
        }
      }
      for (const d of SECOND_PROVINCE.institutions) org(d.id, d.name, 'institution', second.county, { type: d.type, level: d.level, ownership: d.ownership });
    }
    await insertRows(tx, 'organization',
      ['id', 'name', 'kind', 'institution_type', 'institution_level', 'ownership', 'key_supervision', 'region_code', 'region_path'],
      orgs);

    // Inspectors belong to a bureau or agency of a city; a few are linked to institutions they must not check.
    const inspectors: unknown[][] = [];
    for (let i = 0; i < scale.inspectors; i++) {
      const c = cities[rng.int(cities.length)];
      const employer = rng.next() < 0.5 ? `bureau-${c.code}` : `agency-${c.code}`;
      const conflicts = institutionIds.length && rng.next() < 0.15 ? [rng.pick(institutionIds).id] : [];
      inspectors.push([
        `insp-${province.code}-${String(i + 1).padStart(5, '0')}`,
        `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}`,
        employer,
        c.path,
        employer,
        rng.pick(SPECIALTIES),
        `{${conflicts.join(',')}}`,
      ]);
    }
    // Each county agency's own audit section (稽核科): three inspectors, drawn from a generator of their
    // own so that the institutions and the city inspectors above stay what they were.
    const local = new Prng(opts.seed + 2013);
    const byCountyInstitutions = new Map<string, string[]>();
    for (const i of institutionIds) byCountyInstitutions.set(i.county.code, [...(byCountyInstitutions.get(i.county.code) ?? []), i.id]);
    for (const k of counties) {
      const own = byCountyInstitutions.get(k.code) ?? [];
      for (let n = 1; n <= COUNTY_INSPECTORS; n++) {
        const conflicts = own.length && local.next() < 0.2 ? [local.pick(own)] : [];
        inspectors.push([
          `insp-${k.code}-${String(n).padStart(2, '0')}`, `${local.pick(SURNAMES)}${local.pick(GIVEN)}`, `agency-${k.code}`, k.path, `agency-${k.code}`,
          local.pick(SPECIALTIES), `{${conflicts.join(',')}}`,
        ]);
      }
    }
    if (second) {
      const zj = new Prng(opts.seed + 33);
      const { city, county } = second;
      for (let i = 0; i < SECOND_PROVINCE.cityInspectors; i++) {
        const employer = i % 2 === 0 ? `bureau-${city.code}` : `agency-${city.code}`;
        inspectors.push([`insp-${second.province.code}-${String(i + 1).padStart(5, '0')}`, `${zj.pick(SURNAMES)}${zj.pick(GIVEN)}`, employer, city.path,
          employer, zj.pick(SPECIALTIES), '{}']);
      }
      for (let n = 1; n <= COUNTY_INSPECTORS; n++) {
        inspectors.push([`insp-${county.code}-${String(n).padStart(2, '0')}`, `${zj.pick(SURNAMES)}${zj.pick(GIVEN)}`, `agency-${county.code}`, county.path,
          `agency-${county.code}`, zj.pick(SPECIALTIES), '{}']);
      }
    }
    await insertRows(tx, 'inspector',
      ['id', 'name', 'organization_id', 'region_path', 'owner_org_id', 'specialty', 'conflict_institution_ids'], inspectors);
    await tx.execute(SERVICE_AGREEMENT_BACKFILL);
    // Credit grades of the hospitals (A–D; the scheme is the province's, DOMAIN.md): a fixed spread by id.
    await tx.execute(
      `update organization set credit_rating = (array['A', 'A', 'A', 'B', 'B', 'B', 'B', 'C', 'C', 'D'])[1 + abs(hashtext(id)) % 10]
        where kind = 'institution' and institution_type = 'hospital' and credit_rating is null`);

    const [counts] = await tx.execute<Record<string, string>[]>(
      `select (select count(*) from region) as regions,
              count(*) filter (where kind = 'bureau') as bureaus,
              count(*) filter (where kind = 'agency') as agencies,
              count(*) filter (where kind = 'institution') as institutions,
              (select count(*) from inspector) as inspectors
         from organization`,
    );
    return {
      regions: Number(counts.regions),
      bureaus: Number(counts.bureaus),
      agencies: Number(counts.agencies),
      institutions: Number(counts.institutions),
      inspectors: Number(counts.inspectors),
    };
  });
}
