import { afterAll, beforeAll } from 'vitest';
import { fromEnv } from '../services/backend.js';
import { closeElasticsearch, connectorNames, deleteConnectors, deleteIndices, indexNames, requireConnect, requireElasticsearch } from './connect.js';
import { namesInUse } from './environment.js';
import { closeSharedAdmin, requireKafka, withAdmin } from './kafka.js';
import { requirePrometheus } from './monitoring.js';
import { requirePostgres } from './postgres.js';
import { allSubjects, deleteSubjects, requireRegistry } from './registry.js';
import { deleteSecureNames } from './secure.js';
import { requireSqlEngine } from './sql.js';

// Before a check file runs: the services it needs must answer, or every task reports an environment error.
beforeAll(async () => {
  if (fromEnv().kafka) await requireKafka();
  if (fromEnv().postgres) await requirePostgres();
  if (fromEnv().registry) await requireRegistry();
  if (fromEnv().sql) await requireSqlEngine();
  if (fromEnv().prometheus) await requirePrometheus();
  if (fromEnv().elasticsearch) await requireElasticsearch();
  if (fromEnv().connect) await requireConnect();
});

// After a check file: delete the topics, consumer groups and subjects its checks created, so they do not pile up.
afterAll(async () => {
  const { secure } = fromEnv();
  if (secure) await deleteSecureNames(secure, namesInUse);
  await deleteConnectNames();
  await deleteNamesInUse();
  await closeSharedAdmin();
  await closeElasticsearch();
});

async function deleteNamesInUse(): Promise<void> {
  if (!fromEnv().kafka || namesInUse.size === 0) return;
  // What a check's names lead to is named after them too: subjects (`<topic>-value`), a stream application's
  // sink and changelog topics (`<prefix>-position-count`, `<application id>-<store>-changelog`).
  const ours = (name: string) => namesInUse.has(name) || [...namesInUse].some((n) => name.startsWith(`${n}-`));
  if (fromEnv().registry) await deleteSubjects((await allSubjects()).filter(ours)).catch(() => {});
  await withAdmin(async (admin) => {
    const topics = (await admin.listTopics()).filter(ours);
    if (topics.length) await admin.deleteTopics({ topics, timeout: 10_000 });
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => namesInUse.has(g));
    // A group that still has members cannot be deleted: it goes when its session ends.
    if (groups.length) await admin.deleteGroups(groups).catch(() => {});
  }).catch(() => {});
  namesInUse.clear();
}

/** Workshop 5: the connectors the checks deployed (first: they write into the indices) and the indices they wrote. */
async function deleteConnectNames(): Promise<void> {
  const ours = (name: string) => namesInUse.has(name) || [...namesInUse].some((n) => name.startsWith(`${n}-`));
  if (fromEnv().connect) await connectorNames().then((names) => deleteConnectors(names.filter(ours))).catch(() => {});
  if (fromEnv().elasticsearch) await indexNames().then((names) => deleteIndices(names.filter(ours))).catch(() => {});
}
