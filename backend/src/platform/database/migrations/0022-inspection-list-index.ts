import { Migration } from '@mikro-orm/migrations';

/**
 * The inspections' list (issue 16 §2) at a province's scale (~100,000 inspections a year): its
 * reader's subtree (`region_path like '/32/%'`, the predicate the list adds beside row-level
 * security) and its period (`from`/`to` on the day the inspection was assigned or scheduled,
 * `created_at`) in one index, so a month's inspections of a city are found without reading the
 * province's; its default order (newest first) reads the same column.
 */
export class Migration0022InspectionListIndex extends Migration {
  override name = '0022-inspection-list-index';

  override async up(): Promise<void> {
    this.addSql(`create index inspection_scope_created_idx on inspection (region_path text_pattern_ops, created_at);`);
  }
}
