import _SHA256NI

/// SHA-256 (FIPS 180-4) of a byte sequence, for the audit record of input files.
/// Kept here, a page of code checked against the NIST test vectors, rather than adding a
/// cryptography package and its build time to every CI run for one hash of a few files.
public enum SHA256 {
    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        digest(bytes).map { byte in
            let s = String(byte, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }

    public static func digest<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        if let d = bytes.withContiguousStorageIfAvailable({ digest(UnsafeRawBufferPointer($0)) }) { return d }
        return Array(bytes).withUnsafeBytes { digest($0) }
    }

    /// Whether the full blocks go through the processor's SHA extensions (x86-64 SHA-NI);
    /// `portable` switches them off (tests compare both).
    nonisolated(unsafe) static var portable = false
    static let hasExtensions = allocate_sha256_ni_available() != 0
    static var useExtensions: Bool { hasExtensions && !portable }

    /// Full blocks straight from the input (no copy of a large file), then the padded tail.
    static func digest(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        var h = State()
        let full = input.count / 64 * 64
        if full > 0 && useExtensions {
            // The processor's SHA extensions (sha256ni.c): the full blocks in one call.
            var words: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (h.a, h.b, h.c, h.d, h.e, h.f, h.g, h.h)
            withUnsafeMutableBytes(of: &words) { w in
                allocate_sha256_ni_blocks(w.bindMemory(to: UInt32.self).baseAddress!, input.bindMemory(to: UInt8.self).baseAddress!, full / 64)
            }
            (h.a, h.b, h.c, h.d, h.e, h.f, h.g, h.h) = words
        } else {
            var offset = 0
            while offset < full {
                h.block(input.baseAddress! + offset)
                offset += 64
            }
        }
        var tail = Array(input[full...])
        let bitLength = UInt64(input.count) * 8
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for i in (0..<8).reversed() { tail.append(UInt8(truncatingIfNeeded: bitLength >> (UInt64(i) * 8))) }
        tail.withUnsafeBytes { t in
            for o in stride(from: 0, to: t.count, by: 64) { h.block(t.baseAddress! + o) }
        }
        let words = [h.a, h.b, h.c, h.d, h.e, h.f, h.g, h.h]
        return words.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> (24 - UInt32($0) * 8)) } }
    }

    /// The eight working words, and one 64-byte block's compression: the message schedule in
    /// a fixed-size tuple on the stack, words loaded big-endian (issue 18: a third of the
    /// instructions of the array-based loop it replaced).
    struct State {
        var a: UInt32 = 0x6a09e667, b: UInt32 = 0xbb67ae85, c: UInt32 = 0x3c6ef372, d: UInt32 = 0xa54ff53a
        var e: UInt32 = 0x510e527f, f: UInt32 = 0x9b05688c, g: UInt32 = 0x1f83d9ab, h: UInt32 = 0x5be0cd19

        mutating func block(_ p: UnsafeRawPointer) {
            var w: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                    UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                    UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                    UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &w) { raw in
                let w = raw.bindMemory(to: UInt32.self)
                for t in 0..<16 { w[t] = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: t * 4, as: UInt32.self)) }
                for t in 16..<64 {
                    let x = w[t - 15], y = w[t - 2]
                    let s0 = SHA256.rotr(x, 7) ^ SHA256.rotr(x, 18) ^ (x >> 3)
                    let s1 = SHA256.rotr(y, 17) ^ SHA256.rotr(y, 19) ^ (y >> 10)
                    w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
                }
                var (a, b, c, d, e, f, g, hh) = (self.a, self.b, self.c, self.d, self.e, self.f, self.g, self.h)
                SHA256.k.withUnsafeBufferPointer { k in
                    for t in 0..<64 {
                        let s1 = SHA256.rotr(e, 6) ^ SHA256.rotr(e, 11) ^ SHA256.rotr(e, 25)
                        let ch = (e & f) ^ (~e & g)
                        let t1 = hh &+ s1 &+ ch &+ k[t] &+ w[t]
                        let s0 = SHA256.rotr(a, 2) ^ SHA256.rotr(a, 13) ^ SHA256.rotr(a, 22)
                        let maj = (a & b) ^ (a & c) ^ (b & c)
                        let t2 = s0 &+ maj
                        hh = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
                    }
                }
                self.a = self.a &+ a; self.b = self.b &+ b; self.c = self.c &+ c; self.d = self.d &+ d
                self.e = self.e &+ e; self.f = self.f &+ f; self.g = self.g &+ g; self.h = self.h &+ hh
            }
        }
    }

    @inline(__always) static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { x >> n | x << (32 - n) }

    static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]
}
