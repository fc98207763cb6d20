import { labConnectUrl } from './client.js';
import { connectorState, pauseConnector, resumeConnector } from './connect.js';

/** `pnpm lab 5 run pause -- [name]` and `… run resume -- [name]`: pauses or resumes a connector (default position-sink). */
export async function main(args: string[], action: 'pause' | 'resume' = 'pause'): Promise<void> {
  const name = args[0] ?? 'position-sink';
  await (action === 'pause' ? pauseConnector : resumeConnector)(labConnectUrl(), name);
  const state = await connectorState(labConnectUrl(), name);
  console.log(`connector ${name}: ${state.connector}, tasks ${state.tasks.join(', ')}`);
}
