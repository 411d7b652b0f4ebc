import Allocation
import Foundation

/// Where a JSON document is written to, value by value in document order: a byte buffer
/// (`JSONWriter`, what plan.json is written with) or a `JSONValue` tree (`JSONTreeBuilder`, for
/// callers that put the document into a larger one). A document written once against this
/// protocol has one field list for both (`PlanJSON.write`).
///
/// In an object each value follows its `key`; in an array values follow one another.
protocol JSONSink {
    mutating func beginObject()
    mutating func endObject()
    mutating func beginArray()
    mutating func endArray()
    /// A key written in the source (plain ASCII: written without checking for escapes).
    mutating func key(_ key: StaticString)
    /// A key made at run time (an id, a key path): quoted with escapes.
    mutating func dynamicKey(_ key: String)
    mutating func string(_ s: String)
    mutating func int(_ i: Int)
    mutating func money(_ m: Money)
    /// A number already formatted as JSON.
    mutating func number(_ text: String)
    mutating func bool(_ b: Bool)
    mutating func null()
    mutating func value(_ v: JSONValue)
    /// The members of the open array, `write` making one member of each item, in order
    /// (`JSONWriter` writes a long list in parts on the cores: the bytes the plain loop writes).
    mutating func members<Item: Sendable>(_ items: [Item], _ write: @Sendable (Item, inout Self) -> Void)
}

extension JSONSink {
    /// Fixed decimals; null when not finite (`JSONValue.double`).
    mutating func double(_ d: Double, _ decimals: Int = 6) {
        if d.isFinite { number(fixed(d, decimals)) } else { null() }
    }

    /// A share as its exact ratio; null without one (`JSONValue.share`).
    mutating func share(_ s: Share?) {
        if let s { number(s.exactText) } else { null() }
    }

    mutating func string(_ key: StaticString, _ s: String) { self.key(key); string(s) }
    mutating func int(_ key: StaticString, _ i: Int) { self.key(key); int(i) }
    mutating func money(_ key: StaticString, _ m: Money) { self.key(key); money(m) }
    mutating func int(dynamicKey key: String, _ i: Int) { dynamicKey(key); int(i) }
}

/// Pretty-printed JSON straight into one byte buffer: two spaces an indent level, `"key": value`,
/// `{}` and `[]` for empty containers, numbers written digit by digit (no String per value).
/// The format of every JSON document the tool writes (`JSONValue.bytes` renders through it),
/// so that plan.json written directly (`PlanJSON.bytes`) has the bytes of its `JSONValue`
/// document (`PlanJSONWriterTests`).
struct JSONWriter: JSONSink {
    private(set) var bytes: [UInt8] = []
    private var depth = 0
    /// Whether the value to come is an object's (its key is written already).
    private var afterKey = false
    /// Per open container: whether it has no member yet.
    private var empty: [Bool] = []
    /// Starts every line after the first (the indent a document is rendered at; usually none).
    private let prefix: [UInt8]

    init(capacity: Int = 4096, indent: String = "") {
        prefix = Array(indent.utf8)
        bytes.reserveCapacity(capacity)
        empty.reserveCapacity(16)
    }

    /// A writer that goes on inside an open array at `depth` (`members`' parts): its bytes are
    /// what the writer of the whole document writes there; `first`: no member before them.
    private init(capacity: Int, prefix: [UInt8], insideArrayAt depth: Int, first: Bool) {
        self.prefix = prefix
        self.depth = depth
        bytes.reserveCapacity(capacity)
        empty.reserveCapacity(16)
        empty.append(first)
    }

    /// Below twice this many items `members` writes them on the calling thread; from there on,
    /// in parts of at least this many on the cores (issue 18: the plan.json of 40,005 schools,
    /// 26 MB, is written for every recorded run; 512 schools are about 330 KB, a few ms).
    static let membersPerPart = 512

    /// Long lists in parts on the cores, each part into its own writer that starts where the
    /// one before ends (inside the array, at its depth, after a member but for the first part),
    /// then the parts' bytes appended in order: the bytes of the plain loop, on any number of cores.
    mutating func members<Item: Sendable>(_ items: [Item], _ write: @Sendable (Item, inout JSONWriter) -> Void) {
        let parts = items.count / Self.membersPerPart
        guard parts >= 2 else {
            items.withUnsafeBufferPointer { items in
                for i in items.indices { write(items[i], &self) }
            }
            return
        }
        let results = ParallelResults<[UInt8], Never>(count: parts)
        let first = empty[empty.count - 1], depth = depth, prefix = prefix, start = bytes.count
        DispatchQueue.concurrentPerform(iterations: min(parts, ProcessInfo.processInfo.activeProcessorCount)) { _ in
            while let p = results.claim() {
                let range = items.count * p / parts ..< items.count * (p + 1) / parts
                var part = JSONWriter(capacity: 768 * range.count, prefix: prefix, insideArrayAt: depth, first: first && p == 0)
                // Each item borrowed in place (a `for item in` loop copied every school: a retain per field).
                items.withUnsafeBufferPointer { items in
                    for i in range { write(items[i], &part) }
                }
                results.set(p, part.bytes)
            }
        }
        let written = results.values
        bytes.reserveCapacity(start + written.reduce(0) { $0 + $1!.count })
        for part in written { bytes.append(contentsOf: part!) }
        empty[empty.count - 1] = false
    }

    /// The bytes written, handed over: the writer keeps no reference, so the caller's next
    /// append does not copy them (the writer is empty afterwards).
    mutating func takeBytes() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }

    /// Indents up to 32 levels appended whole (most of a pretty-printed document's bytes are spaces).
    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    private mutating func newline(_ depth: Int) {
        bytes.append(0x0A)
        if !prefix.isEmpty { bytes.append(contentsOf: prefix) }
        if depth <= 32 {
            Self.spaces.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0 ..< 2 &* depth])) }
        } else {
            for _ in 0..<depth { bytes.append(0x20); bytes.append(0x20) }
        }
    }

    /// Before a member of the innermost container: the comma after the one before, a new line, the indent.
    private mutating func member() {
        if empty[empty.count - 1] { empty[empty.count - 1] = false } else { bytes.append(0x2C) }
        newline(depth)
    }

    /// Before a value: in an array it is a member; in an object its key placed it.
    @inline(__always) private mutating func open() {
        if afterKey { afterKey = false } else if depth > 0 { member() }
    }

    mutating func beginObject() { open(); bytes.append(0x7B); depth += 1; empty.append(true) }
    mutating func beginArray() { open(); bytes.append(0x5B); depth += 1; empty.append(true) }
    mutating func endObject() { close(0x7D) }
    mutating func endArray() { close(0x5D) }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if !empty.removeLast() { newline(depth) }
        bytes.append(bracket)
    }

    /// The comma after the member before, the new line, the indent and `"key": `, put together
    /// and appended in one piece (a key per member is most of a document's appends: a third of
    /// the instructions of writing plan.json went into appending its pieces one by one).
    mutating func key(_ key: StaticString) {
        let comma = !empty[empty.count - 1]
        empty[empty.count - 1] = false
        let indent = 2 &* depth
        key.withUTF8Buffer { k in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1 + 1 + prefix.count + indent + k.count + 4) { b in
                var i = 0
                if comma { b[i] = 0x2C; i += 1 }
                b[i] = 0x0A; i += 1
                for p in prefix { b[i] = p; i += 1 }
                (b.baseAddress! + i).initialize(repeating: 0x20, count: indent); i += indent
                b[i] = 0x22; i += 1
                if k.count > 0 { (b.baseAddress! + i).initialize(from: k.baseAddress!, count: k.count); i += k.count }
                b[i] = 0x22; b[i + 1] = 0x3A; b[i + 2] = 0x20; i += 3
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[0 ..< i]))
            }
        }
        afterKey = true
    }

    mutating func dynamicKey(_ key: String) {
        member()
        Self.quote(key, into: &bytes)
        bytes.append(0x3A); bytes.append(0x20)
        afterKey = true
    }

    mutating func string(_ s: String) { open(); Self.quote(s, into: &bytes) }
    mutating func number(_ text: String) { open(); var t = text; t.withUTF8 { bytes.append(contentsOf: $0) } }
    mutating func bool(_ b: Bool) { open(); bytes.append(contentsOf: (b ? "true" : "false").utf8) }
    mutating func null() { open(); bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C] as [UInt8]) }

    /// `String(i)`'s digits.
    mutating func int(_ i: Int) {
        open()
        if i >= 0 && i < 10 { bytes.append(0x30 &+ UInt8(truncatingIfNeeded: i)); return }
        digits(i.magnitude, negative: i < 0, cents: false)
    }

    /// `Money.plain`'s text: "6100000.00", "-0.05".
    mutating func money(_ m: Money) { open(); digits(m.cents.magnitude, negative: m.cents < 0, cents: true) }

    private mutating func digits(_ magnitude: UInt, negative: Bool, cents: Bool) {
        var a = magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var i = 24
            if cents {
                i -= 1; buffer[i] = 0x30 &+ UInt8(truncatingIfNeeded: a % 10); a /= 10
                i -= 1; buffer[i] = 0x30 &+ UInt8(truncatingIfNeeded: a % 10); a /= 10
                i -= 1; buffer[i] = 0x2E
            }
            repeat { i -= 1; buffer[i] = 0x30 &+ UInt8(truncatingIfNeeded: a % 10); a /= 10 } while a > 0
            if negative { i -= 1; buffer[i] = 0x2D }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i...]))
        }
    }

    mutating func value(_ v: JSONValue) {
        switch v {
        case .object(let fields):
            beginObject()
            for (k, value) in fields { dynamicKey(k); self.value(value) }
            endObject()
        case .array(let items):
            beginArray()
            for item in items { value(item) }
            endArray()
        case .string(let s): string(s)
        case .number(let n): number(n)
        case .bool(let b): bool(b)
        case .null: null()
        }
    }

    /// The string as a JSON string: `"` and `\` escaped, control characters as \n, \r, \t or \u00XX;
    /// everything else (UTF-8 included) as it is.
    static func quote(_ s: String, into out: inout [UInt8]) {
        var s = s
        // Most strings need no escape: found by a plain scan, then the quotes and the bytes
        // appended in one piece.
        let plain: Bool = s.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { out.append(0x22); out.append(0x22); return true }
            let n = bytes.count
            var i = 0
            // Eight bytes at a time: whether any is below 0x20, 0x22 or 0x5C (the exact "has a
            // byte below n" and "has a zero byte" word tests; bytes of 0x80 and up never flag).
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            let raw = UnsafeRawPointer(base)
            while i &+ 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C)
                let flags = ((w &- ones &* 0x20) & ~w) | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                if flags & highs != 0 { return false }
                i &+= 8
            }
            while i < n {
                let b = base[i]
                if b == 0x22 || b == 0x5C || b < 0x20 { return false }
                i &+= 1
            }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n + 2) { t in
                t[0] = 0x22
                (t.baseAddress! + 1).initialize(from: base, count: n)
                t[n + 1] = 0x22
                out.append(contentsOf: UnsafeBufferPointer(t))
            }
            return true
        }
        if plain { return }
        out.append(0x22)
        s.withUTF8 { bytes in
            var from = 0
            for (i, b) in bytes.enumerated() where b == 0x22 || b == 0x5C || b < 0x20 {
                out.append(contentsOf: bytes[from..<i])
                from = i + 1
                switch b {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(0x6E)
                case 0x0D: out.append(0x5C); out.append(0x72)
                case 0x09: out.append(0x5C); out.append(0x74)
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
            }
            out.append(contentsOf: bytes[from...])
        }
        out.append(0x22)
    }
}

/// A `JSONValue` tree built value by value (the same document `JSONWriter` writes as bytes).
struct JSONTreeBuilder: JSONSink {
    private struct Frame {
        var isObject: Bool
        var fields: [(String, JSONValue)] = []
        var items: [JSONValue] = []
        var key: String?
    }
    private var stack: [Frame] = []
    private(set) var root: JSONValue = .null

    private mutating func add(_ v: JSONValue) {
        guard !stack.isEmpty else { root = v; return }
        let top = stack.count - 1
        if stack[top].isObject {
            stack[top].fields.append((stack[top].key ?? "", v))
            stack[top].key = nil
        } else {
            stack[top].items.append(v)
        }
    }

    mutating func beginObject() { stack.append(Frame(isObject: true)) }
    mutating func beginArray() { stack.append(Frame(isObject: false)) }
    mutating func endObject() { let f = stack.removeLast(); add(.object(f.fields)) }
    mutating func endArray() { let f = stack.removeLast(); add(.array(f.items)) }
    mutating func key(_ key: StaticString) { stack[stack.count - 1].key = key.description }
    mutating func dynamicKey(_ key: String) { stack[stack.count - 1].key = key }
    mutating func string(_ s: String) { add(.string(s)) }
    mutating func int(_ i: Int) { add(.int(i)) }
    mutating func money(_ m: Money) { add(.money(m)) }
    mutating func number(_ text: String) { add(.number(text)) }
    mutating func bool(_ b: Bool) { add(.bool(b)) }
    mutating func null() { add(.null) }
    mutating func value(_ v: JSONValue) { add(v) }
    mutating func members<Item: Sendable>(_ items: [Item], _ write: @Sendable (Item, inout JSONTreeBuilder) -> Void) {
        for item in items { write(item, &self) }
    }
}
