import Foundation
import Testing
@testable import History

/// The history writes raw deflate with zlib (level 2, memLevel 7) and reads it back through
/// ZIPFoundation: every size comes back byte for byte, text still shrinks, and what earlier
/// versions wrote (level 1) still reads back.
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

    /// Raw deflate as the history wrote it before (zlib level 1, memLevel 8; made with Python's
    /// zlib.compressobj(1, DEFLATED, -15, 8)).
    @Test func aRecordDeflatedAtTheFormerLevelReadsBack() throws {
        let hex = "abe65250502a4ecec8cfcf2956b2528806721514aa953253801c254303203054d251504a492dcb4c4e05a9303432a8d5c1546584a90aa82896ab960b00"
        var packed = Data()
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            packed.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        let text = "{\n  \"schools\": [\n    {\"id\": \"100001\", \"devices\": 120},\n    {\"id\": \"100002\", \"devices\": 120}\n  ]\n}\n"
        #expect(try Deflate.decompress(packed) == Data(text.utf8))
        // And what is written now reads back alike.
        #expect(try Deflate.decompress(try Deflate.compress(Data(text.utf8))) == Data(text.utf8))
    }

    @Test func textShrinks() throws {
        let text = Data(String(repeating: "{\"schulnummer\": \"123456\", \"devices\": 42, \"cost\": 14574.00},\n", count: 2_000).utf8)
        let packed = try Deflate.compress(text)
        #expect(packed.count < text.count / 10)
        #expect(try Deflate.decompress(packed) == text)
    }
}

/// Data larger than a piece (a state-wide or a 40,000-school plan.json) is deflated in pieces on
/// the cores, pigz's way (issue 18): one raw deflate stream that reads back whole, made of the
/// pieces deflated on their own, each primed with the 32 KiB before it.
@Suite struct DeflatePiecesTests {
    /// JSON-like text with numbers that vary: compressible as a plan.json is, not trivially.
    static func text(_ size: Int) -> Data {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        var out = Data()
        out.reserveCapacity(size + 200)
        while out.count < size {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            out.append(contentsOf: "    {\"schulnummer\": \"\(100_000 + state >> 44)\", \"devices\": \(state >> 58), \"cost\": \(state >> 50).00},\n".utf8)
        }
        return out.prefix(size)
    }

    @Test(arguments: [Deflate.piece + 1, 2 * Deflate.piece, 3 * Deflate.piece + 12_345])
    func largeDataReadsBackWhole(_ size: Int) throws {
        let data = Self.text(size)
        let packed = try Deflate.compress(data)
        #expect(packed.count < data.count / 2)
        #expect(try Deflate.decompress(packed) == data)
    }

    @Test func largeDataIsThePiecesDeflatedOnTheirOwn() throws {
        let data = Self.text(3 * Deflate.piece + 777)
        var expected = Data()
        try data.withUnsafeBytes { whole in
            var start = 0
            while start < whole.count {
                let end = min(whole.count, start + Deflate.piece)
                expected.append(try Deflate.deflatePiece(UnsafeRawBufferPointer(rebasing: whole[start ..< end]),
                                                         dictionary: UnsafeRawBufferPointer(rebasing: whole[max(0, start - Deflate.dictionary) ..< start]),
                                                         last: end == whole.count))
                start = end
            }
        }
        #expect(try Deflate.compress(data) == expected)
        // Data of one piece or less is one deflate call, as before.
        let small = Self.text(Deflate.piece)
        #expect(try Deflate.compress(small) == small.withUnsafeBytes {
            try Deflate.deflatePiece($0, dictionary: UnsafeRawBufferPointer(start: nil, count: 0), last: true)
        })
    }
}
