/**
 * The bundle-only bn.js stand-in (functions/adapters/bundle/bn.ts): the byte forms the Encryption SDK's
 * frame AAD writes and reads, the limits bn.js enforces, and the curve constants ecc_decode.js builds at load.
 */
import { describe, expect, it } from 'vitest';
import BN from '../../functions/adapters/bundle/bn.js';

describe('the bn.js stand-in', () => {
  it('writes a content length as 8 big-endian bytes and reads it back', () => {
    // Prepare
    const lengths = [0, 1, 4096, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER];

    // Act
    const bytes = lengths.map((n) => new BN(n).toArray('be', 8));
    const back = bytes.map((b) => new BN(b, 16, 'be').toNumber());

    // Assess
    expect(bytes[2]).toEqual([0, 0, 0, 0, 0, 0, 16, 0]);
    expect(bytes[3]).toEqual([0, 0, 0, 1, 0, 0, 0, 5]);
    expect(back).toEqual(lengths);
  });

  it('refuses what bn.js refuses: more than 53 bits as a number, a value longer than the bytes asked for', () => {
    // Prepare
    const big = new BN([0x00, 0x20, 0, 0, 0, 0, 0, 0]);

    // Act + Assess
    expect(() => big.toNumber()).toThrow('Number can only safely store up to 53 bits');
    expect(() => new BN(65_536).toArray('be', 2)).toThrow('byte array longer than desired length');
    expect(() => new BN(-1)).toThrow(/not a safe non-negative integer/);
  });

  it('builds the P-256 constants as ecc_decode.js does at load, and refuses the point arithmetic', () => {
    // Prepare
    const p = new BN('FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF', 16);

    // Act
    const ok = p.mod(new BN(4)).eq(new BN(3));

    // Assess
    expect(ok).toBe(true);
    expect(p.bitLength()).toBe(256);
    expect(p.add(new BN(1)).div(new BN(4)).toArray('be', 32)[0]).toBe(0x3f);
    expect(() => p.toRed()).toThrow(/ECC point arithmetic is not in this bundle/);
  });
});
