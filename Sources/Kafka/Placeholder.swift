// Placeholder until the Kafka target lands; replaced by its real sources.
enum KafkaPlaceholder {}
