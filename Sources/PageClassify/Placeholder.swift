// Placeholder until the PageClassify target lands; replaced by its real sources.
enum PageClassifyPlaceholder {}
