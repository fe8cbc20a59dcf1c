import PageModel

extension DeadlineCountdown {
    /// `tick(_:)` for the parsers, whose errors are `ParseError`s: a passed deadline is `tooSlow`.
    @inline(__always)
    mutating func tickParsing(_ place: @autoclosure () -> String) throws(ParseError) {
        do { try tick(place()) } catch { throw ParseError(error) }
    }
}

extension PageDeadline {
    /// `check(_:)` for the parsers, between their steps.
    func checkParsing(_ place: @autoclosure () -> String) throws(ParseError) {
        do { try check(place()) } catch { throw ParseError(error) }
    }
}
