import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { RegionLevel } from '../../../kernel/region-path.js';

/** A GB/T 2260 region node. Reference data: readable by everybody, written only by the seed. */
@Entity({ tableName: 'region' })
export class Region {
  @PrimaryKey({ type: 'string' })
  code!: string;

  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'string' })
  level!: RegionLevel;

  @Property({ type: 'string', nullable: true })
  parentCode!: string | null;

  @Property({ type: 'string' })
  path!: string;
}
