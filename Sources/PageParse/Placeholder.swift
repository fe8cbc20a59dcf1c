// Placeholder until the PageParse target lands; replaced by its real sources.
enum PageParsePlaceholder {}
