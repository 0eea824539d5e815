import { Migration } from '@mikro-orm/migrations';

/**
 * dash_cube (lowest region × month × metric) is no longer read: since 0011 the dashboards read
 * dash_rollup, whose county × month rows hold the same sums, and the projector moved both by the
 * same deltas. The rollup is now computed from the facts directly (ADR 0011).
 */
export class Migration0012DropDashCube extends Migration {
  override name = '0012-drop-dash-cube';

  override async up(): Promise<void> {
    this.addSql(`drop table dash_cube;`);
  }
}
