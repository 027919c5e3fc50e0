import type { FastifyRequest } from 'fastify';

import type { LtiErrorCode } from '../../../lti/index.ts';
import { findLocale } from '../../../web/src/lib/i18n/match-locale.ts';
import { parseAcceptLanguage } from '../../xapi/statements/pick-language.ts';

/**
 * The words of the pages the server renders during a launch (sign-in steps, hand-off, refusals,
 * the new-window offer), in each UI language: a learner in Skopje whose launch is refused reads
 * why in Macedonian. The precise technical reason stays in English beside it, marked as such,
 * for the administrator the learner is asked to tell.
 */
export interface PageText {
  refusalTitle: string;
  /** The learner can fix it: the launch expired or was used (another tab, the back button). */
  refusalAgain: string;
  /** Only an administrator can fix it: registration, deployment, keys, a malformed launch. */
  refusalSetup: string;
  /** The platform failed (its keys or services did not answer). */
  refusalPlatform: string;
  refusalHelp: string;
  reasonLabel: string;
  referenceLabel: string;
  detailsLabel: string;
  signingIn: string;
  opening: string;
  continueLink: string;
  newWindowTitle: string;
  newWindowText: string;
  newWindowReopen: string;
  newWindowButton: string;
}

const TEXT = {
  en: {
    refusalTitle: 'This activity could not be opened',
    refusalAgain: 'This sign-in has expired or was already used. Go back to your course and open the activity again.',
    refusalSetup: 'Your learning platform and this course tool are not set up correctly to work together. Please tell your course administrator.',
    refusalPlatform: 'Your learning platform did not answer as expected. Please try again in a few minutes.',
    refusalHelp: 'If this keeps happening, tell your course administrator and give them this reference:',
    reasonLabel: 'Reason',
    referenceLabel: 'Reference',
    detailsLabel: 'Details for the administrator',
    signingIn: 'Signing in…',
    opening: 'Opening the course…',
    continueLink: 'Continue',
    newWindowTitle: 'Open the course in a new window',
    newWindowText: 'Your browser keeps this course from opening inside the page. It works in a window of its own.',
    newWindowReopen: 'Your browser keeps this course from opening inside the page. Open the activity again from your course with “Open in new window” (or open its link in a new tab).',
    newWindowButton: 'Open in a new window',
  },
  sq: {
    refusalTitle: 'Ky aktivitet nuk mund të hapej',
    refusalAgain: 'Kjo hyrje ka skaduar ose është përdorur tashmë. Kthehuni te kursi juaj dhe hapeni aktivitetin përsëri.',
    refusalSetup: 'Platforma juaj e mësimit dhe ky mjet i kurseve nuk janë konfiguruar si duhet për të punuar së bashku. Ju lutemi njoftoni administratorin e kursit.',
    refusalPlatform: 'Platforma juaj e mësimit nuk u përgjigj siç pritej. Ju lutemi provoni përsëri pas disa minutash.',
    refusalHelp: 'Nëse kjo vazhdon, njoftoni administratorin e kursit dhe jepini këtë referencë:',
    reasonLabel: 'Arsyeja',
    referenceLabel: 'Referenca',
    detailsLabel: 'Detaje për administratorin',
    signingIn: 'Duke hyrë…',
    opening: 'Duke hapur kursin…',
    continueLink: 'Vazhdo',
    newWindowTitle: 'Hapeni kursin në një dritare të re',
    newWindowText: 'Shfletuesi juaj nuk e lejon këtë kurs të hapet brenda faqes. Ai funksionon në një dritare më vete.',
    newWindowReopen: 'Shfletuesi juaj nuk e lejon këtë kurs të hapet brenda faqes. Hapeni aktivitetin përsëri nga kursi juaj me „Hap në dritare të re” (ose hapni lidhjen e tij në një skedë të re).',
    newWindowButton: 'Hap në një dritare të re',
  },
  mk: {
    refusalTitle: 'Оваа активност не можеше да се отвори',
    refusalAgain: 'Ова најавување истече или веќе е искористено. Вратете се во курсот и отворете ја активноста повторно.',
    refusalSetup: 'Вашата платформа за учење и оваа алатка за курсеви не се правилно поставени за да работат заедно. Ве молиме известете го администраторот на курсот.',
    refusalPlatform: 'Вашата платформа за учење не одговори како што се очекуваше. Ве молиме обидете се повторно за неколку минути.',
    refusalHelp: 'Ако ова продолжи, известете го администраторот на курсот и дајте му ја оваа референца:',
    reasonLabel: 'Причина',
    referenceLabel: 'Референца',
    detailsLabel: 'Детали за администраторот',
    signingIn: 'Најавување…',
    opening: 'Се отвора курсот…',
    continueLink: 'Продолжи',
    newWindowTitle: 'Отворете го курсот во нов прозорец',
    newWindowText: 'Вашиот прелистувач не дозволува курсот да се отвори во страницата. Тој работи во посебен прозорец.',
    newWindowReopen: 'Вашиот прелистувач не дозволува курсот да се отвори во страницата. Отворете ја активноста повторно од курсот со „Отвори во нов прозорец“ (или отворете ја нејзината врска во ново јазиче).',
    newWindowButton: 'Отвори во нов прозорец',
  },
  'sr-Latn': {
    refusalTitle: 'Ova aktivnost nije mogla da se otvori',
    refusalAgain: 'Ova prijava je istekla ili je već iskorišćena. Vratite se na kurs i ponovo otvorite aktivnost.',
    refusalSetup: 'Vaša platforma za učenje i ovaj alat za kurseve nisu ispravno podešeni za zajednički rad. Obavestite administratora kursa.',
    refusalPlatform: 'Vaša platforma za učenje nije odgovorila kako se očekivalo. Pokušajte ponovo za nekoliko minuta.',
    refusalHelp: 'Ako se ovo ponavlja, obavestite administratora kursa i dajte mu ovu referencu:',
    reasonLabel: 'Razlog',
    referenceLabel: 'Referenca',
    detailsLabel: 'Detalji za administratora',
    signingIn: 'Prijavljivanje…',
    opening: 'Otvaranje kursa…',
    continueLink: 'Nastavi',
    newWindowTitle: 'Otvorite kurs u novom prozoru',
    newWindowText: 'Vaš pregledač ne dozvoljava da se ovaj kurs otvori unutar stranice. Radi u posebnom prozoru.',
    newWindowReopen: 'Vaš pregledač ne dozvoljava da se ovaj kurs otvori unutar stranice. Ponovo otvorite aktivnost sa kursa pomoću „Otvori u novom prozoru“ (ili otvorite njen link u novoj kartici).',
    newWindowButton: 'Otvori u novom prozoru',
  },
  'sr-Cyrl': {
    refusalTitle: 'Ова активност није могла да се отвори',
    refusalAgain: 'Ова пријава је истекла или је већ искоришћена. Вратите се на курс и поново отворите активност.',
    refusalSetup: 'Ваша платформа за учење и овај алат за курсеве нису исправно подешени за заједнички рад. Обавестите администратора курса.',
    refusalPlatform: 'Ваша платформа за учење није одговорила како се очекивало. Покушајте поново за неколико минута.',
    refusalHelp: 'Ако се ово понавља, обавестите администратора курса и дајте му ову референцу:',
    reasonLabel: 'Разлог',
    referenceLabel: 'Референца',
    detailsLabel: 'Детаљи за администратора',
    signingIn: 'Пријављивање…',
    opening: 'Отварање курса…',
    continueLink: 'Настави',
    newWindowTitle: 'Отворите курс у новом прозору',
    newWindowText: 'Ваш прегледач не дозвољава да се овај курс отвори унутар странице. Ради у посебном прозору.',
    newWindowReopen: 'Ваш прегледач не дозвољава да се овај курс отвори унутар странице. Поново отворите активност са курса помоћу „Отвори у новом прозору“ (или отворите њен линк у новој картици).',
    newWindowButton: 'Отвори у новом прозору',
  },
  bs: {
    refusalTitle: 'Ova aktivnost se nije mogla otvoriti',
    refusalAgain: 'Ova prijava je istekla ili je već iskorištena. Vratite se na kurs i ponovo otvorite aktivnost.',
    refusalSetup: 'Vaša platforma za učenje i ovaj alat za kurseve nisu ispravno podešeni za zajednički rad. Obavijestite administratora kursa.',
    refusalPlatform: 'Vaša platforma za učenje nije odgovorila kako se očekivalo. Pokušajte ponovo za nekoliko minuta.',
    refusalHelp: 'Ako se ovo ponavlja, obavijestite administratora kursa i dajte mu ovu referencu:',
    reasonLabel: 'Razlog',
    referenceLabel: 'Referenca',
    detailsLabel: 'Detalji za administratora',
    signingIn: 'Prijavljivanje…',
    opening: 'Otvaranje kursa…',
    continueLink: 'Nastavi',
    newWindowTitle: 'Otvorite kurs u novom prozoru',
    newWindowText: 'Vaš preglednik ne dozvoljava da se ovaj kurs otvori unutar stranice. Radi u zasebnom prozoru.',
    newWindowReopen: 'Vaš preglednik ne dozvoljava da se ovaj kurs otvori unutar stranice. Ponovo otvorite aktivnost iz kursa pomoću „Otvori u novom prozoru“ (ili otvorite njen link u novoj kartici).',
    newWindowButton: 'Otvori u novom prozoru',
  },
  hr: {
    refusalTitle: 'Ova se aktivnost nije mogla otvoriti',
    refusalAgain: 'Ova je prijava istekla ili je već iskorištena. Vratite se na tečaj i ponovno otvorite aktivnost.',
    refusalSetup: 'Vaš sustav za učenje i ovaj alat za tečajeve nisu ispravno postavljeni za zajednički rad. Obavijestite administratora tečaja.',
    refusalPlatform: 'Vaš sustav za učenje nije odgovorio kako se očekivalo. Pokušajte ponovno za nekoliko minuta.',
    refusalHelp: 'Ako se to nastavi, obavijestite administratora tečaja i dajte mu ovu oznaku:',
    reasonLabel: 'Razlog',
    referenceLabel: 'Oznaka',
    detailsLabel: 'Pojedinosti za administratora',
    signingIn: 'Prijava…',
    opening: 'Otvaranje tečaja…',
    continueLink: 'Nastavi',
    newWindowTitle: 'Otvorite tečaj u novom prozoru',
    newWindowText: 'Vaš preglednik ne dopušta da se ovaj tečaj otvori unutar stranice. Radi u zasebnom prozoru.',
    newWindowReopen: 'Vaš preglednik ne dopušta da se ovaj tečaj otvori unutar stranice. Ponovno otvorite aktivnost iz tečaja pomoću „Otvori u novom prozoru” (ili otvorite njezinu poveznicu u novoj kartici).',
    newWindowButton: 'Otvori u novom prozoru',
  },
  cnr: {
    refusalTitle: 'Ova aktivnost nije mogla da se otvori',
    refusalAgain: 'Ova prijava je istekla ili je već iskorišćena. Vratite se na kurs i ponovo otvorite aktivnost.',
    refusalSetup: 'Vaša platforma za učenje i ovaj alat za kurseve nijesu ispravno podešeni za zajednički rad. Obavijestite administratora kursa.',
    refusalPlatform: 'Vaša platforma za učenje nije odgovorila kako se očekivalo. Pokušajte ponovo za nekoliko minuta.',
    refusalHelp: 'Ako se ovo ponavlja, obavijestite administratora kursa i dajte mu ovu referencu:',
    reasonLabel: 'Razlog',
    referenceLabel: 'Referenca',
    detailsLabel: 'Detalji za administratora',
    signingIn: 'Prijavljivanje…',
    opening: 'Otvaranje kursa…',
    continueLink: 'Nastavi',
    newWindowTitle: 'Otvorite kurs u novom prozoru',
    newWindowText: 'Vaš pretraživač ne dozvoljava da se ovaj kurs otvori unutar stranice. Radi u posebnom prozoru.',
    newWindowReopen: 'Vaš pretraživač ne dozvoljava da se ovaj kurs otvori unutar stranice. Ponovo otvorite aktivnost sa kursa pomoću „Otvori u novom prozoru“ (ili otvorite njen link u novoj kartici).',
    newWindowButton: 'Otvori u novom prozoru',
  },
} as const satisfies Record<string, PageText>;

export type PageLocale = keyof typeof TEXT;
export const PAGE_LOCALES = Object.keys(TEXT) as PageLocale[];

/** The text of the pages in `locale`. */
export function pageText(locale: PageLocale): PageText {
  return TEXT[locale];
}

/**
 * The language of a page: the launch's own (`launch_presentation.locale`) when the page knows it,
 * else the first of the browser's `Accept-Language` we have, else English.
 */
export function pageLocaleOf(request: FastifyRequest, launchLocale?: string): PageLocale {
  const fromLaunch = findLocale(launchLocale, PAGE_LOCALES);
  if (fromLaunch !== undefined) return fromLaunch;
  for (const { range } of parseAcceptLanguage(request.headers['accept-language'])) {
    const found = findLocale(range, PAGE_LOCALES);
    if (found !== undefined) return found;
  }
  return 'en';
}

/** Who can mend a refused launch, by its code: the learner, by waiting, or only the administrator. */
export type RefusalRemedy = 'again' | 'platform' | 'setup';

export function refusalRemedyOf(code: string): RefusalRemedy {
  if (AGAIN_CODES.has(code)) return 'again';
  return PLATFORM_CODES.has(code) ? 'platform' : 'setup';
}

/** What a learner can do about a refusal, in the page's language. */
export function refusalAdviceOf(code: string, text: PageText): string {
  const remedy = refusalRemedyOf(code);
  return remedy === 'again' ? text.refusalAgain : remedy === 'platform' ? text.refusalPlatform : text.refusalSetup;
}

const AGAIN_CODES = new Set<string>(['token_expired', 'nonce_replayed', 'nonce_mismatch', 'state_invalid', 'deep_link_expired'] satisfies Array<LtiErrorCode | 'deep_link_expired'>);
const PLATFORM_CODES = new Set<string>(['jwks_unavailable', 'platform_error'] satisfies LtiErrorCode[]);
