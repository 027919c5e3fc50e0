import { randomBytes } from 'node:crypto';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { escapeHtml } from '../../../lti/index.ts';

export interface PageInput {
  title: string;
  /** Trusted HTML: every interpolated value must already be escaped. */
  bodyHtml: string;
  /** Script body, run with this page's nonce. */
  script?: string;
  lang?: string;
  /** Extra origins this page may submit forms to (e.g. a platform's return URL). */
  formActionOrigins?: string[];
}

const PAGE_STYLE = `body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;line-height:1.5;margin:0;padding:1.5rem;color:#1b1f24;background:#fff}
main{max-inline-size:40rem}h1{font-size:1.4rem}.details{color:#4a5360;font-size:.9rem}
button{font:inherit;padding:.5rem 1rem;border:2px solid #0b5394;border-radius:.375rem;background:#0b5394;color:#fff;min-block-size:2.75rem;cursor:pointer}
:focus-visible{outline:3px solid #c75000;outline-offset:2px}`;

/**
 * The few pages the server renders itself (launch refusals, hand-offs, platform storage steps):
 * self-contained, no external assets, scripts only with a per-response nonce.
 */
export function sendPage(request: FastifyRequest, reply: FastifyReply, status: number, page: PageInput): FastifyReply {
  const nonce = randomBytes(16).toString('base64');
  const formAction = ["'self'", ...(page.formActionOrigins ?? [])].join(' ');
  reply.header(
    'content-security-policy',
    `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src 'self'; connect-src 'self'; ` +
      `form-action ${formAction}; base-uri 'none'; frame-ancestors ${request.frameAncestors}`,
  );
  reply.header('cache-control', 'no-store');
  const script = page.script === undefined ? '' : `<script nonce="${nonce}">${page.script}</script>`;
  const html = `<!doctype html><html lang="${escapeHtml(page.lang ?? 'en')}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(page.title)}</title>
<style nonce="${nonce}">${PAGE_STYLE}</style></head><body><main>${page.bodyHtml}</main>${script}</body></html>`;
  return reply.status(status).type('text/html; charset=utf-8').send(html);
}

/** A JSON value safe to embed in an inline script (no `</script>` break-out). */
export function scriptValue(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
