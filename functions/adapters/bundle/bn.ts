/**
 * Stands in for `bn.js` in the Lambda bundles only (lib/bundling.ts aliases it here; tests and the local
 * runtime keep the package): ~44 KB of arbitrary-precision arithmetic, of which the Encryption SDK uses,
 * for Haven's non-signing suite, one thing: a frame's content length as 8 big-endian bytes in its
 * additional authenticated data, and back (@aws-crypto/serialize aad_factory.js, decode_body_header.js).
 * The rest (compressed ECC points, material-management ecc_encode.js/ecc_decode.js) is for signing suites,
 * which Haven never uses (see no-asn1.ts); ecc_decode.js builds its curve constants at load, so the
 * arithmetic is here on BigInt, and only the Montgomery reduction a point decode needs refuses, loudly.
 * test/adapters/bundled-crypto.test.ts seals and opens multi-frame envelopes across a bundle and the
 * unbundled SDK (whose AAD it must match byte for byte); test/unit/bundle-bn.test.ts checks the byte forms.
 */

const unavailable = (): never => {
  throw new Error('ECC point arithmetic is not in this bundle (bn.js is left out: lib/bundling.ts)');
};

/** bn.js's `BN` over a non-negative BigInt: what the SDK constructs and calls. */
export default class BN {
  private readonly value: bigint;

  /** A safe non-negative integer, a hex string (base 16), or bytes (big-endian unless `endian` is 'le'). */
  constructor(n: number | bigint | string | ArrayLike<number>, base?: number | 'hex', endian: 'be' | 'le' = 'be') {
    let v: bigint;
    if (typeof n === 'bigint') v = n;
    else if (typeof n === 'number') {
      if (!Number.isSafeInteger(n) || n < 0) throw new Error(`BN: ${n} is not a safe non-negative integer`);
      v = BigInt(n);
    } else if (typeof n === 'string') {
      if ((base !== 16 && base !== 'hex') || !/^[0-9a-f]+$/i.test(n)) throw new Error('BN: only hex strings');
      v = BigInt(`0x${n}`);
    } else {
      const bytes = Array.from(n);
      if (endian === 'le') bytes.reverse();
      v = bytes.reduce((acc, b) => {
        if (!Number.isInteger(b) || b < 0 || b > 255) throw new Error('BN: not a byte');
        return (acc << 8n) | BigInt(b);
      }, 0n);
    }
    this.value = v;
  }

  add(o: BN): BN {
    return new BN(this.value + o.value);
  }

  sub(o: BN): BN {
    if (o.value > this.value) throw new Error('BN: negative result');
    return new BN(this.value - o.value);
  }

  mul(o: BN): BN {
    return new BN(this.value * o.value);
  }

  div(o: BN): BN {
    return new BN(this.value / o.value);
  }

  mod(o: BN): BN {
    return new BN(this.value % o.value);
  }

  pow(o: BN): BN {
    return new BN(this.value ** o.value);
  }

  eq(o: BN): boolean {
    return this.value === o.value;
  }

  bitLength(): number {
    return this.value === 0n ? 0 : this.value.toString(2).length;
  }

  /** As bn.js: refuses a value beyond 53 bits. */
  toNumber(): number {
    if (this.value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('Number can only safely store up to 53 bits');
    return Number(this.value);
  }

  /** As bn.js: the bytes, zero-padded to `length` (at least one byte); refuses a value that does not fit. */
  toArray(endian: 'be' | 'le' = 'be', length?: number): number[] {
    const hex = this.value.toString(16);
    const bytes = (hex.length % 2 ? `0${hex}` : hex).match(/../g)?.map((h) => Number.parseInt(h, 16)) ?? [];
    const minimal = this.value === 0n ? [] : bytes;
    const size = length ?? Math.max(1, minimal.length);
    if (minimal.length > size) throw new Error('byte array longer than desired length');
    const out = [...new Array<number>(size - minimal.length).fill(0), ...minimal];
    return endian === 'le' ? out.reverse() : out;
  }

  toRed(): never {
    return unavailable();
  }

  static mont(_p: BN): { refuse: () => never } {
    return { refuse: unavailable };
  }
}
