/** The words on a certificate, in each UI language (Montenegrin and Bosnian in Latin script). */
export interface CertificateText {
  title: string;
  certifies: string;
  completed: string;
  issued: string;
  verify: string;
}

const TEXT: Readonly<Record<string, CertificateText>> = {
  en: { title: 'Certificate of completion', certifies: 'This certifies that', completed: 'has completed the course', issued: 'Issued on', verify: 'Verify this certificate at' },
  sq: { title: 'Certifikatë përfundimi', certifies: 'Vërtetohet se', completed: 'ka përfunduar kursin', issued: 'Lëshuar më', verify: 'Verifikoni këtë certifikatë në' },
  mk: { title: 'Сертификат за завршување', certifies: 'Со ова се потврдува дека', completed: 'го заврши курсот', issued: 'Издаден на', verify: 'Проверете го сертификатот на' },
  'sr-Latn': { title: 'Sertifikat o završenoj obuci', certifies: 'Ovim se potvrđuje da je', completed: 'završio/la kurs', issued: 'Izdato', verify: 'Proverite sertifikat na' },
  'sr-Cyrl': { title: 'Сертификат о завршеној обуци', certifies: 'Овим се потврђује да је', completed: 'завршио/ла курс', issued: 'Издато', verify: 'Проверите сертификат на' },
  bs: { title: 'Certifikat o završenoj obuci', certifies: 'Ovim se potvrđuje da je', completed: 'završio/la kurs', issued: 'Izdato', verify: 'Provjerite certifikat na' },
  hr: { title: 'Potvrda o završenom tečaju', certifies: 'Ovime se potvrđuje da je', completed: 'završio/la tečaj', issued: 'Izdano', verify: 'Provjerite potvrdu na' },
  cnr: { title: 'Sertifikat o završenoj obuci', certifies: 'Ovim se potvrđuje da je', completed: 'završio/la kurs', issued: 'Izdato', verify: 'Provjerite sertifikat na' },
};

export const CERTIFICATE_LOCALES = Object.keys(TEXT);

export function certificateText(locale: string): CertificateText {
  return TEXT[locale] ?? TEXT[locale.split('-')[0] ?? ''] ?? (TEXT.en as CertificateText);
}

/** Dates in the certificate's language; Montenegrin formats as Serbian Latin. */
export function formatCertificateDate(date: Date, locale: string): string {
  const formatLocale = locale === 'cnr' ? 'sr-Latn' : locale;
  try {
    return new Intl.DateTimeFormat(formatLocale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  } catch {
    return date.toISOString().slice(0, 10);
  }
}
