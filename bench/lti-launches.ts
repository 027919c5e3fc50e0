import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';

import { ROLE, startPlatformSimulator, type PlatformSimulator } from '../tests/platform-simulator/index.ts';
import { measureConcurrent, type Measurement } from './measure.ts';

export const LAUNCH_CLIENTS = 8;
/**
 * Launches before the measured ones: a running tool has its hot paths compiled by V8's optimising
 * compiler, which takes a few thousand launches (the first thousand run at about two thirds of
 * the speed); the cold figure is printed apart.
 */
export const WARM_UP_LAUNCHES = Number(process.env.BENCH_WARM_UP_LAUNCHES ?? 2000);
/**
 * Each client is a learner's browser on its own loopback address (127.0.0.10 to 127.0.0.17), as
 * learners' machines are: the tool limits logins and launches per address and minute.
 */
const CLIENT_ADDRESS_BASE = 10;
/** USER_HZ of Linux's /proc accounting (100 on every mainstream build). */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * Full LTI launches over real HTTP against a running tool: OIDC login (platform read, state sealed),
 * the platform's authorisation step, and the launch (RS256 verification, state consumed, nonce
 * recorded, user, context, link and enrolment upserted, hand-off created). The simulated platform
 * (which checks the authentication request and signs every id_token) runs in this process, the
 * tool in its own; the platform authorises without serving its /auth page to itself over HTTP,
 * which in production happens on the LMS's machine, not on the tool's cores.
 *
 * The warm-up launches are measured too: they are what a tool just started serves.
 */
export async function benchmarkLaunches(toolUrl: string, total: number, toolPid?: number): Promise<{ measurement: Measurement; coldStart: Measurement; cpu: LaunchCpu }> {
  await checkClientAddresses();
  const simulator = await startPlatformSimulator({ issuerHost: 'localhost', toolUrl });
  try {
    const registration = await simulator.registerDynamically({ toolRegisterUrl: `${toolUrl}/lti/register` });
    if (registration.response.status !== 200) throw new Error(`dynamic registration failed: ${registration.response.status}`);
    const coldStart = await measureConcurrent({ total: WARM_UP_LAUNCHES, concurrency: LAUNCH_CLIENTS, run: (index) => launchOnce(simulator, index) });
    const toolCpuBeforeMs = readProcessCpuMs(toolPid);
    const ownCpuBefore = process.cpuUsage();
    const measurement = await measureConcurrent({ total, concurrency: LAUNCH_CLIENTS, run: (index) => launchOnce(simulator, index) });
    const ownCpu = process.cpuUsage(ownCpuBefore);
    const toolCpuAfterMs = readProcessCpuMs(toolPid);
    const toolMs = toolCpuBeforeMs === undefined || toolCpuAfterMs === undefined ? undefined : (toolCpuAfterMs - toolCpuBeforeMs) / total;
    return { measurement, coldStart, cpu: { toolMs, simulatorMs: (ownCpu.user + ownCpu.system) / 1000 / total } };
  } finally {
    await simulator.close();
  }
}

function clientAddress(index: number): string {
  return `127.0.0.${CLIENT_ADDRESS_BASE + (index % LAUNCH_CLIENTS)}`;
}

/** Linux routes all of 127.0.0.0/8 to the loopback interface; other systems may need aliases. */
async function checkClientAddresses(): Promise<void> {
  for (let client = 0; client < LAUNCH_CLIENTS; client += 1) {
    const address = clientAddress(client);
    const server = net.createServer();
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, address, () => resolve());
      });
    } catch {
      throw new Error(`the launch benchmark's clients need the loopback address ${address} (on macOS: sudo ifconfig lo0 alias ${address} up)`);
    } finally {
      server.close();
    }
  }
}

/**
 * CPU time per launch on each side of the benchmark: on a 2-core machine the simulated platform
 * (which signs every id_token with RS256) and the HTTP clients compete with the tool for the cores.
 */
export interface LaunchCpu {
  /** Undefined where the tool's CPU time cannot be read (no /proc). */
  toolMs: number | undefined;
  simulatorMs: number;
}

export function formatCpuMs(milliseconds: number | undefined): string {
  return milliseconds === undefined ? 'n/a' : `${milliseconds.toFixed(2)} ms`;
}

/** User + system CPU time of a process from /proc/<pid>/stat (Linux), in milliseconds. */
function readProcessCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined || os.platform() !== 'linux') return undefined;
  try {
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

async function launchOnce(simulator: PlatformSimulator, index: number): Promise<boolean> {
  const result = await simulator.launch({
    roles: [ROLE.learner],
    user: { id: `bench-user-${index % 500}`, name: `Learner ${index % 500}` },
    resourceLink: { id: `bench-link-${index % 20}`, title: 'Benchmark activity' },
    authorisation: 'in-process',
    browserAddress: clientAddress(index),
  });
  return result.status === 200 && result.body.includes('/launch#code=');
}
