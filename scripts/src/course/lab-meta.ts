import { z } from 'zod';

/** The services a lab can ask for; each backend knows how to bring them up. */
/**
 * 'sql': workshop 8's SQL engine (ksqlDB with Docker, Flink SQL without); 'secure': workshop 9's secured cluster,
 * which its checks start from the lab's config/ (see Backend.startSecureCluster); 'prometheus': workshop 10's, to which
 * its checks give the lab's monitoring/ configuration; 'connect' a Kafka Connect worker with an Elasticsearch sink
 * connector installed, which writes into 'elasticsearch' (workshop 5).
 */
export const SERVICE_NAMES = ['kafka', 'postgres', 'registry', 'sql', 'secure', 'prometheus', 'elasticsearch', 'connect'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const taskSchema = z.object({
  /** Also the name of the `describe` block that checks it. */
  id: z.string().regex(/^[a-z0-9-]+$/, 'task ids are kebab-case (they name describe blocks)'),
  title: z.string().min(1),
  /**
   * Graduated hints, shown one level at a time by `pnpm lab N hint`: the concept (and the slide), then the API,
   * then close to the code.
   */
  hints: z.tuple([z.string().min(1), z.string().min(1), z.string().min(1)]),
  /** The slide deck that teaches it, relative to the repository. */
  slide: z.string().optional(),
});

export const labMetaSchema = z.object({
  title: z.string().min(1),
  services: z.array(z.enum(SERVICE_NAMES)).min(1),
  tasks: z.array(taskSchema).min(1),
  /** Programs a trainee runs by hand: `pnpm lab N run <name> -- <args>`; each file exports `main(args)`. */
  programs: z.record(z.string(), z.string()).default({}),
  /** A SQL file of the lab (idempotent: CREATE … IF NOT EXISTS) that the tool runs before checks and programs. */
  schema: z.string().optional(),
  /** What `pnpm lab N reset` deletes besides the `labNN-` topics, groups and subjects of the checks; `sql` empties tables. */
  reset: z.object({
    topics: z.array(z.string()).default([]),
    groups: z.array(z.string()).default([]),
    /** Subjects of the schema registry. */
    subjects: z.array(z.string()).default([]),
    sql: z.array(z.string()).default([]),
    /** Kafka Connect connectors and Elasticsearch indices (workshop 5). */
    connectors: z.array(z.string()).default([]),
    indices: z.array(z.string()).default([]),
  }).default({}),
});

export type LabMetaInput = z.input<typeof labMetaSchema>;
export type LabMeta = z.output<typeof labMetaSchema>;
export type Task = z.output<typeof taskSchema>;

/** Declares a lab's metadata (`labs/NN-topic/lab.ts`); checked when the tool loads it. */
export function defineLab(meta: LabMetaInput): LabMetaInput {
  return meta;
}
