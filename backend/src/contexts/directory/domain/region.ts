import type { RegionLevel } from '../../../kernel/region-path.js';

/** A GB/T 2260 region node. Reference data: readable by everybody, written only by the seed. */
export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  path: string;
}
