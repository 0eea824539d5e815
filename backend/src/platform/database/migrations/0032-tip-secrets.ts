import { Migration } from '@mikro-orm/migrations';

/**
 * The tips' own secrets, sealed under the key-encryption key like the reporter's envelope (issue 17,
 * KEK rotation; contexts/tips/README.md "Key rotation"): today the receipt codes' pepper, which must
 * outlive a rotation of TIPS_KEK (the codes are never stored, so their hashes cannot be recomputed).
 * One row per secret, suite-wide (not tenant data: no row-level security); the application reads it,
 * the operator's `cli.js tips-rotate-kek` writes and re-wraps it.
 */
export class Migration0032TipSecrets extends Migration {
  override name = '0032-tip-secrets';

  override async up(): Promise<void> {
    this.addSql(`
      create table tip_secret (
        name text primary key,
        envelope bytea not null,
        created_at timestamptz not null default now()
      );
      grant select on tip_secret to fundsup_app;
    `);
  }
}
