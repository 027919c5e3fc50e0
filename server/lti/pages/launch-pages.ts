import type { FastifyReply, FastifyRequest } from 'fastify';

import { escapeHtml } from '../../../lti/index.ts';
import { scriptValue, sendPage } from './render-page.ts';

/** A refused launch: the status the core chose, a message a learner can act on, the request id. */
export function sendLaunchRefusal(
  request: FastifyRequest,
  reply: FastifyReply,
  error: { code: string; message: string; status: number },
): FastifyReply {
  return sendPage(request, reply, error.status, {
    title: 'This activity could not be opened',
    bodyHtml: `<h1>This activity could not be opened</h1><p role="alert">${escapeHtml(error.message)}</p>
<p>If this keeps happening, tell your course administrator and give them this reference:</p>
<p class="details">Reason: <code>${escapeHtml(error.code)}</code> · Reference: <code>${escapeHtml(request.id)}</code></p>`,
  });
}

/** A BCP 47 language tag as a platform sends it (e.g. "mk-MK", "sr-Latn-RS"); anything else is dropped. */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}$/;

/**
 * The end of a launch: the page hands the web app a one-time code in the URL fragment (never
 * sent to a server, never in a log) and the app exchanges it for a session token. The launch's
 * language travels beside it, so the app loads the right messages at once instead of the
 * browser's first.
 */
export function sendHandoff(request: FastifyRequest, reply: FastifyReply, code: string, locale?: string): FastifyReply {
  const language = locale !== undefined && LANGUAGE_TAG.test(locale) ? `&locale=${encodeURIComponent(locale)}` : '';
  const target = `/launch#code=${encodeURIComponent(code)}${language}`;
  return sendPage(request, reply, 200, {
    title: 'Opening the course…',
    bodyHtml: `<h1>Opening the course…</h1><p><a href="${escapeHtml(target)}">Continue</a></p>`,
    script: `location.replace(${scriptValue(target)});`,
  });
}
