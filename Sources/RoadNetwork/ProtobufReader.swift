/// A hand-written reader of the protobuf wire format (varints, zigzag, length-delimited and packed
/// fields) over a byte buffer, for OSM PBF blocks. Only used inside `withUnsafeBufferPointer`.
struct ProtobufReader {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var index: Int
    let end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil) {
        self.bytes = bytes
        index = range?.lowerBound ?? 0
        end = range?.upperBound ?? bytes.count
    }

    var isAtEnd: Bool { index >= end }

    /// Why a protobuf message could not be read; `at` is the byte offset within the block.
    enum Failure: Error, Equatable {
        case truncated(at: Int)
        case malformed(String, at: Int)
    }

    @inline(__always)
    mutating func varint() throws(Failure) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard index < end else { throw .truncated(at: index) }
            let byte = bytes[index]
            index += 1
            if shift == 63, byte > 1 { throw .malformed("varint longer than 64 bits", at: index - 1) }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw .malformed("varint longer than 10 bytes", at: index - 1) }
        }
    }

    @inline(__always)
    static func zigzag(_ v: UInt64) -> Int64 {
        Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    @inline(__always)
    mutating func sint64() throws(Failure) -> Int64 { Self.zigzag(try varint()) }

    /// The next field's number and wire type, or `nil` at the end of the message.
    @inline(__always)
    mutating func field() throws(Failure) -> (number: Int, wireType: Int)? {
        guard index < end else { return nil }
        let start = index
        let key = try varint()
        let number = key >> 3
        guard number > 0, number <= 536_870_911 else { throw .malformed("field number \(number)", at: start) }
        return (Int(number), Int(key & 7))
    }

    /// A length-delimited field's byte range (wire type 2).
    mutating func lengthDelimited() throws(Failure) -> Range<Int> {
        let start = index
        let length = try varint()
        guard length <= UInt64(end - index) else { throw .truncated(at: start) }
        let range = index..<(index + Int(length))
        index += Int(length)
        return range
    }

    /// Skips a field's value of the given wire type.
    mutating func skip(wireType: Int) throws(Failure) {
        switch wireType {
        case 0: _ = try varint()
        case 1: try advance(8)
        case 2: _ = try lengthDelimited()
        case 5: try advance(4)
        default: throw .malformed("unsupported wire type \(wireType)", at: index)
        }
    }

    private mutating func advance(_ n: Int) throws(Failure) {
        guard end - index >= n else { throw .truncated(at: index) }
        index += n
    }

    /// Checks that a field has the expected wire type.
    @inline(__always)
    func expect(_ wireType: Int, is expected: Int, field: String) throws(Failure) {
        if wireType != expected { throw .malformed("\(field) has wire type \(wireType), expected \(expected)", at: index) }
    }

    /// A reader over a sub-range (an embedded message or a packed field).
    func sub(_ range: Range<Int>) -> ProtobufReader { ProtobufReader(bytes, range: range) }

    /// The bytes of a range as a string (UTF-8, repaired).
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Whether the bytes of `range` equal `literal`.
    func equals(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let p = literal.utf8Start
        for i in 0..<range.count where bytes[range.lowerBound + i] != p[i] { return false }
        return true
    }
}
