import pc from 'picocolors';
import { UserError } from '../cli/errors.js';
import { loadLab } from '../course/load-lab.js';
import type { ServiceName } from '../course/lab-meta.js';
import { shortPath } from '../paths.js';
import { selectBackend } from '../services/select.js';
import { describeEndpoints, startServices } from '../services/start.js';

/** `pnpm lab up [N]`: starts the services of lab N (Kafka alone without N) and leaves them running. */
export async function up(number: string | undefined, options: { backend?: string }): Promise<number> {
  const services: ServiceName[] = number ? (await loadLab(number)).services : ['kafka'];
  const { endpoints } = await startServices(services, options.backend);
  for (const line of describeEndpoints(endpoints)) console.log(`  ${line}`);
  console.log(pc.dim('  stop them with `pnpm lab down`'));
  return 0;
}

/** `pnpm lab down`: stops every service the tool started. Data stays until `pnpm lab N reset`, or `--wipe`. */
export async function down(options: { backend?: string; wipe?: boolean }): Promise<number> {
  const backend = await selectBackend(options.backend);
  await backend.down({ wipe: options.wipe });
  console.log(`${pc.green('✔')} services stopped (${backend.name} backend)${options.wipe ? ', their data deleted' : ''}`);
  return 0;
}

/** `pnpm lab stop-broker 1` / `start-broker 1`: the fault injection of the checks, by hand. */
export async function toggleBroker(action: 'stop-broker' | 'start-broker', id: string | undefined, options: { backend?: string }): Promise<number> {
  if (!id || !/^\d+$/.test(id)) throw new UserError(`which broker? \`pnpm lab ${action} <id>\`, with an id from \`pnpm lab status\``);
  const backend = await selectBackend(options.backend);
  if (action === 'stop-broker') await backend.stopBroker(Number(id));
  else await backend.startBroker(Number(id));
  console.log(`${pc.green('✔')} broker ${id} ${action === 'stop-broker' ? 'stopped: start it again with `pnpm lab start-broker ' + id + '`' : 'running again'}`);
  return 0;
}

/** `pnpm lab status`: what runs, where, and where its log is. */
export async function status(options: { backend?: string }): Promise<number> {
  const backend = await selectBackend(options.backend);
  const services = await backend.status();
  console.log(pc.bold(`Services (${backend.name} backend)`));
  if (services.length === 0) console.log(pc.dim('  none'));
  for (const s of services) {
    const state = s.running ? `running${s.pid ? ` (pid ${s.pid})` : ''}` : 'stopped';
    console.log(`  ${s.service.padEnd(18)} ${(s.running ? pc.green : pc.dim)(state.padEnd(22))} ${s.address.padEnd(23)} ${pc.dim(s.detail ? shortPath(s.detail) : '')}`);
  }
  return 0;
}
