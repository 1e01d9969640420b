/// A place in a text input: byte offset, and 1-based line and column (columns count characters).
public struct TextLocation: Hashable, Sendable, CustomStringConvertible {
    /// Byte offset from the start of the UTF-8 input.
    public var offset: Int
    /// 1-based line.
    public var line: Int
    /// 1-based column, counting Unicode scalars.
    public var column: Int

    /// Creates a location from its parts.
    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// Computes line and column of `offset` in `bytes` (only done when an error is reported).
    static func locate(_ offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> TextLocation {
        var line = 1, column = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let b = bytes[i]
            if b == 10 { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return TextLocation(offset: offset, line: line, column: column)
    }

    public var description: String { "line \(line), column \(column) (byte \(offset))" }
}
