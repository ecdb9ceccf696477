/**
 * An independent Python model of stream derivation and output (hashlib SHA-256, Philox with Python's exact big
 * integers, so the 64-bit product needs no splitting). Used by stream.test.ts when python3 is available.
 */
export const PYTHON_STREAM_MODEL = `
import hashlib, json
M0, M1, W0, W1, MASK = 0xD2511F53, 0xCD9E8D57, 0x9E3779B9, 0xBB67AE85, 0xFFFFFFFF

def philox(c, k):
    c, k = list(c), list(k)
    for _ in range(10):
        p0, p1 = M0 * c[0], M1 * c[2]
        c = [(p1 >> 32) ^ c[1] ^ k[0], p1 & MASK, (p0 >> 32) ^ c[3] ^ k[1], p0 & MASK]
        k = [(k[0] + W0) & MASK, (k[1] + W1) & MASK]
    return c

def identity(message):
    d = hashlib.sha256(message).digest()
    return [int.from_bytes(d[4 * i:4 * i + 4], 'big') for i in range(4)]

def text(x):
    return str(x) if isinstance(x, int) else x

def stream_identity(seed, path):
    ident = identity(b'vsdl/philox4x32-10/v1/seed\\x00' + text(seed).encode('utf-8'))
    for name in path:
        parent = b''.join(w.to_bytes(4, 'big') for w in ident)
        ident = identity(b'vsdl/philox4x32-10/v1/fork\\x00' + parent + text(name).encode('utf-8'))
    return ident

def words(seed, path, count, first_block=0):
    ident = stream_identity(seed, path)
    out = []
    block = first_block
    while len(out) < count:
        out += philox([block & MASK, block >> 32, ident[2], ident[3]], ident[:2])
        block += 1
    return out[:count]

`;
