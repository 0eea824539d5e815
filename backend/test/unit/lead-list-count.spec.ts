import { LEAD_SELECT, LEAD_SORT, leadCountFrom } from '../../src/contexts/leads/application/queries.js';

// The ledger's statements (issue 17's benchmark, docs/benchmarks.md): the count reads the lead table
// alone, the institution joined only for a search (its condition reads inst.name); the page joins only
// the institution and reads the other names per row shown — at 200,000 leads the three joins to
// organization made both a nested loop over every lead of the province (3.8 s and 7 s a request).

describe('the lead ledger count', () => {
  it('counts the leads alone without a search, and joins only the institution for one', () => {
    expect(leadCountFrom({})).toBe('from lead l');
    expect(leadCountFrom({ q: '' })).toBe('from lead l');
    const search = leadCountFrom({ q: '人民医院' });
    expect(search).toBe('from lead l left join organization inst on inst.id = l.institution_org_id');
    expect(search).not.toMatch(/\bjoin organization (h|g)\b|join region/);
  });

  it('joins only the institution on the page; the holder, registering unit and region are read per row (and the holder sort by the same expression)', () => {
    const joins = LEAD_SELECT.match(/\bjoin\s+\w+\s+\w+/g);
    expect(joins).toEqual(['join organization inst']);
    expect(LEAD_SELECT).toContain('(select h.name from organization h where h.id = l.owner_org_id) as holder_name');
    expect(LEAD_SORT['holder']).toBe('(select h.name from organization h where h.id = l.owner_org_id)');
    expect(LEAD_SORT['institution']).toBe('inst.name');
  });
});
