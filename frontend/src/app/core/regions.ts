import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, shareReplay } from 'rxjs';
import type * as Api from './api-types.generated';

export type RegionOption = Api.RegionOption;

/** GET /api/regions: the signed-in user's region and two levels below it, once per session. */
@Injectable({ providedIn: 'root' })
export class RegionsApi {
  private readonly http = inject(HttpClient);
  private cached: Observable<RegionOption[]> | null = null;

  regions(): Observable<RegionOption[]> {
    this.cached ??= this.http.get<RegionOption[]>('/api/regions').pipe(shareReplay({ bufferSize: 1, refCount: false }));
    return this.cached;
  }
}
