import Dispatch
import Glibc

/// Turns termination signals into an async stream for as long as it is kept, so a run loop can
/// stop between two passes instead of dying in the middle of writing an answer.
final class SignalWatcher {
    let received: AsyncStream<Int32>
    private let continuation: AsyncStream<Int32>.Continuation
    private let signals: [Int32]
    private var sources: [any DispatchSourceSignal] = []

    init(_ signals: [Int32]) {
        (received, continuation) = AsyncStream.makeStream(of: Int32.self)
        self.signals = signals
        let continuation = self.continuation
        for number in signals {
            // The default action would end the process before Dispatch could report the signal.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// Stops watching and gives the signals their default action back.
    func stop() {
        sources.forEach { $0.cancel() }
        sources.removeAll()
        signals.forEach { signal($0, SIG_DFL) }
        continuation.finish()
    }

    deinit { stop() }
}
