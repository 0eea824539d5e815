/**
 * Every designated institution without a service agreement (定点服务协议) gets one, with the agency
 * that handles it under the pooling arrangement the suite seeds (市级统筹 of hospital care): tertiary
 * hospitals contract with their city's agency, every other institution with its county's. Numbered
 * per agency (`<agency's region code>-2025-<n>`), valid 2025–2027, active. Idempotent; run by the seed and by
 * migration 0013 (for databases seeded before it), on the owner's connection.
 */
export const SERVICE_AGREEMENT_BACKFILL = `
  insert into service_agreement (id, institution_id, agency_id, number, valid_from, valid_to, status, region_path, owner_org_id, updated_at)
  select 'agr-' || o.id, o.id, a.id,
         a.region_code || '-2025-' || lpad(((select count(*) from service_agreement s where s.agency_id = a.id)
           + row_number() over (partition by a.id order by o.id))::text, 5, '0'),
         date '2025-01-01', date '2027-12-31', 'active', o.region_path, o.id, now()
    from organization o
    join organization a on a.kind = 'agency'
     and a.id = 'agency-' || case when o.institution_type = 'hospital' and o.institution_level = 'tertiary'
                                  then substr(o.region_code, 1, 4) else o.region_code end
   where o.kind = 'institution'
     and not exists (select 1 from service_agreement s where s.institution_id = o.id)
  on conflict do nothing;
`;
