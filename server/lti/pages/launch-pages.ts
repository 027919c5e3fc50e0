import type { FastifyReply, FastifyRequest } from 'fastify';

import { escapeHtml } from '../../../lti/index.ts';
import { pageLocaleOf, pageText, refusalAdviceOf, refusalRemedyOf } from './page-text.ts';
import { scriptValue, sendPage } from './render-page.ts';

/**
 * A refused launch: the status the core chose; in the learner's language what they can do about
 * it; the code, the request id and the precise reason (in English) for their administrator.
 */
export function sendLaunchRefusal(
  request: FastifyRequest,
  reply: FastifyReply,
  error: { code: string; message: string; status: number },
): FastifyReply {
  const locale = pageLocaleOf(request);
  const text = pageText(locale);
  // The setup advice already sends the learner to the administrator.
  const help = refusalRemedyOf(error.code) === 'setup' ? '' : `<p>${escapeHtml(text.refusalHelp)}</p>`;
  return sendPage(request, reply, error.status, {
    lang: locale,
    title: text.refusalTitle,
    bodyHtml: `<h1>${escapeHtml(text.refusalTitle)}</h1><p role="alert">${escapeHtml(refusalAdviceOf(error.code, text))}</p>
${help}
<p class="details">${escapeHtml(text.reasonLabel)}: <code>${escapeHtml(error.code)}</code> · ${escapeHtml(text.referenceLabel)}: <code>${escapeHtml(request.id)}</code></p>
<p class="details">${escapeHtml(text.detailsLabel)}: <span lang="en">${escapeHtml(error.message)}</span></p>`,
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
  const pageLocale = pageLocaleOf(request, locale);
  const text = pageText(pageLocale);
  return sendPage(request, reply, 200, {
    lang: pageLocale,
    title: text.opening,
    bodyHtml: `<h1>${escapeHtml(text.opening)}</h1><p><a href="${escapeHtml(target)}">${escapeHtml(text.continueLink)}</a></p>`,
    script: `location.replace(${scriptValue(target)});`,
  });
}
