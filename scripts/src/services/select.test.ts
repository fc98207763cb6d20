import { describe, expect, it } from 'vitest';
import { UserError } from '../cli/errors.js';
import { ExternalBackend } from './external/index.js';
import { selectBackend } from './select.js';

describe('backend selection', () => {
  it('takes the backend asked for', async () => {
    expect((await selectBackend('local')).name).toBe('local');
    expect((await selectBackend('docker')).name).toBe('docker');
    expect((await selectBackend('external')).name).toBe('external');
  });

  it('refuses an unknown backend with the list of known ones', async () => {
    await expect(selectBackend('podman')).rejects.toThrow(new UserError('unknown backend "podman": use one of docker, local, external'));
  });

  it('external: needs KAFKA_BOOTSTRAP_SERVERS, and cannot stop brokers it does not run', async () => {
    const previous = process.env.KAFKA_BOOTSTRAP_SERVERS;
    delete process.env.KAFKA_BOOTSTRAP_SERVERS;
    try {
      await expect(new ExternalBackend().up(['kafka'])).rejects.toThrow(/set KAFKA_BOOTSTRAP_SERVERS/);
      process.env.KAFKA_BOOTSTRAP_SERVERS = 'kafka.example:9092';
      expect(await new ExternalBackend().up(['kafka'])).toEqual({ kafka: { bootstrapServers: ['kafka.example:9092'] } });
      await expect(new ExternalBackend().stopBroker()).rejects.toThrow(/use --backend local or docker/);
    } finally {
      if (previous === undefined) delete process.env.KAFKA_BOOTSTRAP_SERVERS;
      else process.env.KAFKA_BOOTSTRAP_SERVERS = previous;
    }
  });
});
