// Placeholder until the PageCorpus target lands; replaced by its real sources.
enum PageCorpusPlaceholder {}
