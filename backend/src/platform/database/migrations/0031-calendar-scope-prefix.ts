import { Migration } from '@mikro-orm/migrations';
import { likePoliciesToStartsWith } from './rls.js';

/**
 * 0023 created the provincial calendar's chain-of-command policies with the LIKE form that 0018 had
 * replaced everywhere (issue 15 §6: `%` and `_` in a scope must not be wildcards) — rls.ts still
 * wrote it. They are rewritten to starts_with() here; rls.ts now writes starts_with() for new tables.
 * Found by scope-prefix.spec in the full run.
 */
export class Migration0031CalendarScopePrefix extends Migration {
  override name = '0031-calendar-scope-prefix';

  override async up(): Promise<void> {
    this.addSql(likePoliciesToStartsWith());
  }
}
