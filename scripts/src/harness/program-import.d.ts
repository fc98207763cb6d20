// `import consumer from '#lab/consumer.ts?program'`: a lab program, bundled to be started by startProgram.
declare module '*?program' {
  const program: import('./program.js').LabProgram;
  export default program;
}
