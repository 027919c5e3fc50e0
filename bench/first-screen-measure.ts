import type { Browser, CDPSession, Frame, Page } from 'playwright-core';

/** A mobile line as DevTools names it; kbit are 1,000 bits. */
export interface NetworkProfile {
  name: string;
  downloadKbitPerSecond: number;
  uploadKbitPerSecond: number;
  latencyMs: number;
}

export const REGULAR_3G: NetworkProfile = { name: 'Regular 3G', downloadKbitPerSecond: 750, uploadKbitPerSecond: 250, latencyMs: 100 };
export const FAST_3G: NetworkProfile = { name: 'Fast 3G', downloadKbitPerSecond: 1600, uploadKbitPerSecond: 750, latencyMs: 150 };
export const NETWORK_PROFILES: readonly NetworkProfile[] = [REGULAR_3G, FAST_3G];

/** A phone's screen: the layout a learner on a mobile line sees. */
const PHONE_VIEWPORT = { width: 360, height: 780 };
/** Longest wait for one milestone on the slowest line. */
export const MILESTONE_TIMEOUT_MS = 120_000;
/**
 * Requests the rendering of the usable screen starts (its web fonts, images) belong to it: they
 * are counted when they start this soon after it. Later ones (a module's background prefetch,
 * seconds later) are not.
 */
const RENDER_TAIL_MS = 1_000;
/** Longest wait, after the screen is usable, for the requests it started to finish. */
const SETTLE_TIMEOUT_MS = 30_000;
/** After the last response arrived, time for the final sizes of those still reading their body. */
const SETTLE_GRACE_MS = 500;

/** Moments in milliseconds since the navigation started (the top document's time origin). */
export interface Milestones {
  contentVisibleMs: number;
  usableMs: number;
}

export interface FirstScreenMeasurement extends Milestones {
  /** Received over the wire: compressed bodies and headers. */
  bytes: number;
  scriptBytes: number;
  fontBytes: number;
  requests: number;
}

interface RequestWeight {
  isScript: boolean;
  isFont: boolean;
  /** Received so far (headers and compressed body); the final size once the load finished. */
  bytes: number;
  hasResponse: boolean;
  isDone: boolean;
}

interface RequestLog {
  weights: Map<string, RequestWeight>;
  /** Set once the screen is usable: requests started later are not counted. */
  isClosed: boolean;
}

/** Opens the screen in `page` and returns when its content showed and when it became usable. */
export type OpenScreen = (page: Page) => Promise<Milestones>;

/**
 * One cold load in a fresh browser context (empty cache and storage) under the line's throttling
 * (none without a profile). Counts every request started until the screen is usable (and its
 * rendering's tail), with all it received.
 */
export async function measureFirstScreen(browser: Browser, profile: NetworkProfile | undefined, open: OpenScreen): Promise<FirstScreenMeasurement> {
  // Service workers are blocked: their fetches escape the page's throttling, and what a worker
  // caches for offline use starts after the first screen anyway.
  const context = await browser.newContext({ viewport: PHONE_VIEWPORT, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const session = await context.newCDPSession(page);
    const log = await recordRequests(session);
    if (profile !== undefined) {
      await session.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: profile.latencyMs,
        downloadThroughput: (profile.downloadKbitPerSecond * 1000) / 8,
        uploadThroughput: (profile.uploadKbitPerSecond * 1000) / 8,
      });
    }
    const milestones = await open(page);
    await page.waitForTimeout(RENDER_TAIL_MS);
    log.isClosed = true;
    await waitUntilSettled(log);
    const counted = [...log.weights.values()];
    return {
      ...milestones,
      bytes: sum(counted.map((weight) => weight.bytes)),
      scriptBytes: sum(counted.filter((weight) => weight.isScript).map((weight) => weight.bytes)),
      fontBytes: sum(counted.filter((weight) => weight.isFont).map((weight) => weight.bytes)),
      requests: counted.length,
    };
  } finally {
    await context.close();
  }
}

async function recordRequests(session: CDPSession): Promise<RequestLog> {
  const log: RequestLog = { weights: new Map(), isClosed: false };
  const update = (requestId: string, change: (weight: RequestWeight) => void) => {
    const weight = log.weights.get(requestId);
    if (weight !== undefined) change(weight);
  };
  session.on('Network.requestWillBeSent', (event) => {
    if (log.isClosed || event.request.url.startsWith('data:') || log.weights.has(event.requestId)) return;
    log.weights.set(event.requestId, { isScript: event.type === 'Script', isFont: event.type === 'Font', bytes: 0, hasResponse: false, isDone: false });
  });
  session.on('Network.responseReceived', (event) =>
    update(event.requestId, (weight) => {
      weight.isScript ||= event.response.mimeType.includes('javascript');
      weight.hasResponse = true;
      weight.bytes += event.response.encodedDataLength;
    }),
  );
  session.on('Network.dataReceived', (event) => update(event.requestId, (weight) => (weight.bytes += event.encodedDataLength)));
  session.on('Network.loadingFinished', (event) => update(event.requestId, (weight) => Object.assign(weight, { bytes: event.encodedDataLength, isDone: true })));
  session.on('Network.loadingFailed', (event) => update(event.requestId, (weight) => (weight.isDone = true)));
  await session.send('Network.enable');
  return log;
}

/**
 * Until every counted request finished or has its response. Under throttling Chromium hands
 * over a response only once its whole body has crossed the emulated line, and it never reports
 * the end of a body the page leaves unread (the answer to a fire-and-forget POST): a response
 * is as good as finished.
 */
async function waitUntilSettled(log: RequestLog): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  const isSettled = () => [...log.weights.values()].every((weight) => weight.isDone || weight.hasResponse);
  while (!isSettled() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  await new Promise((resolve) => setTimeout(resolve, SETTLE_GRACE_MS));
}

/**
 * Waits, frame by frame (requestAnimationFrame), until an element matching `selector` (and
 * containing `text`) is rendered in `frame`, and returns that moment on the clock of the page's
 * navigation, so that frames inside the page agree with it.
 */
export async function waitUntilShown(page: Page, frame: Frame, selector: string, text = ''): Promise<number> {
  const shownAt = await frame.waitForFunction(
    ([wanted, wantedText]) => {
      const isShown = [...document.querySelectorAll(wanted)].some((element) => element.checkVisibility() && (element.textContent ?? '').includes(wantedText));
      return isShown && performance.timeOrigin + performance.now();
    },
    [selector, text] as const,
    { polling: 'raf', timeout: MILESTONE_TIMEOUT_MS },
  );
  const epochMs = (await shownAt.jsonValue()) as number;
  return epochMs - (await page.evaluate(() => performance.timeOrigin));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The median of each figure over several runs. */
export function medianMeasurement(runs: readonly FirstScreenMeasurement[]): FirstScreenMeasurement {
  const of = (key: keyof FirstScreenMeasurement) => median(runs.map((run) => run[key]));
  return {
    bytes: of('bytes'),
    scriptBytes: of('scriptBytes'),
    fontBytes: of('fontBytes'),
    requests: of('requests'),
    contentVisibleMs: of('contentVisibleMs'),
    usableMs: of('usableMs'),
  };
}

export function formatFirstScreen(label: string, measurement: FirstScreenMeasurement): string {
  const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(6)} KB`;
  const milliseconds = (value: number) => `${value.toFixed(0).padStart(6)} ms`;
  return (
    `${label.padEnd(46)} ${kilobytes(measurement.bytes)}   JS ${kilobytes(measurement.scriptBytes)}   fonts ${kilobytes(measurement.fontBytes)}   ` +
    `${String(measurement.requests).padStart(3)} requests   content ${milliseconds(measurement.contentVisibleMs)}   usable ${milliseconds(measurement.usableMs)}`
  );
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
