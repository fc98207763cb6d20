import type { Lab } from '../course/load-lab.js';
import type { LabResult, TaskStatus } from '../checks/results.js';

/** One point per task that passes. */
export const POINTS_PER_TASK = 1;

export interface GradedTask {
  id: string;
  title: string;
  status: TaskStatus;
  message?: string;
  /** Hint levels the trainee opened for it (`pnpm lab N hint`), of 3. */
  hintsUsed: number;
  points: number;
  maxPoints: number;
}

export interface GradedLab {
  lab: number;
  folder: string;
  title: string;
  score: number;
  maxScore: number;
  tasks: GradedTask[];
}

/** What `pnpm grade` writes as JSON; the JUnit and Markdown files are views of it. */
export interface GradeReport {
  course: 'kafka-labs';
  gradedAt: string;
  backend: string;
  labs: GradedLab[];
  totals: { score: number; maxScore: number; pass: number; fail: number; error: number };
}

export function gradeLab(lab: Lab, result: LabResult, hintsUsed: Record<string, number> = {}): GradedLab {
  const tasks = result.tasks.map(({ durationMs: _, ...task }): GradedTask => ({
    ...task,
    hintsUsed: hintsUsed[task.id] ?? 0,
    points: task.status === 'pass' ? POINTS_PER_TASK : 0,
    maxPoints: POINTS_PER_TASK,
  }));
  return { lab: lab.number, folder: lab.folder, title: lab.title, score: sum(tasks, 'points'), maxScore: sum(tasks, 'maxPoints'), tasks };
}

/** Every task of the lab as an `error`: its checks could not run (services down, checks modified). */
export function labInError(lab: Lab, message: string): LabResult {
  return { lab: lab.number, code: 'starter', tasks: lab.tasks.map((t) => ({ id: t.id, title: t.title, status: 'error', message })) };
}

export function buildReport(labs: GradedLab[], backend: string, gradedAt = new Date()): GradeReport {
  const tasks = labs.flatMap((l) => l.tasks);
  const count = (status: TaskStatus) => tasks.filter((t) => t.status === status).length;
  return {
    course: 'kafka-labs',
    gradedAt: gradedAt.toISOString(),
    backend,
    labs,
    totals: { score: sum(labs, 'score'), maxScore: sum(labs, 'maxScore'), pass: count('pass'), fail: count('fail'), error: count('error') },
  };
}

function sum<K extends string>(items: Record<K, number>[], key: K): number {
  return items.reduce((total, item) => total + item[key], 0);
}
