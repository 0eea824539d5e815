import type { Me } from '../core/models';

/** "江苏省 / 南京市 / 玄武区"; national users have no trail and show their own node (全国). */
export function regionLabelOf(me: Me | null): string {
  if (!me) return '';
  const trail = me.regionTrail?.map((r) => r.name).filter(Boolean) ?? [];
  return trail.length ? trail.join(' / ') : me.region.name;
}
