/** One pin for every version of a real service, shared by the local runtime and the docker stacks. */
export const KAFKA_VERSION = '3.9.2';
