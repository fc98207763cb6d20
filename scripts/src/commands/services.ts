import pc from 'picocolors';
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

/** `pnpm lab down`: stops every service the tool started. Data stays until `pnpm lab N reset`. */
export async function down(options: { backend?: string }): Promise<number> {
  const backend = await selectBackend(options.backend);
  await backend.down();
  console.log(`${pc.green('✔')} services stopped (${backend.name} backend)`);
  return 0;
}

/** `pnpm lab status`: what runs, where, and where its log is. */
export async function status(options: { backend?: string }): Promise<number> {
  const backend = await selectBackend(options.backend);
  const services = await backend.status();
  console.log(pc.bold(`Services (${backend.name} backend)`));
  if (services.length === 0) console.log(pc.dim('  none'));
  for (const s of services) {
    const state = s.running ? pc.green('running') : pc.dim('stopped');
    console.log(`  ${s.service.padEnd(18)} ${state.padEnd(18)} ${s.address.padEnd(18)} ${pc.dim(s.detail ? shortPath(s.detail) : '')}`);
  }
  return 0;
}
