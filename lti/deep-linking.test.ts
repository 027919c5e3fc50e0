import { jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDeepLinkingFormHtml } from './build-deep-linking-form.ts';
import { LTI_CLAIM } from './launch-claims.ts';
import type { DeepLinkingSettings } from './map-launch-claims.ts';
import { DEEP_LINKING_RESPONSE_LIFETIME_SECONDS, signDeepLinkingResponse } from './sign-deep-linking-response.ts';
import type { DeepLinkingResponseInput } from './sign-deep-linking-response.ts';
import { generateToolKey } from './tool-keys.ts';
import type { ToolKey } from './tool-keys.ts';

const TOOL_ORIGIN = 'https://tool.example.org';
const NOW_SECONDS = 1_900_000_000;
let toolKey: ToolKey;

beforeAll(async () => {
  toolKey = await generateToolKey();
});

function settings(overrides: Partial<DeepLinkingSettings> = {}): DeepLinkingSettings {
  return {
    returnUrl: 'https://moodle.example.org/mod/lti/contentitem_return.php?course=9',
    acceptTypes: ['ltiResourceLink'],
    acceptPresentationDocumentTargets: ['iframe', 'window'],
    acceptMediaTypes: undefined,
    isMultipleAccepted: true,
    isLineItemAccepted: true,
    isAutoCreate: false,
    title: undefined,
    text: undefined,
    data: 'csrftoken:c7fbba78-7b75-46e3-9201-11e6d5f36f53',
    ...overrides,
  };
}

function input(overrides: Partial<DeepLinkingResponseInput> = {}): DeepLinkingResponseInput {
  return {
    clientId: 'client-123',
    platformIssuer: 'https://moodle.example.org',
    deploymentId: 'deployment-1',
    settings: settings(),
    items: [
      {
        title: 'Social mapping — module 2',
        text: 'Mapping who is left behind',
        url: `${TOOL_ORIGIN}/lti/launch`,
        custom: { course: 'social-mapping', module: 'm2' },
        lineItem: { scoreMaximum: 100, label: 'Module 2 quiz', resourceId: 'social-mapping/m2', tag: 'quiz' },
      },
    ],
    toolOrigin: TOOL_ORIGIN,
    key: toolKey,
    nowMs: NOW_SECONDS * 1000,
    ...overrides,
  };
}

describe('signDeepLinkingResponse', () => {
  it('signs an LtiDeepLinkingResponse that verifies with the tool public key and carries every claim', async () => {
    const jwt = await signDeepLinkingResponse(input());
    const { payload, protectedHeader } = await jwtVerify(jwt, toolKey.publicJwk, {
      algorithms: ['RS256'],
      issuer: 'client-123',
      audience: 'https://moodle.example.org',
      currentDate: new Date(NOW_SECONDS * 1000),
    });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: toolKey.kid });
    expect(payload.iat).toBe(NOW_SECONDS);
    expect(payload.exp).toBe(NOW_SECONDS + DEEP_LINKING_RESPONSE_LIFETIME_SECONDS);
    expect(typeof payload.nonce).toBe('string');
    expect(payload[LTI_CLAIM.deploymentId]).toBe('deployment-1');
    expect(payload[LTI_CLAIM.messageType]).toBe('LtiDeepLinkingResponse');
    expect(payload[LTI_CLAIM.version]).toBe('1.3.0');
    expect(payload[LTI_CLAIM.deepLinkingData]).toBe('csrftoken:c7fbba78-7b75-46e3-9201-11e6d5f36f53');
    expect(payload[LTI_CLAIM.deepLinkingContentItems]).toEqual([
      {
        type: 'ltiResourceLink',
        title: 'Social mapping — module 2',
        text: 'Mapping who is left behind',
        url: `${TOOL_ORIGIN}/lti/launch`,
        custom: { course: 'social-mapping', module: 'm2' },
        lineItem: { scoreMaximum: 100, label: 'Module 2 quiz', resourceId: 'social-mapping/m2', tag: 'quiz' },
      },
    ]);
  });

  it('omits data when the request had none, and the line item when the platform does not accept one', async () => {
    const jwt = await signDeepLinkingResponse(input({ settings: settings({ data: undefined, isLineItemAccepted: false }) }));
    const { payload } = await jwtVerify(jwt, toolKey.publicJwk, { currentDate: new Date(NOW_SECONDS * 1000) });
    expect(LTI_CLAIM.deepLinkingData in payload).toBe(false);
    const [item] = payload[LTI_CLAIM.deepLinkingContentItems] as Record<string, unknown>[];
    expect(item?.lineItem).toBeUndefined();
  });

  it('returns an empty selection when nothing was picked (a cancel)', async () => {
    const { payload } = await jwtVerify(await signDeepLinkingResponse(input({ items: [] })), toolKey.publicJwk, { currentDate: new Date(NOW_SECONDS * 1000) });
    expect(payload[LTI_CLAIM.deepLinkingContentItems]).toEqual([]);
  });

  it('refuses items the platform cannot take', async () => {
    const item = input().items[0]!;
    const refuse = (overrides: Partial<DeepLinkingResponseInput>) => expect(signDeepLinkingResponse(input(overrides))).rejects.toMatchObject({ code: 'content_items_invalid' });
    await refuse({ items: [item, item], settings: settings({ isMultipleAccepted: false }) });
    await refuse({ settings: settings({ acceptTypes: ['file'] }) });
    await refuse({ items: [{ ...item, url: 'https://evil.example.org/x' }] });
    await refuse({ items: [{ ...item, title: '' }] });
    await refuse({ items: [{ ...item, lineItem: { scoreMaximum: 0, label: 'x' } }] });
  });
});

describe('buildDeepLinkingFormHtml', () => {
  it('posts the JWT to the return URL, escaping everything', () => {
    const html = buildDeepLinkingFormHtml({ returnUrl: 'https://lms.example.org/return?a=1&b="><script>x</script>', jwt: 'a.b.c', scriptNonce: 'n0nce' });
    expect(html).toContain('action="https://lms.example.org/return?a=1&amp;b=&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(html).toContain('<input type="hidden" name="JWT" value="a.b.c">');
    expect(html).toContain('<script nonce="n0nce">');
    expect(html).not.toContain('<script>x');
    expect(html).toContain('method="post"');
  });

  it('refuses a return URL that is not http(s)', () => {
    expect(() => buildDeepLinkingFormHtml({ returnUrl: 'javascript:alert(1)', jwt: 'a.b.c' })).toThrow(expect.objectContaining({ code: 'deep_linking_settings_invalid' }));
  });
});
