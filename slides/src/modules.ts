/**
 * The course modules in order: one deck each. Module 0 is the introduction and has
 * no workshop; modules 1–10 end with a "Workshop N" slide linking to their lab README.
 */
export interface CourseModule {
  readonly number: number
  /** Deck file name without `.md`: the same name as the lab folder, e.g. `02-producer`. */
  readonly deck: string
  /** The lab folder under `labs/`, e.g. `02-producer`; absent for the introduction. */
  readonly lab?: string
}

export const courseModules: readonly CourseModule[] = [
  { number: 0, deck: '00-introduction' },
  { number: 1, deck: '01-cluster', lab: '01-cluster' },
  { number: 2, deck: '02-producer', lab: '02-producer' },
  { number: 3, deck: '03-consumer', lab: '03-consumer' },
  { number: 4, deck: '04-avro', lab: '04-avro' },
  { number: 5, deck: '05-connect', lab: '05-connect' },
  { number: 6, deck: '06-guarantees', lab: '06-guarantees' },
  { number: 7, deck: '07-streams', lab: '07-streams' },
  { number: 8, deck: '08-ksqldb', lab: '08-ksqldb' },
  { number: 9, deck: '09-security', lab: '09-security' },
  { number: 10, deck: '10-monitoring', lab: '10-monitoring' },
]

/** The link a deck's workshop slide uses, relative to `slides/decks/` and `slides/build/` alike. */
export const labReadmeLink = (lab: string): string => `../../labs/${lab}/README.md`
