import Testing
@testable import _SHA256

/// The processor's SHA extensions (sha256ni.c) give the digests of the portable code, on the
/// NIST vectors and on seeded random inputs of every length around the block size.
@Suite(.serialized) struct SHA256ExtensionsTests {
    static func portable<T>(_ body: () -> T) -> T {
        SHA256.portable = true
        defer { SHA256.portable = false }
        return body()
    }

    @Test(.enabled(if: SHA256.hasExtensions, "the processor has no SHA extensions"))
    func extensionsGiveThePortableDigests() {
        var seed: UInt64 = 20
        func byte() -> UInt8 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return UInt8(truncatingIfNeeded: seed >> 33) }
        let lengths = Array(0...300) + [1_000, 4_095, 4_096, 65_537, 1_000_003]
        for n in lengths {
            let data = (0..<n).map { _ in byte() }
            #expect(SHA256.useExtensions)
            let fast = SHA256.hex(data)
            #expect(fast == Self.portable { SHA256.hex(data) }, "\(n) bytes")
        }
        #expect(Self.portable { SHA256.hex(Array("abc".utf8)) } == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
