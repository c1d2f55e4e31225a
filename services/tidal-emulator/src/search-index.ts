/**
 * Plain text relevance over a track's title, version and artist names: the emulator's stand-in for TIDAL's
 * search, good enough that a matcher meets realistic noise (near-misses, covers, live versions rank too).
 */

/** Lower-cased, diacritics removed, split on anything that is not a letter or a digit (any script). */
export function tokenize(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

export interface SearchDocument {
  id: string;
  title: string;
  version: string | null;
  artistNames: string[];
  popularity: number;
}

const FIELD_WEIGHTS = { title: 3, artists: 2, version: 1 } as const;
type Field = keyof typeof FIELD_WEIGHTS;

interface IndexedDocument {
  doc: SearchDocument;
  fields: Record<Field, Set<string>>;
}

export class SearchIndex {
  private readonly documents: IndexedDocument[];
  private readonly postings = new Map<string, number[]>();

  constructor(documents: readonly SearchDocument[]) {
    this.documents = documents.map((doc) => ({
      doc,
      fields: {
        title: new Set(tokenize(doc.title)),
        artists: new Set(doc.artistNames.flatMap(tokenize)),
        version: new Set(tokenize(doc.version ?? '')),
      },
    }));
    this.documents.forEach((indexed, position) => {
      const tokens = new Set([...indexed.fields.title, ...indexed.fields.artists, ...indexed.fields.version]);
      for (const token of tokens) {
        const list = this.postings.get(token);
        if (list) list.push(position);
        else this.postings.set(token, [position]);
      }
    });
  }

  /**
   * Ids of the documents matching at least one query token, best first. A token found in the title weighs
   * more than one in the artist names, which weighs more than one in the version; rarer tokens weigh more
   * (idf); documents matching more of the query rank higher. Ties: popularity, then id.
   */
  search(query: string, accept: (id: string) => boolean = () => true): string[] {
    const queryTokens = [...new Set(tokenize(query))];
    if (queryTokens.length === 0) return [];
    const total = this.documents.length;
    const scores = new Map<number, { score: number; matched: number }>();
    for (const token of queryTokens) {
      const postings = this.postings.get(token);
      if (!postings) continue;
      const idf = Math.log(1 + total / postings.length);
      for (const position of postings) {
        const indexed = this.documents[position]!;
        let weight = 0;
        for (const field of Object.keys(FIELD_WEIGHTS) as Field[]) {
          if (indexed.fields[field].has(token)) weight += FIELD_WEIGHTS[field];
        }
        const entry = scores.get(position) ?? { score: 0, matched: 0 };
        entry.score += weight * idf;
        entry.matched += 1;
        scores.set(position, entry);
      }
    }
    const ranked: { doc: SearchDocument; score: number }[] = [];
    for (const [position, { score, matched }] of scores) {
      const doc = this.documents[position]!.doc;
      if (!accept(doc.id)) continue;
      const coverage = matched / queryTokens.length;
      ranked.push({ doc, score: score * coverage * coverage });
    }
    ranked.sort(
      (a, b) =>
        b.score - a.score ||
        b.doc.popularity - a.doc.popularity ||
        (a.doc.id < b.doc.id ? -1 : a.doc.id > b.doc.id ? 1 : 0),
    );
    return ranked.map((entry) => entry.doc.id);
  }
}
