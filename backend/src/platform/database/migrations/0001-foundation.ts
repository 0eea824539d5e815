import { Migration } from '@mikro-orm/migrations';
import { tenantPolicy } from './rls.js';

/**
 * The foundation schema: the region tree, the organization directory, the shared services
 * (notifications, attachments, audit trail, outbox) and the first workflow-backed aggregate
 * (notices that must be acknowledged). Tenancy is enforced here, beneath the application:
 * every table with a region_path gets FORCE ROW LEVEL SECURITY through app_in_scope().
 */
export class Migration0001Foundation extends Migration {
  override name = '0001-foundation';

  override async up(): Promise<void> {
    this.addSql(`
      -- The scope a transaction runs in, set with SET LOCAL by the application for every unit of work.
      -- An unset scope sees nothing: forgetting to set it fails closed.
      create or replace function app_in_scope(row_region_path text, row_owner_org_id text) returns boolean
      language sql stable as $$
        select coalesce(current_setting('app.region_path', true), '') <> ''
           and row_region_path like current_setting('app.region_path', true) || '%'
           and (coalesce(current_setting('app.organization_id', true), '') = ''
                or row_owner_org_id = current_setting('app.organization_id', true))
      $$;

      create table region (
        code text primary key,
        name text not null,
        level text not null check (level in ('nation', 'province', 'city', 'county')),
        parent_code text references region (code),
        path text not null unique
      );
      create index region_parent_idx on region (parent_code);

      create table organization (
        id text primary key,
        name text not null,
        kind text not null check (kind in ('bureau', 'agency', 'institution')),
        institution_type text check (institution_type in ('hospital', 'pharmacy', 'clinic')),
        institution_level text check (institution_level in ('tertiary', 'secondary', 'primary', 'none')),
        ownership text check (ownership in ('public', 'private')),
        key_supervision boolean not null default false,
        credit_rating text,
        region_code text not null references region (code),
        region_path text not null,
        owner_org_id text generated always as (id) stored,
        created_at timestamptz not null default now(),
        check ((kind = 'institution') = (institution_type is not null))
      );
      create index organization_region_path_idx on organization (region_path text_pattern_ops);
      create index organization_kind_idx on organization (kind, region_path text_pattern_ops);

      -- Keyed by the identity provider's subject: a user re-created in Keycloak under the same
      -- username is a new subject, so the username is indexed, not unique.
      create table user_account (
        id text primary key,
        username text not null,
        display_name text not null,
        email text,
        organization_id text not null references organization (id),
        roles text[] not null,
        region_path text not null,
        owner_org_id text not null,
        last_seen_at timestamptz not null default now()
      );
      create index user_account_username_idx on user_account (username);

      create table inspector (
        id text primary key,
        name text not null,
        organization_id text not null references organization (id),
        region_path text not null,
        owner_org_id text not null,
        specialty text not null,
        -- institutions this inspector must never check (former employer, relatives); recusal data
        conflict_institution_ids text[] not null default '{}',
        active boolean not null default true
      );
      create index inspector_region_path_idx on inspector (region_path text_pattern_ops);

      create table notification (
        id uuid primary key,
        region_path text not null,
        owner_org_id text not null,
        title_zh text not null,
        title_en text not null,
        body_zh text not null,
        body_en text not null,
        link text,
        dedupe_key text not null unique,
        created_at timestamptz not null default now(),
        read_at timestamptz,
        emailed_at timestamptz
      );
      create index notification_inbox_idx on notification (owner_org_id, read_at, created_at desc);

      -- Notifications go down the actor's subtree or up its chain of command (reminders, escalations
      -- to the level above), never sideways: the recipient's region must contain or be inside the
      -- actor's scope. SECURITY DEFINER because an ancestor's inbox is outside the actor's RLS scope;
      -- the scope is widened for the insert only and restored before returning.
      create function notification_deliver(p_id uuid, p_region_path text, p_owner_org_id text, p_title_zh text,
          p_title_en text, p_body_zh text, p_body_en text, p_link text, p_dedupe_key text)
      returns boolean language plpgsql security definer set search_path = public, pg_temp as $$
      declare
        scope text := coalesce(current_setting('app.region_path', true), '');
        scope_org text := coalesce(current_setting('app.organization_id', true), '');
        inserted boolean;
      begin
        if scope = '' or not (p_region_path like scope || '%' or scope like p_region_path || '%') then
          raise exception 'notification recipient % is outside the chain of command of scope %', p_region_path, scope
            using errcode = '42501';
        end if;
        perform set_config('app.region_path', '/', true);
        perform set_config('app.organization_id', '', true);
        -- an institution notifies itself or the authorities above it, never another institution
        if scope_org <> '' and p_owner_org_id <> scope_org
           and exists (select 1 from organization where id = p_owner_org_id and kind = 'institution') then
          raise exception 'an institution cannot notify another institution' using errcode = '42501';
        end if;
        insert into notification (id, region_path, owner_org_id, title_zh, title_en, body_zh, body_en, link, dedupe_key)
        values (p_id, p_region_path, p_owner_org_id, p_title_zh, p_title_en, p_body_zh, p_body_en, p_link, p_dedupe_key)
        on conflict (dedupe_key) do nothing;
        inserted := found;
        perform set_config('app.region_path', scope, true);
        perform set_config('app.organization_id', scope_org, true);
        return inserted;
      end $$;

      create table attachment (
        id uuid primary key,
        region_path text not null,
        owner_org_id text not null,
        filename text not null,
        content_type text not null,
        size_bytes bigint not null check (size_bytes > 0),
        sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text not null,
        uploaded_by text not null,
        created_at timestamptz not null default now()
      );

      create table outbox_message (
        id uuid primary key,
        -- Delivery order: rows of one transaction share occurred_at, and a workflow's messages must
        -- reach it in the order its aggregate committed them.
        seq bigserial not null unique,
        region_path text not null,
        owner_org_id text not null,
        aggregate_type text not null,
        aggregate_id text not null,
        event_type text not null,
        payload jsonb not null,
        dispatch jsonb,
        occurred_at timestamptz not null default now(),
        available_at timestamptz not null default now(),
        dispatched_at timestamptz,
        attempts integer not null default 0,
        last_error text
      );
      create index outbox_pending_idx on outbox_message (seq) where dispatched_at is null;
      create index outbox_pending_workflow_idx on outbox_message ((dispatch->>'workflowId'), seq) where dispatched_at is null;

      create table notice (
        id uuid primary key,
        region_path text not null,
        owner_org_id text not null,
        sender_org_id text not null references organization (id),
        sender_region_path text not null,
        recipient_org_id text not null references organization (id),
        title text not null,
        body text not null,
        sent_at timestamptz not null,
        due_date date not null,
        remind_at timestamptz not null,
        due_at timestamptz not null,
        status text not null check (status in ('sent', 'acknowledged')),
        overdue boolean not null default false,
        acknowledged_at timestamptz,
        acknowledged_by text,
        version integer not null default 1
      );
      create index notice_region_path_idx on notice (region_path text_pattern_ops);

      -- Append-only audit trail, hash-chained: hash = sha256(prev_hash | canonical row). The head row
      -- holds the last sequence number and hash, so a deleted tail row is detected too.
      create table audit_entry (
        seq bigint primary key,
        at timestamptz not null,
        user_id text not null,
        username text not null,
        roles text[] not null,
        region_path text not null,
        owner_org_id text not null,
        command text not null,
        target text,
        payload jsonb not null,
        result text not null check (result in ('ok', 'error')),
        error_code text,
        prev_hash text not null,
        hash text not null
      );
      create index audit_entry_region_idx on audit_entry (region_path text_pattern_ops, seq);
      create table audit_head (
        id integer primary key check (id = 1),
        seq bigint not null,
        hash text not null
      );
      insert into audit_head values (1, 0, repeat('0', 64));

      create function audit_canonical(e audit_entry) returns text language sql immutable as $$
        select jsonb_build_object(
          'seq', e.seq, 'at', to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          'user_id', e.user_id, 'username', e.username, 'roles', to_jsonb(e.roles),
          'region_path', e.region_path, 'owner_org_id', e.owner_org_id, 'command', e.command,
          'target', e.target, 'payload', e.payload, 'result', e.result, 'error_code', e.error_code)::text
      $$;

      -- SECURITY DEFINER: the application role may append but never read the head, update or delete.
      create function audit_append(p_user_id text, p_username text, p_roles text[], p_region_path text,
          p_owner_org_id text, p_command text, p_target text, p_payload jsonb, p_result text, p_error_code text)
      returns bigint language plpgsql security definer set search_path = public, pg_temp as $$
      declare
        head audit_head;
        e audit_entry;
      begin
        select * into head from audit_head where id = 1 for update;
        e.seq := head.seq + 1;
        e.at := clock_timestamp();
        e.user_id := p_user_id; e.username := p_username; e.roles := p_roles;
        e.region_path := p_region_path; e.owner_org_id := p_owner_org_id; e.command := p_command;
        e.target := p_target; e.payload := coalesce(p_payload, '{}'::jsonb); e.result := p_result;
        e.error_code := p_error_code; e.prev_hash := head.hash;
        e.hash := encode(sha256(convert_to(e.prev_hash || '|' || audit_canonical(e), 'UTF8')), 'hex');
        insert into audit_entry select e.*;
        update audit_head set seq = e.seq, hash = e.hash where id = 1;
        return e.seq;
      end $$;

      -- Returns the first broken sequence number, or null when the whole chain verifies.
      create function audit_verify() returns table (broken_seq bigint, reason text)
      language plpgsql security definer set search_path = public, pg_temp as $$
      declare
        e audit_entry;
        expected_prev text := repeat('0', 64);
        expected_seq bigint := 1;
        head audit_head;
      begin
        -- the owner is subject to FORCE ROW LEVEL SECURITY too: verify the whole chain, not a scope
        perform set_config('app.region_path', '/', true);
        perform set_config('app.organization_id', '', true);
        for e in select * from audit_entry order by seq loop
          if e.seq <> expected_seq then
            broken_seq := expected_seq; reason := 'missing entry'; return next; return;
          end if;
          if e.prev_hash <> expected_prev then
            broken_seq := e.seq; reason := 'chain link broken'; return next; return;
          end if;
          if e.hash <> encode(sha256(convert_to(e.prev_hash || '|' || audit_canonical(e), 'UTF8')), 'hex') then
            broken_seq := e.seq; reason := 'entry altered'; return next; return;
          end if;
          expected_prev := e.hash;
          expected_seq := expected_seq + 1;
        end loop;
        select * into head from audit_head where id = 1;
        if head.seq <> expected_seq - 1 or head.hash <> expected_prev then
          broken_seq := expected_seq; reason := 'tail entries missing'; return next; return;
        end if;
      end $$;

      create function audit_forbid_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_entry is append-only';
      end $$;
      create trigger audit_entry_append_only before update or delete or truncate on audit_entry
        for each statement execute function audit_forbid_change();
    `);

    // Row-level security on every tenant-owned table. The meta-test in the integration suite fails
    // when a table with a region_path column lacks it.
    this.addSql(tenantPolicy('organization', 'user_account', 'inspector', 'notification', 'attachment',
      'outbox_message', 'notice', 'audit_entry'));

    // The chain of command is not secret: every user may read the bureaus and agencies above
    // them (a county reading the city's name on a notice), never other branches or institutions.
    this.addSql(`
      create policy organization_chain_of_command on organization for select
        using (kind in ('bureau', 'agency')
               and coalesce(current_setting('app.region_path', true), '') like region_path || '%');
    `);

    this.addSql(`
      grant usage on schema public to fundsup_app;
      grant select on region to fundsup_app;
      grant select, insert, update on organization, user_account, inspector, notice to fundsup_app;
      grant select, update on notification to fundsup_app;
      grant select, insert on attachment to fundsup_app;
      grant select, insert, update, delete on outbox_message to fundsup_app;
      grant usage on sequence outbox_message_seq_seq to fundsup_app;
      grant select on audit_entry to fundsup_app;
      grant execute on function audit_append(text, text, text[], text, text, text, text, jsonb, text, text) to fundsup_app;
      grant execute on function app_in_scope(text, text) to fundsup_app;
      grant execute on function notification_deliver(uuid, text, text, text, text, text, text, text, text) to fundsup_app;
      revoke all on function audit_verify() from public;
    `);
  }
}
