import CLibFuzzer
#if canImport(Glibc)
import Glibc
#endif

/// The bytes of one input, as libFuzzer passes them.
public typealias FuzzInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Hands the process to libFuzzer with `test` as the function it calls for each input, with the
/// command line's options and corpus folders, and exits with libFuzzer's status.
///
/// SwiftPM gives an executable its own entry point (renamed for the linker), so each fuzz target has a
/// `@main` that calls this rather than taking libFuzzer's `main`.
public func runFuzzer(test: FuzzInput) -> Never {
    var count = CommandLine.argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&count, &arguments, test))
}

/// The input as a buffer (libFuzzer may pass no pointer for an empty input).
public func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: size > 0 ? data : nil, count: size)
}
