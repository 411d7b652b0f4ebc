import Foundation
import Testing
import History

/// The history writes raw deflate with zlib at level 1 and reads it back through ZIPFoundation:
/// every size comes back byte for byte, and text still shrinks.
@Suite struct DeflateLevelTests {
    @Test(arguments: [0, 1, 100, 65_535, 65_536, 300_000])
    func compressedDataReadsBackTheSame(_ size: Int) throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(size + 1)
        let bytes = (0..<size).map { i -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return i % 3 == 0 ? UInt8(truncatingIfNeeded: state >> 56) : UInt8(ascii: "a") + UInt8(i % 7)
        }
        let data = Data(bytes)
        let packed = try Deflate.compress(data)
        #expect(try Deflate.decompress(packed) == data)
    }

    @Test func textShrinks() throws {
        let text = Data(String(repeating: "{\"schulnummer\": \"123456\", \"devices\": 42, \"cost\": 14574.00},\n", count: 2_000).utf8)
        let packed = try Deflate.compress(text)
        #expect(packed.count < text.count / 10)
        #expect(try Deflate.decompress(packed) == text)
    }
}
