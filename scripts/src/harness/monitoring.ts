import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { EnvironmentError } from '../cli/errors.js';
import { fromEnv, type PrometheusEndpoints } from '../services/backend.js';
import { labFolder } from './environment.js';

/** Workshop 10's Prometheus, as the tool started it for these checks. */
export function prometheus(): PrometheusEndpoints {
  const endpoints = fromEnv().prometheus;
  if (!endpoints) throw new EnvironmentError('no Prometheus (PROMETHEUS_URL): run the checks with `pnpm lab 10`');
  return endpoints;
}

/** Prometheus must answer before the checks run: if not, that is the environment, never the trainee's files. */
export async function requirePrometheus(): Promise<void> {
  const { url } = prometheus();
  const answer = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
  if (!answer?.ok) throw new EnvironmentError(`Prometheus does not answer at ${url}: start it again with \`pnpm lab up 10\` (\`pnpm lab status\` shows what runs)`);
}

/**
 * Gives Prometheus the lab's monitoring/prometheus.yml and the rule files beside it: each `${NAME}` becomes the
 * address of that target in this backend (BROKER_0_METRICS, …), then `POST /-/reload`. Rejects with Prometheus'
 * own reason when it refuses them.
 */
export async function applyLabMonitoring(labDir = labFolder()): Promise<void> {
  const { url, configDir, targets } = prometheus();
  const sourceDir = path.join(labDir, 'monitoring');
  const files = fs.readdirSync(sourceDir).filter((f) => /\.ya?ml$/.test(f));
  if (!files.includes('prometheus.yml')) throw new Error(`${path.relative(process.cwd(), sourceDir)} has no prometheus.yml`);
  fs.mkdirSync(configDir, { recursive: true });
  for (const old of fs.readdirSync(configDir)) fs.rmSync(path.join(configDir, old), { recursive: true, force: true });
  for (const file of files) {
    const text = fs.readFileSync(path.join(sourceDir, file), 'utf8').replace(/\$\{(\w+)\}/g, (whole, name: string) => {
      const address = targets[name];
      if (!address) throw new Error(`monitoring/${file}: ${whole} is none of the targets the tool fills in (${Object.keys(targets).map((t) => `\${${t}}`).join(', ')})`);
      return address;
    });
    fs.writeFileSync(path.join(configDir, file), text);
  }
  const answer = await fetch(`${url}/-/reload`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
  if (!answer.ok) throw new Error(`Prometheus refused monitoring/: ${(await answer.text()).trim()}`);
  await targetsSettled();
}

/** Each scrape job of the configuration Prometheus runs now (its defaults filled in), with its static targets. */
export async function loadedScrapeJobs(): Promise<{ job: string; scrapeInterval: string; targets: string[] }[]> {
  const { yaml } = await prometheusApi<{ yaml: string }>('/api/v1/status/config');
  const config = parse(yaml) as { scrape_configs?: { job_name: string; scrape_interval: string; static_configs?: { targets?: string[] }[] }[] };
  return (config.scrape_configs ?? []).map((c) => ({ job: c.job_name, scrapeInterval: c.scrape_interval, targets: (c.static_configs ?? []).flatMap((s) => s.targets ?? []) }));
}

/**
 * After a reload, Prometheus' service discovery hands the scrape pools their new targets a moment later (up to
 * 5 s): until then /api/v1/targets still shows the previous configuration's. Waits until it shows this one's.
 */
async function targetsSettled(): Promise<void> {
  const declared = new Set((await loadedScrapeJobs()).flatMap((j) => j.targets.map((t) => `${j.job} ${t}`)));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const data = await prometheusApi<{ activeTargets: Discovered[]; droppedTargets: Discovered[] }>('/api/v1/targets');
    const shown = (targets: Discovered[]) => targets.map((t) => `${t.discoveredLabels.job} ${t.discoveredLabels.__address__}`);
    const all = new Set([...shown(data.activeTargets), ...shown(data.droppedTargets)]);
    if ([...declared].every((t) => all.has(t)) && shown(data.activeTargets).every((t) => declared.has(t))) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

interface Discovered {
  discoveredLabels: Record<string, string>;
}

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/**
 * Runs an instant PromQL query (now, or at `time` in seconds: two queries at the same time see the same data);
 * rejects with Prometheus' own reason (a query that does not parse).
 */
export async function promQuery(query: string, time?: number): Promise<Sample[]> {
  const at = time === undefined ? '' : `&time=${time}`;
  const result = await prometheusApi<{ resultType: string; result: unknown }>(`/api/v1/query?query=${encodeURIComponent(query)}${at}`);
  if (result.resultType === 'scalar') return [{ labels: {}, value: Number((result.result as [number, string])[1]) }];
  if (result.resultType !== 'vector') throw new Error(`the query gives a ${result.resultType}, not an instant vector: ${query}`);
  return (result.result as { metric: Record<string, string>; value: [number, string] }[]).map((s) => ({ labels: s.metric, value: Number(s.value[1]) }));
}

/** A range query over the last `seconds`, one point a second, as a dashboard's panel runs it: every value seen. */
export async function promQueryRange(query: string, seconds: number): Promise<number[]> {
  const end = Date.now() / 1000;
  const result = await prometheusApi<{ result: { values: [number, string][] }[] }>(`/api/v1/query_range?query=${encodeURIComponent(query)}&start=${end - seconds}&end=${end}&step=1`);
  return result.result.flatMap((series) => series.values.map(([, value]) => Number(value)));
}

export interface ScrapeTarget {
  scrapeUrl: string;
  job: string;
  health: 'up' | 'down' | 'unknown';
  lastError: string;
  scrapeInterval: string;
}

export async function scrapeTargets(): Promise<ScrapeTarget[]> {
  const data = await prometheusApi<{ activeTargets: (ScrapeTarget & { labels: Record<string, string> })[] }>('/api/v1/targets?state=active');
  return data.activeTargets.map((t) => ({ scrapeUrl: t.scrapeUrl, job: t.labels.job ?? '', health: t.health, lastError: t.lastError, scrapeInterval: t.scrapeInterval }));
}

export interface Alert {
  name: string;
  state: 'inactive' | 'pending' | 'firing';
}

/** Every alerting rule Prometheus loaded, with its state now. */
export async function alertingRules(): Promise<Alert[]> {
  const data = await prometheusApi<{ groups: { rules: { type: string; name: string; state: Alert['state'] }[] }[] }>('/api/v1/rules?type=alert');
  return data.groups.flatMap((g) => g.rules.map((r) => ({ name: r.name, state: r.state })));
}

async function prometheusApi<T>(pathAndQuery: string): Promise<T> {
  const { url } = prometheus();
  const answer = await fetch(`${url}${pathAndQuery}`, { signal: AbortSignal.timeout(10_000) }).catch((error: Error) => {
    throw new EnvironmentError(`Prometheus does not answer at ${url} (${error.message}): \`pnpm lab status\` shows what runs`);
  });
  const body = (await answer.json()) as { status: string; data: T; error?: string };
  if (body.status !== 'success') throw new Error(`Prometheus: ${body.error ?? answer.statusText}`);
  return body.data;
}

/**
 * Reads Prometheus' text exposition format (what a /metrics endpoint serves) into samples by metric name:
 * `name{label="v",…} value`.
 */
export function parseExposition(text: string): Map<string, Sample[]> {
  const metrics = new Map<string, Sample[]>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match || line.startsWith('#')) continue;
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
    const samples = metrics.get(match[1]!) ?? [];
    samples.push({ labels, value: Number(match[3]) });
    metrics.set(match[1]!, samples);
  }
  return metrics;
}

/** What a program serves on http://127.0.0.1:<port>/metrics, parsed; undefined when nothing answers there. */
export async function scrape(port: number): Promise<Map<string, Sample[]> | undefined> {
  const answer = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(3000) }).catch(() => undefined);
  if (!answer?.ok) return undefined;
  return parseExposition(await answer.text());
}

/** The port a lab program serves /metrics on (PRODUCER_METRICS or CONSUMER_METRICS): what toEnv gave the programs. */
export function metricsPort(target: 'PRODUCER_METRICS' | 'CONSUMER_METRICS'): number {
  const port = process.env[`${target}_PORT`];
  if (!port) throw new EnvironmentError(`no ${target}_PORT: run the checks with \`pnpm lab 10\``);
  return Number(port);
}

export interface DashboardPanel {
  /** The dashboard file, relative to the lab folder. */
  file: string;
  title: string;
  /** The data source uids the panel and each of its queries refer to. */
  datasourceUids: string[];
  queries: string[];
}

/** Every panel of the lab's Grafana dashboards (monitoring/grafana/dashboards/*.json), rows' panels included. */
export function dashboardPanels(labDir = labFolder()): DashboardPanel[] {
  const dir = path.join(labDir, 'monitoring', 'grafana', 'dashboards');
  type Panel = { title?: string; type?: string; datasource?: { uid?: string }; targets?: { expr?: string; datasource?: { uid?: string } }[]; panels?: Panel[] };
  const flatten = (panels: Panel[]): Panel[] => panels.flatMap((p) => (p.type === 'row' ? flatten(p.panels ?? []) : [p]));
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).flatMap((file) => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { panels?: Panel[] };
    return flatten(dashboard.panels ?? []).map((panel) => ({
      file: path.join('monitoring', 'grafana', 'dashboards', file),
      title: panel.title ?? '(untitled)',
      datasourceUids: [...new Set([panel.datasource?.uid, ...(panel.targets ?? []).map((t) => t.datasource?.uid)].filter((uid): uid is string => uid !== undefined))],
      queries: (panel.targets ?? []).map((t) => t.expr ?? ''),
    }));
  });
}

/** The uids of the data sources Grafana is given at start (monitoring/grafana/provisioning/datasources/*.yml). */
export function provisionedDatasourceUids(labDir = labFolder()): string[] {
  const dir = path.join(labDir, 'monitoring', 'grafana', 'provisioning', 'datasources');
  return fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).flatMap((file) => {
    const config = parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { datasources?: { uid?: string }[] };
    return (config.datasources ?? []).flatMap((d) => (d.uid ? [d.uid] : []));
  });
}

/** Grafana's own variables in a panel's query, as Grafana fills them for a lab that scrapes every second. */
export function withGrafanaVariables(query: string): string {
  return query.replaceAll('$__rate_interval', '5s').replaceAll('$__interval', '1s').replaceAll('$__range', '60s');
}
