import type { FastifyInstance, FastifyRequest } from 'fastify';

import { AppError } from '../../errors.ts';
import type { LaunchSession } from '../../session/launch-session.ts';
import { authenticateLrsCredential, type LrsScope } from './lrs-credentials.ts';

/** Who calls the LRS, and what they may do. */
export interface XapiCaller {
  kind: 'credential' | 'session';
  /** Statements and documents are scoped to this organisation; undefined: tool-wide. */
  organisationId: string | undefined;
  credentialId: string | undefined;
  scopes: ReadonlySet<LrsScope>;
  /** The `authority` the LRS sets on statements this caller stores (xAPI Data §2.4.9). */
  authority: Record<string, unknown>;
  /** A launch session may only act for its own learner and registration. */
  session: LaunchSession | undefined;
}

const BASIC_PREFIX = 'Basic ';
const BEARER_PREFIX = 'Bearer ';

/**
 * Authenticates an xAPI request (xAPI Communication §4): Basic credentials created by a tool
 * administrator, or the web app's session token. Anything else is 401 with a Basic challenge.
 */
export async function resolveXapiCaller(app: FastifyInstance, request: FastifyRequest): Promise<XapiCaller> {
  const header = request.headers.authorization ?? '';
  if (header.startsWith(BEARER_PREFIX)) {
    const session = await request.requireSession();
    return {
      kind: 'session',
      organisationId: session.organisationId,
      credentialId: undefined,
      scopes: new Set<LrsScope>(['statements/write', 'statements/read/mine', 'state']),
      authority: { objectType: 'Agent', name: 'e-Academy course player', account: { homePage: app.config.publicUrl, name: 'course-player' } },
      session,
    };
  }
  if (header.startsWith(BASIC_PREFIX)) {
    const decoded = Buffer.from(header.slice(BASIC_PREFIX.length).trim(), 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    const credential = separator < 1 ? undefined : await authenticateLrsCredential(app.db, decoded.slice(0, separator), decoded.slice(separator + 1));
    if (credential !== undefined) {
      return {
        kind: 'credential',
        organisationId: credential.organisationId ?? undefined,
        credentialId: credential.id,
        scopes: new Set(credential.scopes),
        authority: { objectType: 'Agent', name: credential.name, account: { homePage: app.config.publicUrl, name: `lrs-credential/${credential.key}` } },
        session: undefined,
      };
    }
  }
  throw new AppError('unauthenticated', 'The LRS needs valid credentials (HTTP Basic) or a session token.', { challenge: 'Basic realm="xAPI"' });
}

/** Whether the caller holds one of the scopes (`all` includes everything, `all/read` every read). */
export function hasScope(caller: XapiCaller, scope: LrsScope, isRead = false): boolean {
  return caller.scopes.has('all') || caller.scopes.has(scope) || (isRead && caller.scopes.has('all/read'));
}

export function requireScope(caller: XapiCaller, scope: LrsScope, isRead = false): void {
  if (!hasScope(caller, scope, isRead)) throw new AppError('forbidden', `These credentials lack the "${scope}" scope.`);
}
