import { describe, expect, it } from 'vitest';

import { chooseContentLocale, mediaUrl } from './load-content.ts';

const course = { locales: ['en', 'sr-Latn', 'sr-Cyrl', 'sq'], sourceLocale: 'en' };

describe('content locale', () => {
  it('takes the first preferred locale the course has', () => {
    expect(chooseContentLocale(course, [undefined, 'sq', 'en'])).toBe('sq');
    expect(chooseContentLocale(course, ['SR-latn'])).toBe('sr-Latn');
  });

  it('falls back to the same language, then to the source locale', () => {
    expect(chooseContentLocale(course, ['sr'])).toBe('sr-Latn');
    expect(chooseContentLocale(course, ['mk', 'de'])).toBe('en');
    expect(chooseContentLocale(course, [])).toBe('en');
  });

  it('builds media URLs under the course folder with each segment encoded', () => {
    expect(mediaUrl('rivertown', 'media/map.png')).toBe('/content/rivertown/media/map.png');
    expect(mediaUrl('rivertown', 'media/a b.png')).toBe('/content/rivertown/media/a%20b.png');
  });
});
