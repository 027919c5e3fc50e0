import type { HotspotRegion } from '../content/course-types.ts';

/**
 * The region under a point given in percent of the image (the same unit as the region
 * coordinates). Later regions are drawn on top, so they win where regions overlap.
 */
export function findRegionAt(regions: readonly HotspotRegion[], xPercent: number, yPercent: number): HotspotRegion | undefined {
  for (let index = regions.length - 1; index >= 0; index -= 1) {
    const region = regions[index]!;
    if (isInside(region, xPercent, yPercent)) return region;
  }
  return undefined;
}

function isInside(region: HotspotRegion, x: number, y: number): boolean {
  if (region.shape === 'rect') {
    const [left = 0, top = 0, width = 0, height = 0] = region.coords;
    return x >= left && x <= left + width && y >= top && y <= top + height;
  }
  // Percent of width and of height differ on a non-square image; the author drew circles in
  // the same percent units, so the test stays in those units.
  const [centreX = 0, centreY = 0, radius = 0] = region.coords;
  return (x - centreX) ** 2 + (y - centreY) ** 2 <= radius ** 2;
}
