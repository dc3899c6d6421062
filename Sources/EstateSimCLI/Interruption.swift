import EstateReports
import Foundation
import Synchronization

/// On SIGINT or SIGTERM, removes the staged outputs of the run in progress before exiting (130 or
/// 143, as a shell reports a signal), so an interrupted run leaves nothing behind. SIGKILL cannot
/// be caught: its staging folder is cleared by the next run into the same folder.
enum Interruption {
    private static let pending = Mutex<OutputDirectory?>(nil)
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    /// Cleans up `output` if the process is interrupted from now on; nil once it is committed.
    static func cleanUp(_ output: OutputDirectory?) {
        pending.withLock { $0 = output }
        guard output != nil, sources.isEmpty else { return }
        for (signal, code) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
            Foundation.signal(signal, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
            source.setEventHandler {
                // Waits for a commit in progress; then nothing is left half done. `_exit`, not
                // `exit`: the workers are still running and must not see the process tear down.
                pending.withLock { $0?.abandon() }
                _exit(code)
            }
            source.resume()
            sources.append(source)
        }
    }
}
