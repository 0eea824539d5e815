import type { Type } from '@angular/core';
import type { Me } from '../core/models';
import { openPageByElements } from './page-harness';
import { FINDINGS_NOW } from './findings-fakes';

/**
 * Opens `url` as `me` with the given pages routed (path → component, with the section as route
 * data, like the feature's routes), and returns helpers to find, type and click by data-testid.
 */
export async function openFindingsPage(me: Me, url: string, pages: Record<string, Type<unknown>>, section: string, now: Date = FINDINGS_NOW) {
  const routes = Object.entries(pages).map(([path, component]) => ({ path, component, data: { section } }));
  return openPageByElements({ url, routes, me, now });
}

export const attachment = (id: string, filename: string) => ({ id, filename, contentType: 'application/pdf', sizeBytes: 2048, sha256: 'x', createdAt: '2027-10-12T00:00:00Z' });
