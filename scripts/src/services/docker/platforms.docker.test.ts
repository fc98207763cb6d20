import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dockerDir } from '../../paths.js';

/**
 * Apple silicon: every image a stack pulls exists for arm64, or its service declares the platform it runs on
 * (Docker Desktop then emulates it). Read from the registries' manifests, so only where a registry answers:
 * GitHub's runner (LAB_DOCKER_GATE=official, .github/workflows/docker.yml). The images a stack builds are
 * checked through their Dockerfile's base.
 */
interface Service {
  image?: string;
  build?: string | { context: string };
  platform?: string;
}

const pulled = fs.readdirSync(dockerDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => path.basename(f) === 'compose.yaml' && !f.startsWith('stand-ins'))
  .flatMap((f) => Object.entries((parse(fs.readFileSync(path.join(dockerDir, f), 'utf8'), { merge: true }) as { services: Record<string, Service> }).services).map(([name, service]) => {
    if (!service.build) return { name, image: service.image!.replace(/^\$\{\w+:-(.*)\}$/, '$1'), platform: service.platform };
    const context = typeof service.build === 'string' ? service.build : service.build.context;
    const dockerfile = fs.readFileSync(path.join(dockerDir, path.dirname(f), context, 'Dockerfile'), 'utf8');
    const from = /^FROM (\S+)/m.exec(dockerfile)![1]!.replace(/\$\{(\w+)\}/, (_, arg: string) => new RegExp(`^ARG ${arg}=(\\S+)`, 'm').exec(dockerfile)![1]!);
    return { name, image: from, platform: service.platform };
  }));

describe.skipIf(process.env.LAB_DOCKER_GATE !== 'official')('the pinned images on Apple silicon (registry manifests)', () => {
  it.each([...new Map(pulled.map((p) => [p.image, p])).values()])('$image: published for arm64, or its platform declared', async ({ image, platform, name }) => {
    const manifest = JSON.parse((await execa('docker', ['manifest', 'inspect', image])).stdout) as { manifests?: { platform: { architecture: string } }[] };
    const architectures = manifest.manifests?.map((m) => m.platform.architecture) ?? ['amd64'];
    if (!architectures.includes('arm64')) expect(platform, `${name}: ${image} has no arm64 image: declare \`platform: linux/amd64\``).toBe('linux/amd64');
  });
});
