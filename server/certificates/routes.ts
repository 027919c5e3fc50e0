import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';

import { AppError } from '../errors.ts';
import { findCertificate, issueCertificate, type Certificate } from './issue-certificate.ts';
import { renderCertificate } from './render-certificate.ts';

const IssueBody = Type.Object(
  { courseId: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }), locale: Type.String({ minLength: 2, maxLength: 16 }) },
  { additionalProperties: false },
);
const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 32 }) });

function publicView(certificate: Certificate, publicUrl: string) {
  return {
    code: certificate.code,
    isValid: certificate.revokedAt === null,
    learnerName: certificate.learnerName,
    courseTitle: certificate.courseTitle,
    courseVersion: certificate.courseVersion,
    issuedAt: certificate.issuedAt.toISOString(),
    locale: certificate.locale,
    verifyUrl: `${publicUrl}/verify/${certificate.code}`,
    pdfUrl: `${publicUrl}/api/certificates/${certificate.code}/pdf`,
  };
}

/**
 * Certificates of completion: a learner asks for one when the course is complete; anyone with
 * the code can verify it (the code is printed on the PDF, with a QR code to the verification page).
 */
export default async function certificateRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['certificates'];

  app.post<{ Body: Static<typeof IssueBody> }>(
    '/api/certificates',
    { schema: { tags, summary: 'Issue (or fetch) the certificate of a completed course', security: [{ bearer: [] }], body: IssueBody } },
    async (request, reply) => {
      const session = await request.requireSession(['learner', 'trainer', 'staff']);
      const certificate = await issueCertificate(app.db, { session, courseId: request.body.courseId, locale: request.body.locale, contentDirectory: app.contentDirectory });
      return reply.status(201).send(publicView(certificate, app.config.publicUrl));
    },
  );

  app.get<{ Params: Static<typeof CodeParams> }>(
    '/api/certificates/:code',
    { schema: { tags, summary: 'Verify a certificate by its code', params: CodeParams } },
    async (request) => {
      const certificate = await findCertificate(app.db, request.params.code.toUpperCase());
      if (certificate === undefined) throw new AppError('not_found', 'No certificate has this code. Check the code on the certificate.');
      return publicView(certificate, app.config.publicUrl);
    },
  );

  app.get<{ Params: Static<typeof CodeParams> }>(
    '/api/certificates/:code/pdf',
    { schema: { tags, summary: 'The certificate as a PDF', params: CodeParams } },
    async (request, reply) => {
      const certificate = await findCertificate(app.db, request.params.code.toUpperCase());
      if (certificate === undefined || certificate.revokedAt !== null) throw new AppError('not_found', 'No valid certificate has this code.');
      const pdf = await renderCertificate({
        code: certificate.code,
        learnerName: certificate.learnerName,
        courseTitle: certificate.courseTitle,
        issuedAt: certificate.issuedAt,
        locale: certificate.locale,
        verifyUrl: `${app.config.publicUrl}/verify/${certificate.code}`,
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="certificate-${certificate.code}.pdf"`)
        .header('cache-control', 'private, max-age=3600')
        .send(Buffer.from(pdf));
    },
  );
}
