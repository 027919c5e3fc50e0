import { ROLE, startPlatformSimulator, type PlatformSimulator } from '../tests/platform-simulator/index.ts';
import { measureConcurrent, type Measurement } from './measure.ts';

export const LAUNCH_CLIENTS = 8;
const WARM_UP_LAUNCHES = 40;

/**
 * Full LTI launches over real HTTP against a running tool: OIDC login (state and nonce written),
 * the platform's authorisation step, and the launch (RS256 verification, state consumed, nonce
 * recorded, user, context, link and enrolment upserted, hand-off created). The simulated platform
 * (which signs every id_token) runs in this process, the tool in its own.
 */
export async function benchmarkLaunches(toolUrl: string, total: number): Promise<Measurement> {
  const simulator = await startPlatformSimulator({ issuerHost: 'localhost', toolUrl });
  try {
    const registration = await simulator.registerDynamically({ toolRegisterUrl: `${toolUrl}/lti/register` });
    if (registration.response.status !== 200) throw new Error(`dynamic registration failed: ${registration.response.status}`);
    await measureConcurrent({ total: WARM_UP_LAUNCHES, concurrency: LAUNCH_CLIENTS, run: (index) => launchOnce(simulator, index) });
    return await measureConcurrent({ total, concurrency: LAUNCH_CLIENTS, run: (index) => launchOnce(simulator, index) });
  } finally {
    await simulator.close();
  }
}

async function launchOnce(simulator: PlatformSimulator, index: number): Promise<boolean> {
  const result = await simulator.launch({
    roles: [ROLE.learner],
    user: { id: `bench-user-${index % 500}`, name: `Learner ${index % 500}` },
    resourceLink: { id: `bench-link-${index % 20}`, title: 'Benchmark activity' },
  });
  return result.status === 200 && result.body.includes('/launch#code=');
}
