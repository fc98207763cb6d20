import { startServices } from './src/services/start.js';
import { loadLab } from './src/course/load-lab.js';
const lab = await loadLab(process.argv[2]!);
const { envFor } = await startServices(lab.services as any, undefined);
const env = { ...envFor(lab.services), LAB_NUMBER: String(lab.number), LAB_DIR: lab.dir, LAB_CODE: 'solution', LAB_CODE_DIR: lab.solutionDir + '/src', LAB_RESULTS_FILE: '/tmp/res.json', LAB_QUIET: '1' };
console.log(Object.entries(env).map(([k, v]) => `export ${k}='${v}'`).join('\n'));
