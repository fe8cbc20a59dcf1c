import Testing

// Placeholder until this target's tests land.
@Test func PageParseTestsPlaceholder() {}
