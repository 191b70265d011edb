/// Collects the bytes in memory (tests, small documents). A class, so the caller keeps a handle on
/// the bytes while a writer owns the sink.
public final class ByteBufferSink: ByteSink {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public func write(_ bytes: UnsafeRawBufferPointer) {
        self.bytes.append(contentsOf: bytes)
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }
}
