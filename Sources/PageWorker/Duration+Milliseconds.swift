extension Duration {
    /// Whole milliseconds, negative durations as 0: what librdkafka's timeouts, Dispatch waits and
    /// the probes' JSON take.
    var wholeMilliseconds: Int {
        Int(max(.zero, self) / .milliseconds(1))
    }
}
