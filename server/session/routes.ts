import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';

import { AppError } from '../errors.ts';
import { redeemHandoff } from './launch-handoffs.ts';

const ExchangeBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
const SessionAnswer = Type.Object({
  token: Type.String(),
  expiresAt: Type.String(),
  session: Type.Record(Type.String(), Type.Unknown()),
});

export default async function sessionRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: Static<typeof ExchangeBody> }>(
    '/api/session',
    { schema: { tags: ['session'], summary: 'Exchange the one-time launch code for a session token', body: ExchangeBody, response: { 200: SessionAnswer } } },
    async (request) => {
      const session = await redeemHandoff(app.db, request.body.code);
      if (session === undefined) throw new AppError('unauthenticated', 'This launch link has expired or was already used. Open the activity again from your course.');
      return { ...(await app.signSession(session)), session: { ...session } };
    },
  );

  app.post(
    '/api/session/refresh',
    { schema: { tags: ['session'], summary: 'A fresh session token for a valid one', security: [{ bearer: [] }], response: { 200: SessionAnswer } } },
    async (request) => {
      const session = await request.requireSession();
      return { ...(await app.signSession(session)), session: { ...session } };
    },
  );
}
