/// Where a writer's bytes go: a file, an atomically published file, memory.
///
/// Writers buffer on their side and call `write` with large blocks; a sink need not buffer again.
public protocol ByteSink {
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
}
