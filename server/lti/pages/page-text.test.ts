import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';

import { transliterate } from '../../../courses/compiler/transliterate-sr.ts';
import { LTI_ERROR_MESSAGES } from '../../../lti/index.ts';
import { PAGE_LOCALES, pageLocaleOf, pageText, refusalAdviceOf, refusalRemedyOf } from './page-text.ts';

const UI_LOCALES = ['en', 'sq', 'mk', 'sr-Latn', 'sr-Cyrl', 'bs', 'hr', 'cnr'];

function requestWith(acceptLanguage?: string): FastifyRequest {
  return { headers: acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage } } as FastifyRequest;
}

describe('LTI page text', () => {
  it('has every text in every UI language, none left in English', () => {
    expect([...PAGE_LOCALES].sort()).toEqual([...UI_LOCALES].sort());
    const english = pageText('en');
    for (const locale of PAGE_LOCALES) {
      const text = pageText(locale);
      for (const [key, value] of Object.entries(text)) {
        expect(value.trim(), `${locale}.${key}`).not.toBe('');
        if (locale !== 'en' && key !== 'reasonLabel') expect(value, `${locale}.${key}`).not.toBe(english[key as keyof typeof english]);
      }
    }
  });

  it('writes Serbian Cyrillic as the Serbian Latin transliterated, as the courses do', () => {
    const latin = pageText('sr-Latn');
    for (const [key, value] of Object.entries(pageText('sr-Cyrl'))) {
      expect(value, key).toBe(transliterate(latin[key as keyof typeof latin]));
    }
  });

  it("speaks the launch's language, else the browser's first that it has, else English", () => {
    expect(pageLocaleOf(requestWith('en-GB'), 'mk-MK')).toBe('mk');
    expect(pageLocaleOf(requestWith('de-AT, sr-RS;q=0.8, en;q=0.5'))).toBe('sr-Latn');
    expect(pageLocaleOf(requestWith('sr-Cyrl-RS'))).toBe('sr-Cyrl');
    expect(pageLocaleOf(requestWith('me'))).toBe('cnr');
    expect(pageLocaleOf(requestWith('sq-AL,sq;q=0.9'), 'xx-unknown')).toBe('sq');
    expect(pageLocaleOf(requestWith('fr-FR, de'))).toBe('en');
    expect(pageLocaleOf(requestWith())).toBe('en');
  });

  it('tells the learner to open the activity again only when that helps', () => {
    const text = pageText('en');
    expect(refusalAdviceOf('nonce_replayed', text)).toBe(text.refusalAgain);
    expect(refusalAdviceOf('state_invalid', text)).toBe(text.refusalAgain);
    expect(refusalAdviceOf('platform_error', text)).toBe(text.refusalPlatform);
    expect(refusalRemedyOf('deep_link_expired')).toBe('again');
    expect(refusalRemedyOf('jwks_unavailable')).toBe('platform');
    const forAdministrator = Object.keys(LTI_ERROR_MESSAGES).filter((code) => refusalAdviceOf(code, text) === text.refusalSetup);
    expect(forAdministrator).toEqual(expect.arrayContaining(['deployment_unknown', 'signature_invalid', 'issuer_unknown', 'kid_unknown']));
  });
});
