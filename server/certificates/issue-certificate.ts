import { randomInt } from 'node:crypto';

import { and, eq, isNull } from 'drizzle-orm';

import { inlineToPlain } from '../../courses/compiler/units.ts';
import { readCourseInLocale, readSourceCourse } from '../courses/read-catalogue.ts';
import type { Database } from '../db/index.ts';
import { certificates } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { LaunchSession } from '../session/launch-session.ts';
import { CERTIFICATE_LOCALES } from './certificate-text.ts';
import { isCourseCompleted } from './course-completion.ts';

/** Codes avoid letters that read alike (0/O, 1/I/L); 12 characters of 31 give about 59 bits. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 12;

export type Certificate = typeof certificates.$inferSelect;

function generateCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

/**
 * Issues the certificate of a course the learner has completed (once per learner and course; a
 * second request returns the first certificate). The name is the one the LMS gave at launch.
 */
export async function issueCertificate(
  db: Database,
  input: { session: LaunchSession; courseId: string; locale: string; contentDirectory: string },
): Promise<Certificate> {
  if (input.session.name === undefined) {
    throw new AppError('conflict', 'Your LMS does not share your name with this tool, so a certificate cannot carry it. Ask your LMS administrator to share names.');
  }
  const existing = await db.select().from(certificates).where(and(eq(certificates.learnerId, input.session.sub), eq(certificates.courseId, input.courseId), isNull(certificates.revokedAt))).limit(1);
  if (existing[0] !== undefined) return existing[0];
  const course = await readSourceCourse(input.courseId, input.contentDirectory);
  const locale = CERTIFICATE_LOCALES.includes(input.locale) ? input.locale : 'en';
  // The title in the certificate's language when the course has it, else in its source language.
  const localized = course.locales.includes(locale) ? await readCourseInLocale(course.id, locale, input.contentDirectory) : undefined;
  if (!(await isCourseCompleted(db, input.session.sub, course))) {
    throw new AppError('conflict', 'The certificate is available once every module of the course is completed and its quiz passed.');
  }
  const [certificate] = await db
    .insert(certificates)
    .values({
      code: generateCode(),
      learnerId: input.session.sub,
      courseId: course.id,
      courseVersion: course.version,
      courseTitle: inlineToPlain((localized ?? course).title.content),
      learnerName: input.session.name,
      locale,
      organisationId: input.session.organisationId ?? null,
    })
    .onConflictDoNothing()
    .returning();
  if (certificate !== undefined) return certificate;
  const raced = await db.select().from(certificates).where(and(eq(certificates.learnerId, input.session.sub), eq(certificates.courseId, input.courseId))).limit(1);
  if (raced[0] === undefined) throw new Error('certificate neither inserted nor found');
  return raced[0];
}

export async function findCertificate(db: Database, code: string): Promise<Certificate | undefined> {
  if (!new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`).test(code)) return undefined;
  const rows = await db.select().from(certificates).where(eq(certificates.code, code)).limit(1);
  return rows[0];
}
