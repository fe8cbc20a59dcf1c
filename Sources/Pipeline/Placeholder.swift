// Placeholder until the Pipeline target lands; replaced by its real sources.
enum PipelinePlaceholder {}
