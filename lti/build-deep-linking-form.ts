import { isHttpUrl } from './claim-readers.ts';
import { LtiError } from './errors.ts';

/**
 * The page that returns a deep linking response: a form posting `JWT` to the platform's
 * `deep_link_return_url` (Deep Linking 2.0 §4.5), submitted by script, with a button for when
 * scripts do not run. Everything interpolated is HTML-escaped: the return URL comes from the
 * platform's token and must not be able to inject markup.
 *
 * `scriptNonce` lets the caller allow the one inline script under a strict CSP.
 */
export function buildDeepLinkingFormHtml(input: { returnUrl: string; jwt: string; scriptNonce?: string; lang?: string }): string {
  // Escaping stops markup, not a `javascript:` action: only http(s) may be posted to.
  if (!isHttpUrl(input.returnUrl)) throw new LtiError('deep_linking_settings_invalid', 'return URL is not http(s)');
  const nonceAttribute = input.scriptNonce === undefined ? '' : ` nonce="${escapeHtml(input.scriptNonce)}"`;
  return `<!doctype html>
<html lang="${escapeHtml(input.lang ?? 'en')}">
<head><meta charset="utf-8"><title>Returning to the course</title></head>
<body>
<form id="lti-deep-linking-response" method="post" action="${escapeHtml(input.returnUrl)}">
<input type="hidden" name="JWT" value="${escapeHtml(input.jwt)}">
<p>Returning your selection to the course…</p>
<noscript><button type="submit">Continue</button></noscript>
</form>
<script${nonceAttribute}>document.getElementById('lti-deep-linking-response').submit();</script>
</body>
</html>
`;
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
