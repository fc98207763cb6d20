import fs from 'node:fs';

/** Resident memory of a process, in bytes (0 once it is gone). */
export function residentBytes(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kb ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Samples the summed resident memory of some processes until stopped; returns the peak. */
export function samplePeakMemory(pids: () => number[], intervalMs = 250): { stop: () => number } {
  let peak = 0;
  const sample = () => { peak = Math.max(peak, pids().reduce((sum, pid) => sum + residentBytes(pid), 0)); };
  sample();
  const timer = setInterval(sample, intervalMs);
  return { stop: () => { clearInterval(timer); sample(); return peak; } };
}

/** CPU time of a process in seconds (user + system); 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  return statTicks(pid, 11) / 100;
}

/** Two consecutive fields of /proc/<pid>/stat counted after the command's closing parenthesis (utime and stime from 11), summed: clock ticks (USER_HZ, 100 on Linux). */
function statTicks(pid: number, first: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ').map(Number);
    return fields[first]! + fields[first + 1]!;
  } catch {
    return 0;
  }
}
