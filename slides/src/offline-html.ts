import { readFile, writeFile } from 'node:fs/promises'

/** Namespace strings such as `http://www.w3.org/2000/svg` name things; browsers never fetch them. */
const namespaceUrl = /^http:\/\/www\.w3\.org\//

/** Every http(s) URL written in a built file that is not an XML namespace. */
export const networkReferences = (html: string): string[] =>
  [...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]).filter((url) => !namespaceUrl.test(url))

/**
 * Marp's bundled script starts with a license comment that points at a CDN copy of the
 * license. It is never fetched, but the decks promise no network reference at all:
 * name the file in the npm package instead.
 */
export const localizeLicenseComment = (html: string): string =>
  html.replace(
    /https:\/\/unpkg\.com\/(@marp-team\/marp-cli@[\w.-]+\/lib\/[\w.-]+\.LICENSE\.txt)/g,
    'npm package $1',
  )

/** Rewrites a built deck so it names no network address; fails if one remains. */
export const makeDeckOffline = async (htmlFile: string): Promise<void> => {
  const html = localizeLicenseComment(await readFile(htmlFile, 'utf8'))
  const references = networkReferences(html)
  if (references.length > 0) {
    throw new Error(
      `${htmlFile} names network addresses: ${references.join(', ')} ` +
        '(decks must work offline: write addresses without http:// or as variables)',
    )
  }
  await writeFile(htmlFile, html)
}
