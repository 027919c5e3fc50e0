import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';

import type { JWK } from 'jose';

import type { LaunchClaimsOptions } from './launch-claims.ts';
import { runLaunch, type LaunchOptions, type LaunchResult } from './launch-driver.ts';
import type { PlatformKey } from './platform-keys.ts';
import { PlatformKeys } from './platform-keys.ts';
import { PlatformState } from './platform-state.ts';
import type { AuthRequestRecord, DeepLinkReturnRecord, LineItem, Member, RegistrationRecord, Score, ScoreRecord, ServiceRequestRecord, TokenRequestRecord, ToolClient } from './records.ts';
import { runDynamicRegistration, type DynamicRegistrationOptions, type DynamicRegistrationResult } from './register-dynamically.ts';
import { createRequestListener } from './router.ts';
import { applyClaimEdits, signIdToken, tamperClaims, type LaunchTamper } from './tamper.ts';
import { ALL_SERVICE_SCOPES } from './vocabulary.ts';

export interface PlatformSimulatorOptions {
  /** Host in the issuer and every platform URL; 'localhost' makes the platform cross-site to a tool on 127.0.0.1. */
  issuerHost?: '127.0.0.1' | 'localhost';
  productFamilyCode?: 'moodle';
  clientId?: string;
  deploymentIds?: string[];
  toolUrl?: string;
  /** Lifetime of granted access tokens (short ones test the tool's cache expiry). */
  accessTokenLifetimeS?: number;
}

export interface ToolSettings {
  toolUrl: string;
  clientId?: string;
  deploymentIds?: string[];
  loginUrl?: string;
  launchUrl?: string;
  deepLinkingUrl?: string;
  redirectUris?: string[];
  jwksUrl?: string;
  scopesAllowed?: string[];
}

export interface EmbeddedLaunchOptions extends Omit<LaunchOptions, 'cookieJar' | 'presentation' | 'loginMethod' | 'storageTarget' | 'beforeLaunchPost'> {
  /** Offer LTI platform storage (`lti_storage_target=_parent`) in this launch. */
  platformStorage?: boolean;
}

/** Moodle's release this simulator answers as (the version Moodle's SameSite=Lax session arrived in). */
const MOODLE_VERSION = '4.5.11';

/** Tool URLs on the tool's origin, as this project's tool lays them out unless told otherwise. */
function toolClientOf(settings: ToolSettings, fallbackClientId: string, fallbackDeploymentIds: string[]): ToolClient {
  const base = settings.toolUrl.replace(/\/$/, '');
  const launchUrl = settings.launchUrl ?? `${base}/lti/launch`;
  return {
    clientId: settings.clientId ?? fallbackClientId,
    toolUrl: base,
    deploymentIds: settings.deploymentIds ?? fallbackDeploymentIds,
    loginUrl: settings.loginUrl ?? `${base}/lti/login`,
    launchUrl,
    deepLinkingUrl: settings.deepLinkingUrl ?? launchUrl,
    redirectUris: settings.redirectUris ?? [launchUrl],
    jwksUrl: settings.jwksUrl ?? `${base}/lti/jwks`,
    scopesAllowed: settings.scopesAllowed ?? [...ALL_SERVICE_SCOPES],
  };
}

export class PlatformSimulator {
  constructor(
    private readonly state: PlatformState,
    private readonly servers: http.Server[],
    private readonly defaults: { clientId: string; deploymentIds: string[] },
  ) {}

  get baseUrl(): string {
    return this.state.baseUrl;
  }
  get issuer(): string {
    return this.state.identity.issuer;
  }
  get endpoints(): { openidConfiguration: string; auth: string; token: string; jwks: string; registration: string } {
    const at = (path: string) => this.state.endpoint(path);
    return { openidConfiguration: at('/.well-known/openid-configuration'), auth: at('/auth'), token: at('/token'), jwks: at('/jwks'), registration: at('/registration') };
  }
  /** The tool the simulator launches (the last one set or registered). */
  get tool(): ToolClient {
    return this.state.currentTool();
  }
  get clientId(): string {
    return this.state.currentClientId ?? this.defaults.clientId;
  }
  get deploymentIds(): string[] {
    return this.state.currentClientId === undefined ? this.defaults.deploymentIds : this.state.currentTool().deploymentIds;
  }

  setTool(settings: ToolSettings): ToolClient {
    const tool = toolClientOf(settings, this.clientId, this.defaults.deploymentIds);
    this.state.tools.set(tool.clientId, tool);
    this.state.currentClientId = tool.clientId;
    return tool;
  }

  /** Spec-correct launch claims for the current tool (a fresh nonce unless given). */
  buildLaunchClaims(options: LaunchClaimsOptions = {}): Record<string, unknown> {
    return this.state.composeClaims(this.tool, { nonce: randomUUID(), ...options }, randomUUID());
  }

  /** Signs claims as the platform would, or forges them as a tamper says. */
  signIdToken(claims: Record<string, unknown>, tamper?: LaunchTamper, edits: { overrideClaims?: Record<string, unknown>; removeClaims?: string[] } = {}): Promise<string> {
    const tampered = applyClaimEdits(tamperClaims(claims, tamper, this.tool.toolUrl), edits.overrideClaims, edits.removeClaims);
    return signIdToken(tampered, this.state.keys, tamper);
  }

  launch(options: LaunchOptions = {}): Promise<LaunchResult> {
    return runLaunch(this.state, options);
  }

  /** A course page URL (`/embed?launch=…`) that launches the tool in an iframe, for Chromium. */
  prepareEmbeddedLaunch(options: EmbeddedLaunchOptions = {}): { url: string; launchId: string } {
    const { platformStorage = false, tamper, overrideClaims, removeClaims, targetLinkUri, ...claimsOptions } = options;
    const launch = this.state.createPendingLaunch({
      clientId: this.tool.clientId,
      claimsOptions,
      tamper,
      overrideClaims,
      removeClaims,
      targetLinkUri,
      storageTarget: platformStorage ? '_parent' : undefined,
    });
    return { url: this.state.endpoint(`/embed?launch=${encodeURIComponent(launch.id)}`), launchId: launch.id };
  }

  registerDynamically(options: DynamicRegistrationOptions): Promise<DynamicRegistrationResult> {
    return runDynamicRegistration(this.state, options);
  }
  issueRegistrationToken(): string {
    return this.state.issueRegistrationToken();
  }

  jwks(): { keys: JWK[] } {
    return this.state.keys.jwks();
  }
  get signingKey(): PlatformKey {
    return this.state.keys.signing;
  }
  rotateKeys(options: { keepPreviousPublished?: boolean } = {}): Promise<PlatformKey> {
    return this.state.keys.rotate(options);
  }
  publishExtraKey(): Promise<PlatformKey> {
    return this.state.keys.publishExtraKey();
  }
  get jwksRequestCount(): number {
    return this.state.jwksRequestCount;
  }

  setRoster(contextId: string, members: Member[]): void {
    this.state.rosters.set(contextId, members.map((member) => ({ ...member, roles: [...member.roles] })));
  }
  roster(contextId: string): Member[] {
    return [...(this.state.rosters.get(contextId) ?? [])];
  }
  createLineItem(contextId: string, fields: Omit<LineItem, 'id' | 'contextId'>): LineItem {
    return this.state.createLineItem(contextId, fields);
  }
  lineItems(contextId?: string): LineItem[] {
    return [...this.state.lineItems.values()].filter((item) => contextId === undefined || item.contextId === contextId);
  }
  /** Every score the tool posted, accepted or ignored as older. */
  scores(): ScoreRecord[] {
    return this.state.scoreRecords.list();
  }
  /** The gradebook's current result for a user on a line item. */
  currentScore(lineItemId: string, userId: string): Score | undefined {
    return this.state.results.get(lineItemId)?.get(userId);
  }
  deepLinkReturns(): DeepLinkReturnRecord[] {
    return this.state.deepLinkReturns.list();
  }
  /** Content items of accepted deep linking responses, in order. */
  deepLinkItems(): unknown[] {
    return this.deepLinkReturns().filter((record) => record.accepted).flatMap((record) => record.contentItems);
  }
  tokenRequests(): TokenRequestRecord[] {
    return this.state.tokenRequests.list();
  }
  authRequests(): AuthRequestRecord[] {
    return this.state.authRequests.list();
  }
  registrations(): RegistrationRecord[] {
    return this.state.registrations.list();
  }
  /** AGS and NRPS requests with their status and problems. */
  serviceRequests(): ServiceRequestRecord[] {
    return this.state.serviceRequests.list();
  }
  setAccessTokenLifetime(seconds: number): void {
    this.state.accessTokenLifetimeS = seconds;
  }
  /** Forget granted access tokens (the tool must then ask again after a 401). */
  revokeAccessTokens(): void {
    this.state.accessTokens.clear();
  }

  async close(): Promise<void> {
    await Promise.all(
      this.servers.map((server) => {
        server.closeAllConnections();
        return new Promise<void>((resolve) => server.close(() => resolve()));
      }),
    );
  }
}

/** Listens on 127.0.0.1 (port 0); for a `localhost` issuer also on [::1] at the same port, as browsers may try either. */
async function listen(listener: http.RequestListener): Promise<{ servers: http.Server[]; port: number }> {
  const primary = http.createServer(listener);
  primary.listen(0, '127.0.0.1');
  await once(primary, 'listening');
  const address = primary.address();
  if (address === null || typeof address === 'string') throw new Error('the simulator has no port');
  const servers = [primary];
  const secondary = http.createServer(listener);
  try {
    secondary.listen(address.port, '::1');
    await once(secondary, 'listening');
    servers.push(secondary);
  } catch {
    // No IPv6 loopback here: localhost resolves to 127.0.0.1 alone.
  }
  return { servers, port: address.port };
}

export async function startPlatformSimulator(options: PlatformSimulatorOptions = {}): Promise<PlatformSimulator> {
  const keys = await PlatformKeys.generate();
  let state: PlatformState | undefined;
  const { servers, port } = await listen((request, response) => {
    if (state === undefined) return void response.writeHead(503).end();
    createRequestListener(state)(request, response);
  });
  const baseUrl = `http://${options.issuerHost ?? '127.0.0.1'}:${port}`;
  state = new PlatformState(
    { issuer: baseUrl, baseUrl, guid: randomUUID(), name: 'Simulated Moodle', version: MOODLE_VERSION, productFamilyCode: options.productFamilyCode ?? 'moodle' },
    keys,
  );
  if (options.accessTokenLifetimeS !== undefined) state.accessTokenLifetimeS = options.accessTokenLifetimeS;
  const defaults = { clientId: options.clientId ?? `moodle-${randomBytes(5).toString('hex')}`, deploymentIds: options.deploymentIds ?? ['1'] };
  const simulator = new PlatformSimulator(state, servers, defaults);
  if (options.toolUrl !== undefined) simulator.setTool({ toolUrl: options.toolUrl });
  return simulator;
}
