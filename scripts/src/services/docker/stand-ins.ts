import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { EnvironmentError } from '../../cli/errors.js';
import { dockerDir } from '../../paths.js';
import { FLINK_KAFKA_CONNECTOR_VERSION, FLINK_VERSION, KAFKA_VERSION } from '../../versions.js';
import type { Report } from '../backend.js';
import { fetchJars } from '../local/java.js';

/**
 * The docker gate's stand-in images, ours, for a machine where no registry serves the official ones: a Debian
 * base made with debootstrap (Debian's JRE 17 in it), and on it a Kafka image and a Flink image with the official
 * images' contracts (docker/stand-ins/*) and the jars the local backend fetches. Never tagged as an official image.
 */
export const STAND_IN_BASE = 'kafka-labs-stand-in/debian:bookworm';
const DEBIAN_MIRROR = 'http://deb.debian.org/debian';
/** Where the base's root file system is kept between runs (outside the clone, like Maven's ~/.m2). */
const CACHE_DIR = process.env.LAB_STAND_IN_CACHE ?? path.join(os.homedir(), '.cache', 'kafka-labs', 'stand-ins');

/** The variables the compose files read to build the brokers' and Flink's images on the stand-ins instead of the official ones. */
export interface StandInImages {
  KAFKA_IMAGE: string;
  KAFKA_LAB_IMAGE: string;
  FLINK_IMAGE: string;
  FLINK_LAB_IMAGE: string;
}

/** Builds what is missing (the base, each stand-in for its files and jars), and names the images to use. */
export async function buildStandIns(report: Report): Promise<StandInImages> {
  if (!(await imageExists(STAND_IN_BASE))) await importBase(report);
  const kafkaJars = await fetchJars('kafka', report, { 'kafka.version': KAFKA_VERSION });
  const flinkJars = await fetchJars('flink', report, { 'flink.version': FLINK_VERSION, 'flink.kafka.version': FLINK_KAFKA_CONNECTOR_VERSION });
  const kafka = await buildStandIn({ name: 'kafka', version: KAFKA_VERSION, jars: kafkaJars, libs: 'libs' }, report);
  // The official image has no Kafka connector: docker/flink/Dockerfile adds it, to either base.
  const flink = await buildStandIn({ name: 'flink', version: FLINK_VERSION, jars: flinkJars, libs: 'lib', leaveOut: /^flink-sql-connector-kafka-/ }, report);
  return { KAFKA_IMAGE: kafka, KAFKA_LAB_IMAGE: kafka.replace('/kafka:', '/kafka-lab:'), FLINK_IMAGE: flink, FLINK_LAB_IMAGE: flink.replace('/flink:', '/flink-lab:') };
}

/** docker/stand-ins/<name> with the jars in its `libs` folder, tagged by a hash of both; built once. */
async function buildStandIn(image: { name: string; version: string; jars: string; libs: string; leaveOut?: RegExp }, report: Report): Promise<string> {
  const dir = path.join(dockerDir, 'stand-ins', image.name);
  const tag = `kafka-labs-stand-in/${image.name}:${image.version}-${contentHash(dir, path.basename(image.jars))}`;
  if (await imageExists(tag)) return tag;
  report(`building the stand-in ${tag}`);
  const context = fs.mkdtempSync(path.join(os.tmpdir(), `${image.name}-stand-in-`));
  try {
    fs.cpSync(dir, context, { recursive: true });
    fs.mkdirSync(path.join(context, image.libs));
    for (const jar of fs.readdirSync(image.jars).filter((f) => f.endsWith('.jar') && !image.leaveOut?.test(f))) fs.copyFileSync(path.join(image.jars, jar), path.join(context, image.libs, jar));
    // The classic builder: the Dockerfile needs nothing of BuildKit, and Debian's engine has no buildx.
    await run(['build', '--quiet', '--build-arg', `BASE_IMAGE=${STAND_IN_BASE}`, '--tag', tag, context], { DOCKER_BUILDKIT: '0' });
  } finally {
    fs.rmSync(context, { recursive: true, force: true });
  }
  return tag;
}

async function importBase(report: Report): Promise<void> {
  const rootfs = path.join(CACHE_DIR, 'debian-bookworm');
  if (!fs.existsSync(path.join(rootfs, '.complete'))) {
    report(`making the stand-ins' Debian base with debootstrap into ${rootfs} (once)`);
    fs.rmSync(rootfs, { recursive: true, force: true });
    fs.mkdirSync(rootfs, { recursive: true });
    const result = await execa('debootstrap', ['--variant=minbase', '--include=openjdk-17-jre-headless', 'bookworm', rootfs, DEBIAN_MIRROR], { reject: false, all: true });
    if (result.exitCode !== 0) throw new EnvironmentError(`debootstrap could not make the stand-ins' base (needs root and Debian's mirror): ${(result.all ?? '').trim().split('\n').pop()}`);
    fs.writeFileSync(path.join(rootfs, '.complete'), new Date().toISOString());
  }
  report(`importing ${STAND_IN_BASE}`);
  const tar = execa('tar', ['-C', rootfs, '--exclude=./.complete', '-c', '.']);
  const imported = execa('docker', ['import', '-', STAND_IN_BASE], { reject: false, all: true });
  tar.stdout!.pipe(imported.stdin!);
  const [, result] = await Promise.all([tar, imported]);
  if (result.exitCode !== 0) throw new EnvironmentError(`docker import of the stand-ins' base failed: ${result.all}`);
}

async function imageExists(image: string): Promise<boolean> {
  return (await execa('docker', ['image', 'inspect', image], { reject: false })).exitCode === 0;
}

async function run(args: string[], env: Record<string, string> = {}): Promise<void> {
  const result = await execa('docker', args, { reject: false, all: true, env });
  if (result.exitCode !== 0) throw new EnvironmentError(`docker ${args[0]} failed: ${(result.all ?? '').trim().split('\n').slice(-3).join(' | ')}`);
}

/** A short hash of the files under `dir` (names and contents) and of the jars' folder (named by their pom). */
function contentHash(dir: string, jars: string): string {
  const hash = createHash('sha256').update(jars);
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const full = path.join(dir, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  return hash.digest('hex').slice(0, 10);
}
