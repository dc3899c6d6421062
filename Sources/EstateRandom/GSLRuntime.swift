internal import CGSL

/// Runs exactly once per process, the first time any EstateRandom type touches GSL. A global
/// `let` is initialised lazily under `swift_once`, so this is thread-safe without a lock.
private let errorHandlerOff: Void = {
    _ = gsl_set_error_handler_off()
}()

/// One-time GSL setup and facts about the linked library.
///
/// GSL's default error handler calls `abort()`. EstateSim validates every parameter in Swift before
/// it reaches GSL, and turns the handler off so that a missed case returns an error code (ignored,
/// then caught by the invariants) instead of killing a batch.
public enum GSLRuntime {
    /// Turns off GSL's abort-on-error handler (`gsl_set_error_handler_off`).
    ///
    /// Idempotent and thread-safe; `RandomStream.init` and `DiscreteTable.init` call it, so
    /// callers only need it before using GSL through some other route.
    public static func installErrorHandling() {
        errorHandlerOff
    }

    /// The version of the GSL library linked at run time, e.g. `"2.7.1"`, for run manifests.
    public static var version: String {
        String(cString: estatesim_gsl_version())
    }
}
