// Placeholder until the PageDecode target lands; replaced by its real sources.
enum PageDecodePlaceholder {}
