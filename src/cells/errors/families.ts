/**
 * NSL-KDD attack names → the four attack families of the KDD'99 task description (DoS, Probe,
 * R2L, U2R), used to report detection rates per family. Names are matched case-insensitively,
 * with KDD'99's trailing dot (`neptune.`) and surrounding spaces removed.
 */

export type AttackFamily = 'DoS' | 'Probe' | 'R2L' | 'U2R';

export const FAMILIES: readonly AttackFamily[] = ['DoS', 'Probe', 'R2L', 'U2R'];

const MEMBERS: Readonly<Record<AttackFamily, readonly string[]>> = {
  DoS: ['neptune', 'smurf', 'back', 'teardrop', 'pod', 'land', 'apache2', 'mailbomb', 'processtable', 'udpstorm'],
  Probe: ['satan', 'ipsweep', 'portsweep', 'nmap', 'mscan', 'saint'],
  R2L: [
    'warezclient',
    'guess_passwd',
    'ftp_write',
    'imap',
    'warezmaster',
    'multihop',
    'phf',
    'spy',
    'snmpgetattack',
    'snmpguess',
    'httptunnel',
    'named',
    'sendmail',
    'xlock',
    'xsnoop',
    'worm',
  ],
  U2R: ['buffer_overflow', 'rootkit', 'loadmodule', 'perl', 'ps', 'sqlattack', 'xterm'],
};

// A Map, not an object: attack names come from user files (`__proto__` is a possible value).
const BY_NAME: ReadonlyMap<string, AttackFamily> = new Map(
  FAMILIES.flatMap((family) => MEMBERS[family].map((name) => [name, family] as const)),
);

function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** The family of an NSL-KDD / KDD'99 attack name; null for `normal` and unknown names. */
export function attackFamily(name: string): AttackFamily | null {
  return BY_NAME.get(normalise(name)) ?? null;
}

/** Whether a class name is NSL-KDD's normal class (`normal`, `normal.`). */
export function isNormalName(name: string): boolean {
  return normalise(name) === 'normal';
}

/**
 * Whether the label looks like NSL-KDD's: most attack rows (by count) carry a known attack name.
 * `counts[c]` is the number of rows of class c; `isAttack[c]` says whether class c is anomalous.
 */
export function looksLikeKdd(classNames: readonly string[], counts: ArrayLike<number>, isAttack: (c: number) => boolean): boolean {
  let attacks = 0;
  let known = 0;
  for (let c = 0; c < classNames.length; c++) {
    if (!isAttack(c)) continue;
    const n = counts[c] ?? 0;
    attacks += n;
    if (attackFamily(classNames[c]) !== null) known += n;
  }
  return attacks > 0 && known / attacks >= 0.5;
}
