// Placeholder until the PageCore target lands; replaced by its real sources.
enum PageCorePlaceholder {}
