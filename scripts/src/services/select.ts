import { UserError } from '../cli/errors.js';
import { BACKEND_NAMES, type Backend, type BackendName } from './backend.js';
import { DockerBackend, dockerEngineAnswers } from './docker/index.js';
import { ExternalBackend } from './external/index.js';
import { LocalBackend } from './local/index.js';

/** `--backend` wins, then LAB_BACKEND, then docker when an engine answers, else local. */
export async function selectBackend(requested = process.env.LAB_BACKEND): Promise<Backend> {
  const name = requested ? parseBackendName(requested) : (await dockerEngineAnswers()) ? 'docker' : 'local';
  return createBackend(name);
}

export function parseBackendName(name: string): BackendName {
  if (!(BACKEND_NAMES as readonly string[]).includes(name)) {
    throw new UserError(`unknown backend "${name}": use one of ${BACKEND_NAMES.join(', ')}`);
  }
  return name as BackendName;
}

export function createBackend(name: BackendName): Backend {
  switch (name) {
    case 'docker': return new DockerBackend();
    case 'local': return new LocalBackend();
    case 'external': return new ExternalBackend();
  }
}
