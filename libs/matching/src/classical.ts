import { titleKey } from './title-parts.js';

/**
 * Classical tracks are titled "Work: Movement" ("Symphony No. 5 in C Minor, Op. 67: I. Allegro con
 * brio"), and releases of one performance word the work differently ("Turandot, SC 91 / Act 3: Nessun
 * dorma!" and "Turandot: Nessun dorma!"), leave it out ("II. Adagio sostenuto"), or order it otherwise
 * ("Nocturnes, Op. 9: No. 2 in E-Flat Major" and "Nocturne in E-Flat Major, Op. 9, No. 2"). What
 * identifies the recording there is the movement and the performers, not the wording of the work.
 */
export interface WorkParts {
  /** Whether the title names a classical work: a catalogue number, a key, or "Symphony ...: movement". */
  classical: boolean;
  /** Key of the work ("symphony no 5 in c minor op 67"), '' when the title names only the movement. */
  work: string;
  /** Key of the movement or number after the last ':' or ' - ' ("1 allegro con brio"), else the whole key. */
  movement: string;
}

const CATALOGUE = /\b(op|opus|bwv|kv|k|hob|rv|hwv|woo|d|l|sz|sc|s) \d+/;
const KEY_SIGNATURE = /\bin [a-g]( flat| sharp)? (major|minor)\b/;
const WORK_WORD =
  /\b(symphony|concerto|sonata|suite|nocturnes?|preludes?|etudes?|fugue|quartet|quintet|partita|cantata|mass|requiem|variations|act \d+)\b/;

export function workParts(title: string, key: string): WorkParts {
  const at = Math.max(title.lastIndexOf(':'), title.lastIndexOf(' - '));
  const classical = CATALOGUE.test(key) || KEY_SIGNATURE.test(key) || (at > 0 && WORK_WORD.test(key));
  if (at <= 0) return { classical, work: '', movement: key };
  const movement = titleKey(title.slice(at + 1).replace(/^\s*-\s*/, ''));
  return { classical, work: titleKey(title.slice(0, at)), movement: movement || key };
}

/**
 * Two classical titles of one movement: the same movement, the numbers of one among the other's, and the
 * work's words of one among the other's (the work left out on one side counts as agreeing).
 */
export function sameMovement(a: WorkParts, aNumbers: string, b: WorkParts, bNumbers: string): boolean {
  if (!(a.classical || b.classical) || a.movement === '' || a.movement !== b.movement) return false;
  const [fewer, more] = aNumbers.length <= bNumbers.length ? [aNumbers, bNumbers] : [bNumbers, aNumbers];
  if (!isSubset(fewer, more)) return false;
  const [shortWork, longWork] = a.work.length <= b.work.length ? [a.work, b.work] : [b.work, a.work];
  return isSubset(wordsOnly(shortWork), wordsOnly(longWork));
}

function wordsOnly(key: string): string {
  return key
    .split(' ')
    .filter((word) => word !== '' && !/^\d+$/.test(word))
    .join(' ');
}

/** Whether every word of `small` (space-separated, repeats counted) is in `large`. */
function isSubset(small: string, large: string): boolean {
  if (small === '') return true;
  const pool = large.split(' ');
  for (const word of small.split(' ')) {
    const at = pool.indexOf(word);
    if (at < 0) return false;
    pool.splice(at, 1);
  }
  return true;
}
