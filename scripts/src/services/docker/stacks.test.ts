import fs from 'node:fs';
import path from 'node:path';
import { Wait } from 'testcontainers';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EnvironmentError } from '../../cli/errors.js';
import { SERVICE_NAMES } from '../../course/lab-meta.js';
import { dockerDir } from '../../paths.js';
import { DockerBackend } from './index.js';
import { composeEnvironment, composeFile, STACKS } from './stacks.js';

const containersOf = (file: string) => Object.entries((parse(fs.readFileSync(path.join(dockerDir, file), 'utf8'), { merge: true }) as { services: Record<string, { container_name?: string; healthcheck?: unknown }> }).services);

// No Docker engine runs where the tests run: what can be checked without one is.
describe('the docker backend on testcontainers', () => {
  it('has a stack for every service a lab can ask for (workshop 9\'s secured cluster has docker/secure, started apart)', () => {
    expect(Object.keys(STACKS).sort()).toEqual(SERVICE_NAMES.filter((s) => s !== 'secure').sort());
    expect(fs.existsSync(path.join(dockerDir, 'secure', 'compose.yaml'))).toBe(true);
  });

  it.each(Object.entries(STACKS))('%s: declares how every container of its compose file is ready', (_, stack) => {
    const containers = containersOf(composeFile(stack));
    expect(containers.map(([service, c]) => c.container_name ?? service).sort()).toEqual(Object.keys(stack.readiness).sort());
    for (const [service, container] of containers) {
      // A health check in the compose file is what the wait strategy waits for.
      if (container.healthcheck) expect(stack.readiness[container.container_name ?? service]!(Wait).constructor.name, service).toBe('HealthCheckWaitStrategy');
    }
  });

  it('builds one compose environment for the stacks the services need', async () => {
    await expect(composeEnvironment(['kafka', 'postgres'])).resolves.toBeDefined();
  });

  it('without an engine: one clear environment error that names the local backend', async () => {
    const error = await new DockerBackend().up(['kafka'], () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnvironmentError);
    expect((error as Error).message).toMatch(/no Docker engine answers .*use --backend local/);
  });
});
