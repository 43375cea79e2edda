import { describe, expect, it } from 'vitest';
import { FAMILIES, attackFamily, isNormalName, looksLikeKdd } from './families';

describe('attackFamily', () => {
  it('maps every NSL-KDD attack name to its family', () => {
    const expected: Record<string, string[]> = {
      DoS: ['neptune', 'smurf', 'back', 'teardrop', 'pod', 'land', 'apache2', 'mailbomb', 'processtable', 'udpstorm'],
      Probe: ['satan', 'ipsweep', 'portsweep', 'nmap', 'mscan', 'saint'],
      R2L: ['warezclient', 'guess_passwd', 'ftp_write', 'imap', 'warezmaster', 'multihop', 'phf', 'spy', 'snmpgetattack', 'snmpguess', 'httptunnel', 'named', 'sendmail', 'xlock', 'xsnoop', 'worm'],
      U2R: ['buffer_overflow', 'rootkit', 'loadmodule', 'perl', 'ps', 'sqlattack', 'xterm'],
    };
    for (const family of FAMILIES) for (const name of expected[family]) expect(attackFamily(name), name).toBe(family);
    const total = Object.values(expected).reduce((s, a) => s + a.length, 0);
    expect(total).toBe(39);
  });

  it("ignores case, spaces and KDD'99's trailing dot", () => {
    expect(attackFamily(' Neptune. ')).toBe('DoS');
    expect(attackFamily('SMURF.')).toBe('DoS');
    expect(attackFamily('buffer_overflow.')).toBe('U2R');
  });

  it('gives null for normal, unknown and prototype-like names', () => {
    expect(attackFamily('normal')).toBeNull();
    expect(attackFamily('normal.')).toBeNull();
    expect(attackFamily('DDoS')).toBeNull();
    expect(attackFamily('__proto__')).toBeNull();
    expect(attackFamily('constructor')).toBeNull();
    expect(isNormalName('Normal.')).toBe(true);
    expect(isNormalName('BENIGN')).toBe(false);
  });
});

describe('looksLikeKdd', () => {
  it('needs most attack rows to carry a known name', () => {
    const names = ['normal', 'neptune', 'DDoS'];
    const isAttack = (c: number) => c > 0;
    expect(looksLikeKdd(names, [100, 60, 40], isAttack)).toBe(true);
    expect(looksLikeKdd(names, [100, 40, 60], isAttack)).toBe(false);
    expect(looksLikeKdd(['BENIGN', 'DDoS', 'PortScan'], [10, 5, 5], isAttack)).toBe(false);
    expect(looksLikeKdd(['normal'], [10], () => false)).toBe(false);
  });
});
