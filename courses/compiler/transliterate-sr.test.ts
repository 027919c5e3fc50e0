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

  it('keeps the acronyms and names of international organisations and programmes in Latin', () => {
    expect(transliterate('NALAS, GIZ i UNDP podržavaju LNOB pristup')).toBe('NALAS, GIZ и UNDP подржавају LNOB приступ');
    expect(transliterate('Program SoRi finansira BMZ; ECMI, FUEN i CECI su partneri.')).toBe('Програм SoRi финансира BMZ; ECMI, FUEN и CECI су партнери.');
    expect(transliterate('Uredba (GDPR) i kodeks ICO, savez opština (LGA), UNICEF')).toBe('Уредба (GDPR) и кодекс ICO, савез општина (LGA), UNICEF');
  });

  it('keeps a kept acronym in Latin and transliterates its hyphenated Serbian ending', () => {
    expect(transliterate('NALAS-ov priručnik, prema oceni UNDP-a i GIZ-ovoj studiji')).toBe('NALAS-ов приручник, према оцени UNDP-а и GIZ-овој студији');
    expect(transliterate('u skladu sa GDPR-om')).toBe('у складу са GDPR-ом');
  });

  it('matches kept acronyms as whole words and with their exact capitals only', () => {
    expect(transliterate('NALASA Nalas nalas sori SORI GIZA')).toBe('НАЛАСА Налас налас сори СОРИ ГИЗА');
  });

  it('still transliterates Serbian acronyms', () => {
    expect(transliterate('EU, UN, OCD, BDP, COR i LGBTI osobe; „Službeni glasnik RS“; EU-a')).toBe('ЕУ, УН, ОЦД, БДП, ЦОР и ЛГБТИ особе; „Службени гласник РС“; ЕУ-а');
    expect(transliterate('ALVRS i ZELS')).toBe('АЛВРС и ЗЕЛС');
  });

  it('keeps Roman numerals from II on in Latin', () => {
    expect(transliterate('projekat SoRi II, poglavlja II, III i IV; XX skupština')).toBe('пројекат SoRi II, поглавља II, III и IV; XX скупштина');
    expect(transliterate('(SoRi II) i NALAS-ov SoRi III')).toBe('(SoRi II) и NALAS-ов SoRi III');
  });

  it('keeps a single-letter numeral only right after a kept name', () => {
    expect(transliterate('opštine iz projekta SoRi I u Albaniji')).toBe('општине из пројекта SoRi I у Албанији');
    expect(transliterate('To je SoRi. I to je nalaz.')).toBe('То је SoRi. И то је налаз.');
  });

  it('transliterates a capital I (the conjunction at the start of a sentence) and the pronoun VI', () => {
    expect(transliterate('I starije osobe. I klizišta i poplave.')).toBe('И старије особе. И клизишта и поплаве.');
    expect(transliterate('VI i MI, LI')).toBe('ВИ и МИ, ЛИ');
  });

  it('leaves bare web addresses alone', () => {
    expect(transliterate('Pročitano na docslib.org, ncss-al.org, ecmi.de i tip.rs.')).toBe('Прочитано на docslib.org, ncss-al.org, ecmi.de и tip.rs.');
    expect(transliterate('Službeni glasnik br. 87/2018. i sl.')).toBe('Службени гласник бр. 87/2018. и сл.');
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
