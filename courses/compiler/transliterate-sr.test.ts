import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transliterate, transliterateInline } from './transliterate-sr.ts';

describe('Serbian Latin → Cyrillic', () => {
  it.each([
    ['abvgdđežzijklljmnnjoprstćufhcčdžš', 'абвгдђежзијклљмнњопрстћуфхцчџш'],
    ['ABVGDĐEŽZIJKLLJMNNJOPRSTĆUFHCČDŽŠ', 'АБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ'],
    ['Ljubljana', 'Љубљана'],
    ['LJUBAV', 'ЉУБАВ'],
    ['Njegoš', 'Његош'],
    ['NJIVA', 'ЊИВА'],
    ['Džep', 'Џеп'],
    ['DŽEP', 'ЏЕП'],
    ['konjugacija', 'конјугација'],
    ['injekcija', 'инјекција'],
    ['nadživeti', 'надживети'],
    ['Opština Bijeljina, 2014.', 'Општина Бијељина, 2014.'],
  ])('%s → %s', (latin, cyrillic) => {
    expect(transliterate(latin)).toBe(cyrillic);
  });

  it('leaves foreign words, URLs, e-mail addresses and placeholders alone', () => {
    expect(transliterate('Pratite nas na YouTube i Wi-Fi mreži, Xerox')).toBe('Пратите нас на YouTube и Wi-Fi мрежи, Xerox');
    expect(transliterate('Vidi https://nalas.eu/lnob-mapa ili piši na info@nalas.eu')).toBe('Види https://nalas.eu/lnob-mapa или пиши на info@nalas.eu');
    expect(transliterate('Zdravo {ime}, imaš %s poena')).toBe('Здраво {ime}, имаш %s поена');
  });

  it('changes text only: code, link targets and ids stay as they are', () => {
    expect(transliterateInline([
      { type: 'link', href: 'https://primer.rs/strana', children: [{ type: 'text', value: 'strana' }] },
      { type: 'code', value: 'opcija' },
      { type: 'term', glossaryId: 'lnob', children: [{ type: 'text', value: 'niko' }] },
    ])).toEqual([
      { type: 'link', href: 'https://primer.rs/strana', children: [{ type: 'text', value: 'страна' }] },
      { type: 'code', value: 'opcija' },
      { type: 'term', glossaryId: 'lnob', children: [{ type: 'text', value: 'нико' }] },
    ]);
  });

  it('is deterministic and leaves digits, spaces and punctuation where they were', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const once = transliterate(text);
        expect(transliterate(text)).toBe(once);
        expect(once.replace(/\p{L}/gu, '')).toBe(text.replace(/\p{L}/gu, ''));
      }),
    );
  });

  it('never changes a URL or a placeholder embedded in any text', () => {
    const url = fc.webUrl({ withQueryParameters: true, withFragments: true });
    const placeholder = fc.stringMatching(/^[a-z_]{1,12}$/).map((name) => `{${name}}`);
    const words = fc.stringMatching(/^[a-zčćžšđ ]{0,20}$/);
    fc.assert(
      fc.property(words, url, words, placeholder, words, (before, link, middle, token, after) => {
        const result = transliterate(`${before} ${link} ${middle} ${token} ${after}`);
        expect(result).toContain(link);
        expect(result).toContain(token);
      }),
    );
  });

  it('produces no Serbian Latin letters from Serbian Latin words', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[abcčćdđefghijklmnoprsštuvzž]{1,30}$/), (word) => {
        expect(transliterate(word)).not.toMatch(/[a-zčćžšđ]/);
      }),
    );
  });
});
